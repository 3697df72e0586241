(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 32
(002) ld       [34]
(003) ld       [22]
(004) jeq      #0x0             jt 5	jf 11
(005) ld       [26]
(006) jeq      #0x0             jt 7	jf 11
(007) ld       [30]
(008) jeq      #0x0             jt 9	jf 11
(009) ld       [34]
(010) jeq      #0x1             jt 13	jf 11
(011) ld       #0x0
(012) ja       14
(013) ld       #0x1
(014) st       M[0]
(015) ld       [22]
(016) jeq      #0x20010db8      jt 17	jf 25
(017) ld       [26]
(018) jeq      #0x0             jt 19	jf 25
(019) ld       [30]
(020) jeq      #0x0             jt 21	jf 25
(021) ld       [34]
(022) jeq      #0x1             jt 23	jf 25
(023) ld       #0x0
(024) ja       26
(025) ld       #0x1
(026) xor      #0x1
(027) st       M[1]
(028) ld       M[0]
(029) ldx      M[1]
(030) or       x
(031) jeq      #0x0             jt 33	jf 34
(032) ret      #0
(033) ret      #0
(034) ret      #262144
