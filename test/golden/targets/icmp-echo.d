(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 21
(002) ldb      [23]
(003) jeq      #0x1             jt 4	jf 21
(004) ldb      [34]
(005) jeq      #0x8             jt 8	jf 6
(006) ld       #0x0
(007) ja       9
(008) ld       #0x1
(009) st       M[0]
(010) ldb      [34]
(011) ldx      M[0]
(012) jeq      #0x0             jt 15	jf 13
(013) ld       #0x0
(014) ja       16
(015) ld       #0x1
(016) st       M[0]
(017) txa
(018) ldx      M[0]
(019) or       x
(020) jeq      #0x0             jt 22	jf 23
(021) ret      #0
(022) ret      #0
(023) ret      #262144
