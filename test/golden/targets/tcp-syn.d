(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 7
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 7
(004) ldb      [47]
(005) and      #0x2
(006) jeq      #0x2             jt 8	jf 7
(007) ret      #0
(008) ret      #262144
