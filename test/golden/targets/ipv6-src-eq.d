(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 43
(002) ld       [34]
(003) st       M[0]
(004) ld       [30]
(005) st       M[1]
(006) ld       [26]
(007) st       M[2]
(008) ld       [22]
(009) jeq      #0x0             jt 10	jf 16
(010) ld       M[2]
(011) jeq      #0x0             jt 12	jf 16
(012) ld       M[1]
(013) jeq      #0x0             jt 14	jf 16
(014) ld       M[0]
(015) jeq      #0x1             jt 18	jf 16
(016) ld       #0x0
(017) ja       19
(018) ld       #0x1
(019) st       M[2]
(020) ld       [34]
(021) st       M[1]
(022) ld       [30]
(023) st       M[3]
(024) ld       [26]
(025) st       M[0]
(026) ld       [22]
(027) jeq      #0x20010db8      jt 28	jf 36
(028) ld       M[0]
(029) jeq      #0x0             jt 30	jf 36
(030) ld       M[3]
(031) jeq      #0x0             jt 32	jf 36
(032) ld       M[1]
(033) jeq      #0x1             jt 34	jf 36
(034) ld       #0x0
(035) ja       37
(036) ld       #0x1
(037) xor      #0x1
(038) st       M[0]
(039) ld       M[2]
(040) ldx      M[0]
(041) or       x
(042) jeq      #0x0             jt 44	jf 45
(043) ret      #0
(044) ret      #0
(045) ret      #262144
