(000) ld       #pktlen
(001) jge      #0xf             jt 4	jf 2
(002) ld       #0x0
(003) ja       6
(004) ldb      [14]
(005) rsh      #4
(006) st       M[0]
(007) jeq      #0x4             jt 10	jf 8
(008) ld       #0x0
(009) ja       11
(010) ld       #0x1
(011) st       M[1]
(012) ld       M[0]
(013) ldx      M[1]
(014) st       M[1]
(015) stx      M[0]
(016) ld       M[1]
(017) jeq      #0x6             jt 20	jf 18
(018) ld       #0x0
(019) ja       21
(020) ld       #0x1
(021) st       M[1]
(022) ld       M[0]
(023) ldx      M[1]
(024) or       x
(025) jeq      #0x0             jt 26	jf 27
(026) ret      #0
(027) ret      #262144
