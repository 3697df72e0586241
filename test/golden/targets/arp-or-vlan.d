(000) ldh      [12]
(001) jeq      #0x806           jt 6	jf 2
(002) jeq      #0x8100          jt 3	jf 5
(003) ldh      [16]
(004) jeq      #0x800           jt 6	jf 5
(005) ret      #0
(006) ret      #262144
