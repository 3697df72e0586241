(000) ldh      [12]
(001) st       M[0]
(002) jeq      #0x806           jt 11	jf 3
(003) ld       M[0]
(004) jeq      #0x8100          jt 5	jf 12
(005) ldh      [16]
(006) jeq      #0x800           jt 9	jf 7
(007) ld       #0x0
(008) ja       10
(009) ld       #0x1
(010) jeq      #0x0             jt 13	jf 14
(011) ret      #262144
(012) ret      #0
(013) ret      #0
(014) ret      #262144
