(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 7
(002) ld       #pktlen
(003) jge      #0xf             jt 4	jf 7
(004) ldb      [14]
(005) rsh      #4
(006) jeq      #0x6             jt 8	jf 7
(007) ret      #0
(008) ret      #262144
