(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 9
(002) ld       [26]
(003) rsh      #24
(004) jeq      #0xa             jt 8	jf 5
(005) ld       [26]
(006) rsh      #16
(007) jeq      #0xc0a8          jt 11	jf 10
(008) ret      #262144
(009) ret      #0
(010) ret      #0
(011) ret      #262144
