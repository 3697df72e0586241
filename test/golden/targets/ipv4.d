(000) ldh      [12]
(001) jeq      #0x800           jt 4	jf 2
(002) ld       #0x0
(003) ja       5
(004) ld       #0x1
(005) jeq      #0x0             jt 6	jf 7
(006) ret      #0
(007) ret      #262144
