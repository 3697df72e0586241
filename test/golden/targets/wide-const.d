(000) ldh      [12]
(001) jeq      #0x800           jt 4	jf 2
(002) ld       #0x0
(003) ja       5
(004) ld       #0x1
(005) st       M[0]
(006) ld       #0x1
(007) ldx      M[0]
(008) and      x
(009) jeq      #0x0             jt 10	jf 11
(010) ret      #0
(011) ret      #262144
