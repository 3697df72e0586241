(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 17
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
(016) jge      #0x5             jt 18	jf 19
(017) ret      #0
(018) ret      #0
(019) ret      #262144
