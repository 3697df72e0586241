(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 33
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 33
(004) ld       [38]
(005) st       M[0]
(006) ld       [34]
(007) st       M[1]
(008) ld       M[0]
(009) st       M[2]
(010) ld       M[1]
(011) st       M[1]
(012) ld       M[2]
(013) and      #0x0
(014) st       M[2]
(015) ld       M[1]
(016) and      #0xffff0000
(017) jeq      #0x500000        jt 18	jf 20
(018) ld       M[2]
(019) jeq      #0x0             jt 26	jf 20
(020) ldh      [36]
(021) jeq      #0x50            jt 24	jf 22
(022) ld       #0x0
(023) ja       25
(024) ld       #0x1
(025) jeq      #0x0             jt 34	jf 35
(026) ld       M[0]
(027) and      #0xffffffff
(028) jeq      #0x0             jt 29	jf 31
(029) ld       #0x0
(030) ja       32
(031) ld       #0x1
(032) jeq      #0x0             jt 34	jf 35
(033) ret      #0
(034) ret      #0
(035) ret      #262144
