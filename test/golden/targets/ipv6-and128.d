(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 54
(002) ld       [50]
(003) st       M[0]
(004) ld       [46]
(005) st       M[1]
(006) ld       [42]
(007) st       M[2]
(008) ld       [38]
(009) st       M[3]
(010) ld       M[2]
(011) and      #0xffffffff
(012) st       M[2]
(013) ld       M[3]
(014) and      #0xffffffff
(015) st       M[3]
(016) ld       M[0]
(017) and      #0x0
(018) st       M[0]
(019) ld       M[1]
(020) and      #0x0
(021) st       M[1]
(022) ld       M[2]
(023) xor      #0x0
(024) st       M[2]
(025) ld       M[3]
(026) xor      #0xfe800000
(027) st       M[3]
(028) ld       M[0]
(029) xor      #0x0
(030) st       M[0]
(031) ld       M[1]
(032) xor      #0x0
(033) st       M[1]
(034) ld       M[2]
(035) or       #0x0
(036) st       M[2]
(037) ld       M[3]
(038) or       #0x0
(039) st       M[3]
(040) ld       M[0]
(041) or       #0x0
(042) st       M[0]
(043) ld       M[1]
(044) or       #0x0
(045) st       M[1]
(046) ld       M[3]
(047) jeq      #0x0             jt 48	jf 54
(048) ld       M[2]
(049) jeq      #0x0             jt 50	jf 54
(050) ld       M[1]
(051) jeq      #0x0             jt 52	jf 54
(052) ld       M[0]
(053) jeq      #0x0             jt 55	jf 54
(054) ret      #0
(055) ret      #262144
