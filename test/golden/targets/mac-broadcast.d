(000) ld       [4]
(001) and      #0xffff0000
(002) st       M[0]
(003) ld       [0]
(004) and      #0xffffffff
(005) jeq      #0xffffffff      jt 6	jf 8
(006) ld       M[0]
(007) jeq      #0xffff0000      jt 9	jf 8
(008) ret      #0
(009) ret      #262144
