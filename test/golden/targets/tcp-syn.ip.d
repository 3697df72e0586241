(000) ldb      [0]
(001) rsh      #4
(002) jeq      #0x4             jt 4	jf 3
(003) ret      #0
(004) ldb      [9]
(005) jeq      #0x6             jt 6	jf 9
(006) ldb      [33]
(007) and      #0x2
(008) jeq      #0x2             jt 10	jf 9
(009) ret      #0
(010) ret      #262144
