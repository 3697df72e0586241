(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 6
(002) ldb      [23]
(003) sub      #0xa
(004) jge      #0xfffffff6      jt 7	jf 5
(005) jgt      #0x64            jt 7	jf 6
(006) ret      #0
(007) ret      #262144
