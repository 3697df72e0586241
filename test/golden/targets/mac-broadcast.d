(000) ld       [4]
(001) st       M[0]
(002) ld       [0]
(003) st       M[1]
(004) ld       M[0]
(005) and      #0xffff0000
(006) st       M[0]
(007) ld       M[1]
(008) and      #0xffffffff
(009) jeq      #0xffffffff      jt 10	jf 12
(010) ld       M[0]
(011) jeq      #0xffff0000      jt 14	jf 12
(012) ld       #0x0
(013) ja       15
(014) ld       #0x1
(015) jeq      #0x0             jt 16	jf 17
(016) ret      #0
(017) ret      #262144
