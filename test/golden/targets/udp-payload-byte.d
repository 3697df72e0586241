(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 12
(002) ldb      [23]
(003) jeq      #0x11            jt 4	jf 12
(004) ldb      [14]
(005) and      #0xf
(006) mul      #0x4
(007) tax
(008) ld       [x + 14]
(009) jgt      #0x0             jt 10	jf 12
(010) ldb      [x + 22]
(011) jge      #0x45            jt 14	jf 13
(012) ret      #0
(013) ret      #0
(014) ret      #262144
