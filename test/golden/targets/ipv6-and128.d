(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 8
(002) ld       [50]
(003) ld       [38]
(004) xor      #0xfe800000
(005) jeq      #0x0             jt 6	jf 8
(006) ld       [42]
(007) jeq      #0x0             jt 9	jf 8
(008) ret      #0
(009) ret      #262144
