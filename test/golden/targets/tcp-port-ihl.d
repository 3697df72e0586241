(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 21
(002) ldh      [20]
(003) and      #0x1fff
(004) jeq      #0x0             jt 5	jf 21
(005) ldb      [14]
(006) and      #0xf
(007) mul      #0x4
(008) tax
(009) ldh      [x + 14]
(010) st       M[0]
(011) txa
(012) ldx      M[0]
(013) stx      M[0]
(014) tax
(015) ldh      [x + 16]
(016) jeq      #0x35            jt 22	jf 17
(017) jeq      #0x50            jt 22	jf 18
(018) ld       M[0]
(019) jeq      #0x35            jt 22	jf 20
(020) jeq      #0x50            jt 22	jf 21
(021) ret      #0
(022) ret      #262144
