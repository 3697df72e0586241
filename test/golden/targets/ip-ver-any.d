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
(014) jeq      #0x6             jt 17	jf 15
(015) ld       #0x0
(016) ja       18
(017) ld       #0x1
(018) st       M[1]
(019) txa
(020) ldx      M[1]
(021) or       x
(022) jeq      #0x0             jt 23	jf 24
(023) ret      #0
(024) ret      #262144
