(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 4
(002) ldh      [16]
(003) jeq      #0x0             jt 4	jf 5
(004) ret      #0
(005) ret      #262144
