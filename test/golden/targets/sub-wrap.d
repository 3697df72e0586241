(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 20
(002) ldb      [23]
(003) st       M[0]
(004) jge      #0xa             jt 9	jf 5
(005) ld       #0x0
(006) sub      #0x0
(007) sub      #0x1
(008) ja       11
(009) ld       #0x0
(010) sub      #0x0
(011) st       M[1]
(012) ld       M[0]
(013) sub      #0xa
(014) st       M[0]
(015) ld       M[1]
(016) jgt      #0x0             jt 21	jf 17
(017) jeq      #0x0             jt 18	jf 20
(018) ld       M[0]
(019) jgt      #0x64            jt 21	jf 20
(020) ret      #0
(021) ret      #262144
