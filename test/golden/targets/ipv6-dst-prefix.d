(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 15
(002) ld       [50]
(003) ld       [38]
(004) jgt      #0xff000000      jt 16	jf 5
(005) jeq      #0xff000000      jt 16	jf 6
(006) jge      #0xfe800000      jt 7	jf 15
(007) jge      #0xfebfffff      jt 8	jf 16
(008) jeq      #0xfebfffff      jt 9	jf 15
(009) ld       [42]
(010) jge      #0xffffffff      jt 11	jf 16
(011) ld       [46]
(012) jge      #0xffffffff      jt 13	jf 16
(013) ld       [50]
(014) jgt      #0xffffffff      jt 15	jf 16
(015) ret      #0
(016) ret      #262144
