(000) ld       #pktlen
(001) st       M[0]
(002) jge      #0x3c            jt 3	jf 6
(003) ld       M[0]
(004) jgt      #0x3e8           jt 6	jf 5
(005) ret      #262144
(006) ret      #0
