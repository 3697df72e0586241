(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 9
(002) ldb      [22]
(003) ldh      [18]
(004) and      #0xff
(005) tax
(006) ldb      [22]
(007) jge      x                jt 8	jf 9
(008) jgt      #0x80            jt 10	jf 11
(009) ret      #0
(010) ret      #0
(011) ret      #262144
