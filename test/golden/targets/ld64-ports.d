(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 17
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 17
(004) ld       [38]
(005) and      #0x0
(006) st       M[0]
(007) ld       [34]
(008) and      #0xffff0000
(009) jeq      #0x500000        jt 10	jf 12
(010) ld       M[0]
(011) jeq      #0x0             jt 14	jf 12
(012) ldh      [36]
(013) jeq      #0x50            jt 19	jf 18
(014) ld       [38]
(015) and      #0xffffffff
(016) jeq      #0x0             jt 18	jf 19
(017) ret      #0
(018) ret      #0
(019) ret      #262144
