(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 27
(002) ldh      [20]
(003) and      #0x1fff
(004) jeq      #0x0             jt 5	jf 27
(005) ldb      [14]
(006) and      #0xf
(007) mul      #0x4
(008) st       M[0]
(009) st       M[1]
(010) ldx      M[1]
(011) ldh      [x + 14]
(012) st       M[1]
(013) ld       M[0]
(014) ldx      M[1]
(015) st       M[1]
(016) stx      M[0]
(017) ldx      M[1]
(018) ldh      [x + 16]
(019) st       M[1]
(020) jeq      #0x35            jt 28	jf 21
(021) ld       M[1]
(022) jeq      #0x50            jt 28	jf 23
(023) ld       M[0]
(024) jeq      #0x35            jt 28	jf 25
(025) ld       M[0]
(026) jeq      #0x50            jt 28	jf 27
(027) ret      #0
(028) ret      #262144
