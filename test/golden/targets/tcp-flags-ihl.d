(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 11
(004) ldb      [14]
(005) and      #0xf
(006) lsh      #2
(007) tax
(008) ldb      [x + 27]
(009) and      #0x5
(010) jeq      #0x0             jt 12	jf 13
(011) ret      #0
(012) ret      #0
(013) ret      #262144
