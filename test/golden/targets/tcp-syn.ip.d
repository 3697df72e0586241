(000) ldb      [0]
(001) rsh      #4
(002) jeq      #0x4             jt 8	jf 3
(003) jeq      #0x6             jt 6	jf 4
(004) ld       #0x0
(005) ja       9
(006) ld       #0x86dd
(007) ja       9
(008) ld       #0x800
(009) jeq      #0x800           jt 10	jf 15
(010) ldb      [9]
(011) jeq      #0x6             jt 12	jf 15
(012) ldb      [33]
(013) and      #0x2
(014) jeq      #0x2             jt 16	jf 15
(015) ret      #0
(016) ret      #262144
