(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 8
(002) ld       [26]
(003) rsh      #24
(004) jeq      #0xa             jt 9	jf 5
(005) ld       [26]
(006) rsh      #16
(007) jeq      #0xc0a8          jt 9	jf 8
(008) ret      #0
(009) ret      #262144
