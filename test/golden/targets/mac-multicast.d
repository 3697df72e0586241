(000) ldb      [0]
(001) and      #0x1
(002) jeq      #0x0             jt 3	jf 4
(003) ret      #0
(004) ret      #262144
