(000) ld       #pktlen
(001) jge      #0xe             jt 3	jf 2
(002) ja       503
(003) ldh      [12]
(004) jeq      #0x8100          jt 11	jf 5
(005) jeq      #0x88a8          jt 11	jf 6
(006) jeq      #0x9100          jt 11	jf 7
(007) st       M[0]
(008) ld       #0xe
(009) st       M[1]
(010) ja       102
(011) ld       #pktlen
(012) jge      #0x12            jt 14	jf 13
(013) ja       503
(014) ldh      [14]
(015) ldh      [16]
(016) jeq      #0x8100          jt 23	jf 17
(017) jeq      #0x88a8          jt 23	jf 18
(018) jeq      #0x9100          jt 23	jf 19
(019) st       M[0]
(020) ld       #0x12
(021) st       M[1]
(022) ja       102
(023) ld       #pktlen
(024) jge      #0x16            jt 26	jf 25
(025) ja       503
(026) ldh      [20]
(027) jeq      #0x8100          jt 34	jf 28
(028) jeq      #0x88a8          jt 34	jf 29
(029) jeq      #0x9100          jt 34	jf 30
(030) st       M[0]
(031) ld       #0x16
(032) st       M[1]
(033) ja       102
(034) ld       #pktlen
(035) jge      #0x1a            jt 37	jf 36
(036) ja       503
(037) ldh      [24]
(038) jeq      #0x8100          jt 45	jf 39
(039) jeq      #0x88a8          jt 45	jf 40
(040) jeq      #0x9100          jt 45	jf 41
(041) st       M[0]
(042) ld       #0x1a
(043) st       M[1]
(044) ja       102
(045) ld       #pktlen
(046) jge      #0x1e            jt 48	jf 47
(047) ja       503
(048) ldh      [28]
(049) jeq      #0x8100          jt 56	jf 50
(050) jeq      #0x88a8          jt 56	jf 51
(051) jeq      #0x9100          jt 56	jf 52
(052) st       M[0]
(053) ld       #0x1e
(054) st       M[1]
(055) ja       102
(056) ld       #pktlen
(057) jge      #0x22            jt 59	jf 58
(058) ja       503
(059) ldh      [32]
(060) jeq      #0x8100          jt 67	jf 61
(061) jeq      #0x88a8          jt 67	jf 62
(062) jeq      #0x9100          jt 67	jf 63
(063) st       M[0]
(064) ld       #0x22
(065) st       M[1]
(066) ja       102
(067) ld       #pktlen
(068) jge      #0x26            jt 70	jf 69
(069) ja       503
(070) ldh      [36]
(071) jeq      #0x8100          jt 78	jf 72
(072) jeq      #0x88a8          jt 78	jf 73
(073) jeq      #0x9100          jt 78	jf 74
(074) st       M[0]
(075) ld       #0x26
(076) st       M[1]
(077) ja       102
(078) ld       #pktlen
(079) jge      #0x2a            jt 81	jf 80
(080) ja       503
(081) ldh      [40]
(082) jeq      #0x8100          jt 89	jf 83
(083) jeq      #0x88a8          jt 89	jf 84
(084) jeq      #0x9100          jt 89	jf 85
(085) st       M[0]
(086) ld       #0x2a
(087) st       M[1]
(088) ja       102
(089) ld       #pktlen
(090) jge      #0x2e            jt 92	jf 91
(091) ja       503
(092) ldh      [44]
(093) jeq      #0x8100          jt 94	jf 95
(094) ja       503
(095) jeq      #0x88a8          jt 96	jf 97
(096) ja       503
(097) jeq      #0x9100          jt 98	jf 99
(098) ja       503
(099) st       M[0]
(100) ld       #0x2e
(101) st       M[1]
(102) ld       M[0]
(103) jeq      #0x800           jt 106	jf 104
(104) jeq      #0x86dd          jt 135	jf 105
(105) ja       503
(106) ld       M[1]
(107) add      #0x14
(108) tax
(109) ld       #pktlen
(110) jge      x                jt 112	jf 111
(111) ja       503
(112) ldx      M[1]
(113) ldb      [x + 0]
(114) rsh      #4
(115) jeq      #0x4             jt 117	jf 116
(116) ja       503
(117) ldb      [x + 0]
(118) and      #0xf
(119) lsh      #2
(120) st       M[0]
(121) jge      #0x14            jt 123	jf 122
(122) ja       503
(123) txa
(124) ldx      M[0]
(125) add      x
(126) tax
(127) ld       #pktlen
(128) jge      x                jt 130	jf 129
(129) ja       503
(130) ldx      M[1]
(131) ldb      [x + 9]
(132) st       M[0]
(133) ldh      [x + 6]
(134) ja       500
(135) ld       M[1]
(136) add      #0x28
(137) tax
(138) ld       #pktlen
(139) jge      x                jt 141	jf 140
(140) ja       503
(141) ldx      M[1]
(142) ldb      [x + 0]
(143) rsh      #4
(144) jeq      #0x6             jt 146	jf 145
(145) ja       503
(146) ldb      [x + 6]
(147) st       M[1]
(148) txa
(149) add      #0x28
(150) st       M[2]
(151) ld       M[1]
(152) jeq      #0x0             jt 159	jf 153
(153) jeq      #0x2b            jt 159	jf 154
(154) jeq      #0x2c            jt 159	jf 155
(155) jeq      #0x33            jt 159	jf 156
(156) jeq      #0x3c            jt 159	jf 157
(157) jeq      #0x87            jt 159	jf 158
(158) ja       498
(159) ld       M[2]
(160) add      #0x8
(161) tax
(162) ld       #pktlen
(163) jge      x                jt 165	jf 164
(164) ja       498
(165) ld       M[1]
(166) jeq      #0x2c            jt 168	jf 167
(167) jeq      #0x33            jt 170	jf 175
(168) ld       #0x8
(169) ja       179
(170) ldx      M[2]
(171) ldb      [x + 1]
(172) add      #0x2
(173) lsh      #2
(174) ja       179
(175) ldx      M[2]
(176) ldb      [x + 1]
(177) add      #0x1
(178) lsh      #3
(179) st       M[3]
(180) ld       M[2]
(181) ldx      M[3]
(182) add      x
(183) st       M[4]
(184) tax
(185) ld       #pktlen
(186) jge      x                jt 188	jf 187
(187) ja       498
(188) ld       M[1]
(189) jeq      #0x2c            jt 190	jf 192
(190) ldx      M[2]
(191) ldh      [x + 2]
(192) ldx      M[2]
(193) ldb      [x + 0]
(194) st       M[1]
(195) ld       M[4]
(196) st       M[2]
(197) ld       M[1]
(198) jeq      #0x0             jt 205	jf 199
(199) jeq      #0x2b            jt 205	jf 200
(200) jeq      #0x2c            jt 205	jf 201
(201) jeq      #0x33            jt 205	jf 202
(202) jeq      #0x3c            jt 205	jf 203
(203) jeq      #0x87            jt 205	jf 204
(204) ja       498
(205) ld       M[2]
(206) add      #0x8
(207) tax
(208) ld       #pktlen
(209) jge      x                jt 211	jf 210
(210) ja       498
(211) ld       M[1]
(212) jeq      #0x2c            jt 214	jf 213
(213) jeq      #0x33            jt 216	jf 221
(214) ld       #0x8
(215) ja       225
(216) ldx      M[2]
(217) ldb      [x + 1]
(218) add      #0x2
(219) lsh      #2
(220) ja       225
(221) ldx      M[2]
(222) ldb      [x + 1]
(223) add      #0x1
(224) lsh      #3
(225) st       M[3]
(226) ld       M[2]
(227) ldx      M[3]
(228) add      x
(229) st       M[4]
(230) tax
(231) ld       #pktlen
(232) jge      x                jt 234	jf 233
(233) ja       498
(234) ld       M[1]
(235) jeq      #0x2c            jt 236	jf 238
(236) ldx      M[2]
(237) ldh      [x + 2]
(238) ldx      M[2]
(239) ldb      [x + 0]
(240) st       M[1]
(241) ld       M[4]
(242) st       M[2]
(243) ld       M[1]
(244) jeq      #0x0             jt 250	jf 245
(245) jeq      #0x2b            jt 250	jf 246
(246) jeq      #0x2c            jt 250	jf 247
(247) jeq      #0x33            jt 250	jf 248
(248) jeq      #0x3c            jt 250	jf 249
(249) jeq      #0x87            jt 250	jf 498
(250) ld       M[2]
(251) add      #0x8
(252) tax
(253) ld       #pktlen
(254) jge      x                jt 255	jf 498
(255) ld       M[1]
(256) jeq      #0x2c            jt 258	jf 257
(257) jeq      #0x33            jt 260	jf 265
(258) ld       #0x8
(259) ja       269
(260) ldx      M[2]
(261) ldb      [x + 1]
(262) add      #0x2
(263) lsh      #2
(264) ja       269
(265) ldx      M[2]
(266) ldb      [x + 1]
(267) add      #0x1
(268) lsh      #3
(269) st       M[3]
(270) ld       M[2]
(271) ldx      M[3]
(272) add      x
(273) st       M[4]
(274) tax
(275) ld       #pktlen
(276) jge      x                jt 277	jf 498
(277) ld       M[1]
(278) jeq      #0x2c            jt 279	jf 281
(279) ldx      M[2]
(280) ldh      [x + 2]
(281) ldx      M[2]
(282) ldb      [x + 0]
(283) st       M[1]
(284) ld       M[4]
(285) st       M[2]
(286) ld       M[1]
(287) jeq      #0x0             jt 293	jf 288
(288) jeq      #0x2b            jt 293	jf 289
(289) jeq      #0x2c            jt 293	jf 290
(290) jeq      #0x33            jt 293	jf 291
(291) jeq      #0x3c            jt 293	jf 292
(292) jeq      #0x87            jt 293	jf 498
(293) ld       M[2]
(294) add      #0x8
(295) tax
(296) ld       #pktlen
(297) jge      x                jt 298	jf 498
(298) ld       M[1]
(299) jeq      #0x2c            jt 301	jf 300
(300) jeq      #0x33            jt 303	jf 308
(301) ld       #0x8
(302) ja       312
(303) ldx      M[2]
(304) ldb      [x + 1]
(305) add      #0x2
(306) lsh      #2
(307) ja       312
(308) ldx      M[2]
(309) ldb      [x + 1]
(310) add      #0x1
(311) lsh      #3
(312) st       M[3]
(313) ld       M[2]
(314) ldx      M[3]
(315) add      x
(316) st       M[4]
(317) tax
(318) ld       #pktlen
(319) jge      x                jt 320	jf 498
(320) ld       M[1]
(321) jeq      #0x2c            jt 322	jf 324
(322) ldx      M[2]
(323) ldh      [x + 2]
(324) ldx      M[2]
(325) ldb      [x + 0]
(326) st       M[1]
(327) ld       M[4]
(328) st       M[2]
(329) ld       M[1]
(330) jeq      #0x0             jt 336	jf 331
(331) jeq      #0x2b            jt 336	jf 332
(332) jeq      #0x2c            jt 336	jf 333
(333) jeq      #0x33            jt 336	jf 334
(334) jeq      #0x3c            jt 336	jf 335
(335) jeq      #0x87            jt 336	jf 498
(336) ld       M[2]
(337) add      #0x8
(338) tax
(339) ld       #pktlen
(340) jge      x                jt 341	jf 498
(341) ld       M[1]
(342) jeq      #0x2c            jt 344	jf 343
(343) jeq      #0x33            jt 346	jf 351
(344) ld       #0x8
(345) ja       355
(346) ldx      M[2]
(347) ldb      [x + 1]
(348) add      #0x2
(349) lsh      #2
(350) ja       355
(351) ldx      M[2]
(352) ldb      [x + 1]
(353) add      #0x1
(354) lsh      #3
(355) st       M[3]
(356) ld       M[2]
(357) ldx      M[3]
(358) add      x
(359) st       M[4]
(360) tax
(361) ld       #pktlen
(362) jge      x                jt 363	jf 498
(363) ld       M[1]
(364) jeq      #0x2c            jt 365	jf 367
(365) ldx      M[2]
(366) ldh      [x + 2]
(367) ldx      M[2]
(368) ldb      [x + 0]
(369) st       M[1]
(370) ld       M[4]
(371) st       M[2]
(372) ld       M[1]
(373) jeq      #0x0             jt 379	jf 374
(374) jeq      #0x2b            jt 379	jf 375
(375) jeq      #0x2c            jt 379	jf 376
(376) jeq      #0x33            jt 379	jf 377
(377) jeq      #0x3c            jt 379	jf 378
(378) jeq      #0x87            jt 379	jf 498
(379) ld       M[2]
(380) add      #0x8
(381) tax
(382) ld       #pktlen
(383) jge      x                jt 384	jf 498
(384) ld       M[1]
(385) jeq      #0x2c            jt 387	jf 386
(386) jeq      #0x33            jt 389	jf 394
(387) ld       #0x8
(388) ja       398
(389) ldx      M[2]
(390) ldb      [x + 1]
(391) add      #0x2
(392) lsh      #2
(393) ja       398
(394) ldx      M[2]
(395) ldb      [x + 1]
(396) add      #0x1
(397) lsh      #3
(398) st       M[3]
(399) ld       M[2]
(400) ldx      M[3]
(401) add      x
(402) st       M[4]
(403) tax
(404) ld       #pktlen
(405) jge      x                jt 406	jf 498
(406) ld       M[1]
(407) jeq      #0x2c            jt 408	jf 410
(408) ldx      M[2]
(409) ldh      [x + 2]
(410) ldx      M[2]
(411) ldb      [x + 0]
(412) st       M[1]
(413) ld       M[4]
(414) st       M[2]
(415) ld       M[1]
(416) jeq      #0x0             jt 422	jf 417
(417) jeq      #0x2b            jt 422	jf 418
(418) jeq      #0x2c            jt 422	jf 419
(419) jeq      #0x33            jt 422	jf 420
(420) jeq      #0x3c            jt 422	jf 421
(421) jeq      #0x87            jt 422	jf 498
(422) ld       M[2]
(423) add      #0x8
(424) tax
(425) ld       #pktlen
(426) jge      x                jt 427	jf 498
(427) ld       M[1]
(428) jeq      #0x2c            jt 430	jf 429
(429) jeq      #0x33            jt 432	jf 437
(430) ld       #0x8
(431) ja       441
(432) ldx      M[2]
(433) ldb      [x + 1]
(434) add      #0x2
(435) lsh      #2
(436) ja       441
(437) ldx      M[2]
(438) ldb      [x + 1]
(439) add      #0x1
(440) lsh      #3
(441) st       M[3]
(442) ld       M[2]
(443) ldx      M[3]
(444) add      x
(445) st       M[4]
(446) tax
(447) ld       #pktlen
(448) jge      x                jt 449	jf 498
(449) ld       M[1]
(450) jeq      #0x2c            jt 451	jf 453
(451) ldx      M[2]
(452) ldh      [x + 2]
(453) ldx      M[2]
(454) ldb      [x + 0]
(455) st       M[1]
(456) ld       M[4]
(457) st       M[2]
(458) ld       M[1]
(459) jeq      #0x0             jt 465	jf 460
(460) jeq      #0x2b            jt 465	jf 461
(461) jeq      #0x2c            jt 465	jf 462
(462) jeq      #0x33            jt 465	jf 463
(463) jeq      #0x3c            jt 465	jf 464
(464) jeq      #0x87            jt 465	jf 498
(465) ld       M[2]
(466) add      #0x8
(467) tax
(468) ld       #pktlen
(469) jge      x                jt 470	jf 498
(470) ld       M[1]
(471) jeq      #0x2c            jt 473	jf 472
(472) jeq      #0x33            jt 475	jf 480
(473) ld       #0x8
(474) ja       484
(475) ldx      M[2]
(476) ldb      [x + 1]
(477) add      #0x2
(478) lsh      #2
(479) ja       484
(480) ldx      M[2]
(481) ldb      [x + 1]
(482) add      #0x1
(483) lsh      #3
(484) st       M[3]
(485) ld       M[2]
(486) ldx      M[3]
(487) add      x
(488) tax
(489) ld       #pktlen
(490) jge      x                jt 491	jf 498
(491) ld       M[1]
(492) jeq      #0x2c            jt 493	jf 495
(493) ldx      M[2]
(494) ldh      [x + 2]
(495) ldx      M[2]
(496) ldb      [x + 0]
(497) st       M[1]
(498) ld       M[1]
(499) st       M[0]
(500) ld       M[0]
(501) jeq      #0x6             jt 502	jf 503
(502) ret      #262144
(503) ret      #0
