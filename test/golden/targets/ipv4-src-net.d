(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 14
(002) ld       [26]
(003) st       M[0]
(004) rsh      #24
(005) jeq      #0xa             jt 13	jf 6
(006) ld       M[0]
(007) rsh      #16
(008) jeq      #0xc0a8          jt 11	jf 9
(009) ld       #0x0
(010) ja       12
(011) ld       #0x1
(012) jeq      #0x0             jt 15	jf 16
(013) ret      #262144
(014) ret      #0
(015) ret      #0
(016) ret      #262144
