(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldh      [16]
(003) ldb      [14]
(004) and      #0xf
(005) lsh      #2
(006) st       M[0]
(007) ldh      [16]
(008) ldx      M[0]
(009) div      x
(010) jgt      #0x3             jt 13	jf 12
(011) ret      #0
(012) ret      #0
(013) ret      #262144
