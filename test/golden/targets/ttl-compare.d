(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 16
(002) ldb      [22]
(003) st       M[0]
(004) ldh      [18]
(005) and      #0xff
(006) st       M[1]
(007) ldx      M[1]
(008) ld       M[0]
(009) jge      x                jt 10	jf 16
(010) ldb      [22]
(011) jgt      #0x80            jt 12	jf 14
(012) ld       #0x0
(013) ja       15
(014) ld       #0x1
(015) jeq      #0x0             jt 17	jf 18
(016) ret      #0
(017) ret      #0
(018) ret      #262144
