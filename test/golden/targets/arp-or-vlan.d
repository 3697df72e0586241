(000) ldh      [12]
(001) jeq      #0x806           jt 5	jf 2
(002) jeq      #0x8100          jt 3	jf 6
(003) ldh      [16]
(004) jeq      #0x800           jt 8	jf 7
(005) ret      #262144
(006) ret      #0
(007) ret      #0
(008) ret      #262144
