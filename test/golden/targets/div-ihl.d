(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 16
(002) ldh      [16]
(003) st       M[0]
(004) ldb      [14]
(005) and      #0xf
(006) lsh      #2
(007) st       M[1]
(008) ld       M[0]
(009) ldx      M[1]
(010) div      x
(011) jgt      #0x3             jt 14	jf 12
(012) ld       #0x0
(013) ja       15
(014) ld       #0x1
(015) jeq      #0x0             jt 17	jf 18
(016) ret      #0
(017) ret      #0
(018) ret      #262144
