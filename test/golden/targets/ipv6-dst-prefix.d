(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 53
(002) ld       [50]
(003) st       M[0]
(004) ld       [46]
(005) st       M[1]
(006) ld       [42]
(007) st       M[2]
(008) ld       [38]
(009) jgt      #0xff000000      jt 54	jf 10
(010) jeq      #0xff000000      jt 11	jf 19
(011) ld       M[2]
(012) jgt      #0x0             jt 54	jf 13
(013) jeq      #0x0             jt 14	jf 19
(014) ld       M[1]
(015) jgt      #0x0             jt 54	jf 16
(016) jeq      #0x0             jt 17	jf 19
(017) ld       M[0]
(018) jge      #0x0             jt 54	jf 19
(019) ld       [50]
(020) st       M[0]
(021) ld       [46]
(022) st       M[1]
(023) ld       [42]
(024) st       M[2]
(025) ld       [38]
(026) jge      #0xfe800000      jt 27	jf 53
(027) jeq      #0xfe800000      jt 28	jf 36
(028) ld       M[2]
(029) jge      #0x0             jt 30	jf 53
(030) jeq      #0x0             jt 31	jf 36
(031) ld       M[1]
(032) jge      #0x0             jt 33	jf 53
(033) jeq      #0x0             jt 34	jf 36
(034) ld       M[0]
(035) jge      #0x0             jt 36	jf 53
(036) ld       [50]
(037) st       M[0]
(038) ld       [46]
(039) st       M[1]
(040) ld       [42]
(041) st       M[2]
(042) ld       [38]
(043) jge      #0xfebfffff      jt 44	jf 54
(044) jeq      #0xfebfffff      jt 45	jf 53
(045) ld       M[2]
(046) jge      #0xffffffff      jt 47	jf 54
(047) jeq      #0xffffffff      jt 48	jf 53
(048) ld       M[1]
(049) jge      #0xffffffff      jt 50	jf 54
(050) jeq      #0xffffffff      jt 51	jf 53
(051) ld       M[0]
(052) jgt      #0xffffffff      jt 53	jf 54
(053) ret      #0
(054) ret      #262144
