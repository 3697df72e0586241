(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 25
(002) ldb      [23]
(003) jeq      #0x1             jt 4	jf 25
(004) ldb      [34]
(005) st       M[0]
(006) jeq      #0x8             jt 9	jf 7
(007) ld       #0x0
(008) ja       10
(009) ld       #0x1
(010) st       M[1]
(011) ld       M[0]
(012) ldx      M[1]
(013) st       M[1]
(014) stx      M[0]
(015) ld       M[1]
(016) jeq      #0x0             jt 19	jf 17
(017) ld       #0x0
(018) ja       20
(019) ld       #0x1
(020) st       M[1]
(021) ld       M[0]
(022) ldx      M[1]
(023) or       x
(024) jeq      #0x0             jt 26	jf 27
(025) ret      #0
(026) ret      #0
(027) ret      #262144
