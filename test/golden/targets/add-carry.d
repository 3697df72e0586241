(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 28
(002) ld       [26]
(003) st       M[0]
(004) ld       [30]
(005) st       M[1]
(006) ld       M[0]
(007) ldx      M[1]
(008) add      x
(009) ldx      M[1]
(010) jge      x                jt 15	jf 11
(011) ld       #0x0
(012) add      #0x0
(013) add      #0x1
(014) ja       17
(015) ld       #0x0
(016) add      #0x0
(017) st       M[2]
(018) ld       M[0]
(019) ldx      M[1]
(020) add      x
(021) st       M[0]
(022) ld       M[2]
(023) jge      #0x1             jt 24	jf 28
(024) jeq      #0x1             jt 25	jf 27
(025) ld       M[0]
(026) jge      #0x0             jt 27	jf 28
(027) ret      #262144
(028) ret      #0
