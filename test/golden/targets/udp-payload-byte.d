(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 23
(002) ldb      [23]
(003) jeq      #0x11            jt 4	jf 23
(004) ldb      [14]
(005) and      #0xf
(006) mul      #0x4
(007) st       M[0]
(008) st       M[1]
(009) ldx      M[1]
(010) ld       [x + 14]
(011) jgt      #0x0             jt 14	jf 12
(012) ld       #0x0
(013) ja       15
(014) ld       #0x1
(015) jeq      #0x0             jt 23	jf 16
(016) ldx      M[0]
(017) ldb      [x + 22]
(018) jge      #0x45            jt 21	jf 19
(019) ld       #0x0
(020) ja       22
(021) ld       #0x1
(022) jeq      #0x0             jt 24	jf 25
(023) ret      #0
(024) ret      #0
(025) ret      #262144
