(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 16
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 16
(004) ldb      [14]
(005) and      #0xf
(006) lsh      #2
(007) st       M[0]
(008) ldx      M[0]
(009) ldb      [x + 27]
(010) and      #0x5
(011) jeq      #0x0             jt 12	jf 14
(012) ld       #0x0
(013) ja       15
(014) ld       #0x1
(015) jeq      #0x0             jt 17	jf 18
(016) ret      #0
(017) ret      #0
(018) ret      #262144
