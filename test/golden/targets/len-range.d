(000) ld       #pktlen
(001) jge      #0x3c            jt 2	jf 4
(002) jgt      #0x3e8           jt 4	jf 3
(003) ret      #262144
(004) ret      #0
