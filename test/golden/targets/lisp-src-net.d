(000) ld       #pktlen
(001) jge      #0xe             jt 2	jf 131
(002) ldh      [12]
(003) jeq      #0x8100          jt 11	jf 4
(004) jeq      #0x88a8          jt 11	jf 5
(005) jeq      #0x9100          jt 11	jf 6
(006) st       M[0]
(007) ld       #0xe
(008) st       M[1]
(009) st       M[2]
(010) ja       99
(011) ld       #pktlen
(012) jge      #0x12            jt 13	jf 131
(013) ldh      [14]
(014) ldh      [16]
(015) jeq      #0x8100          jt 23	jf 16
(016) jeq      #0x88a8          jt 23	jf 17
(017) jeq      #0x9100          jt 23	jf 18
(018) st       M[0]
(019) ld       #0x12
(020) st       M[1]
(021) st       M[2]
(022) ja       99
(023) ld       #pktlen
(024) jge      #0x16            jt 25	jf 131
(025) ldh      [20]
(026) jeq      #0x8100          jt 34	jf 27
(027) jeq      #0x88a8          jt 34	jf 28
(028) jeq      #0x9100          jt 34	jf 29
(029) st       M[0]
(030) ld       #0x16
(031) st       M[1]
(032) st       M[2]
(033) ja       99
(034) ld       #pktlen
(035) jge      #0x1a            jt 36	jf 131
(036) ldh      [24]
(037) jeq      #0x8100          jt 45	jf 38
(038) jeq      #0x88a8          jt 45	jf 39
(039) jeq      #0x9100          jt 45	jf 40
(040) st       M[0]
(041) ld       #0x1a
(042) st       M[1]
(043) st       M[2]
(044) ja       99
(045) ld       #pktlen
(046) jge      #0x1e            jt 47	jf 131
(047) ldh      [28]
(048) jeq      #0x8100          jt 56	jf 49
(049) jeq      #0x88a8          jt 56	jf 50
(050) jeq      #0x9100          jt 56	jf 51
(051) st       M[0]
(052) ld       #0x1e
(053) st       M[1]
(054) st       M[2]
(055) ja       99
(056) ld       #pktlen
(057) jge      #0x22            jt 58	jf 131
(058) ldh      [32]
(059) jeq      #0x8100          jt 67	jf 60
(060) jeq      #0x88a8          jt 67	jf 61
(061) jeq      #0x9100          jt 67	jf 62
(062) st       M[0]
(063) ld       #0x22
(064) st       M[1]
(065) st       M[2]
(066) ja       99
(067) ld       #pktlen
(068) jge      #0x26            jt 69	jf 131
(069) ldh      [36]
(070) jeq      #0x8100          jt 78	jf 71
(071) jeq      #0x88a8          jt 78	jf 72
(072) jeq      #0x9100          jt 78	jf 73
(073) st       M[0]
(074) ld       #0x26
(075) st       M[1]
(076) st       M[2]
(077) ja       99
(078) ld       #pktlen
(079) jge      #0x2a            jt 80	jf 131
(080) ldh      [40]
(081) jeq      #0x8100          jt 89	jf 82
(082) jeq      #0x88a8          jt 89	jf 83
(083) jeq      #0x9100          jt 89	jf 84
(084) st       M[0]
(085) ld       #0x2a
(086) st       M[1]
(087) st       M[2]
(088) ja       99
(089) ld       #pktlen
(090) jge      #0x2e            jt 91	jf 131
(091) ldh      [44]
(092) jeq      #0x8100          jt 131	jf 93
(093) jeq      #0x88a8          jt 131	jf 94
(094) jeq      #0x9100          jt 131	jf 95
(095) st       M[0]
(096) ld       #0x2e
(097) st       M[1]
(098) st       M[2]
(099) ld       M[0]
(100) jeq      #0x800           jt 102	jf 101
(101) ret      #0
(102) ld       M[2]
(103) add      #0x14
(104) tax
(105) ld       #pktlen
(106) jge      x                jt 107	jf 131
(107) ldx      M[2]
(108) ldb      [x + 0]
(109) rsh      #4
(110) jeq      #0x4             jt 111	jf 131
(111) ldb      [x + 0]
(112) and      #0xf
(113) lsh      #2
(114) st       M[0]
(115) jge      #0x14            jt 116	jf 131
(116) txa
(117) ldx      M[0]
(118) add      x
(119) tax
(120) ld       #pktlen
(121) jge      x                jt 122	jf 131
(122) ld       M[1]
(123) tax
(124) ld       [x + 12]
(125) and      #0xffff0000
(126) jeq      #0xc0a80000      jt 130	jf 127
(127) ld       [x + 12]
(128) and      #0xff000000
(129) jeq      #0xa000000       jt 130	jf 131
(130) ret      #262144
(131) ret      #0
