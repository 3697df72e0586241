(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 9
(002) ld       #pktlen
(003) jge      #0xf             jt 6	jf 4
(004) ld       #0x0
(005) ja       8
(006) ldb      [14]
(007) rsh      #4
(008) jeq      #0x6             jt 10	jf 9
(009) ret      #0
(010) ret      #262144
