(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 21
(002) ldb      [22]
(003) mul      #0x3
(004) st       M[0]
(005) ldb      [23]
(006) st       M[1]
(007) ld       M[0]
(008) ldx      M[1]
(009) add      x
(010) sub      #0x7
(011) neg
(012) xor      #0xffffffff
(013) add      #0x1
(014) and      #0xffffffff
(015) mod      #0xb
(016) jge      #0x5             jt 17	jf 19
(017) ld       #0x0
(018) ja       20
(019) ld       #0x1
(020) jeq      #0x0             jt 22	jf 23
(021) ret      #0
(022) ret      #0
(023) ret      #262144
