(000) ldb      [0]
(001) rsh      #4
(002) jeq      #0x4             jt 3	jf 8
(003) ldb      [9]
(004) jeq      #0x6             jt 5	jf 8
(005) ldb      [33]
(006) and      #0x2
(007) jeq      #0x2             jt 9	jf 8
(008) ret      #0
(009) ret      #262144
