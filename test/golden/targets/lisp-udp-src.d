(000) ld       #0x0
(001) st       M[0]
(002) ld       #pktlen
(003) jge      #0xe             jt 5	jf 4
(004) ja       577
(005) ldh      [12]
(006) jeq      #0x8100          jt 13	jf 7
(007) jeq      #0x88a8          jt 13	jf 8
(008) jeq      #0x9100          jt 13	jf 9
(009) st       M[1]
(010) ld       #0xe
(011) st       M[2]
(012) ja       104
(013) ld       #pktlen
(014) jge      #0x12            jt 16	jf 15
(015) ja       577
(016) ldh      [14]
(017) ldh      [16]
(018) jeq      #0x8100          jt 25	jf 19
(019) jeq      #0x88a8          jt 25	jf 20
(020) jeq      #0x9100          jt 25	jf 21
(021) st       M[1]
(022) ld       #0x12
(023) st       M[2]
(024) ja       104
(025) ld       #pktlen
(026) jge      #0x16            jt 28	jf 27
(027) ja       577
(028) ldh      [20]
(029) jeq      #0x8100          jt 36	jf 30
(030) jeq      #0x88a8          jt 36	jf 31
(031) jeq      #0x9100          jt 36	jf 32
(032) st       M[1]
(033) ld       #0x16
(034) st       M[2]
(035) ja       104
(036) ld       #pktlen
(037) jge      #0x1a            jt 39	jf 38
(038) ja       577
(039) ldh      [24]
(040) jeq      #0x8100          jt 47	jf 41
(041) jeq      #0x88a8          jt 47	jf 42
(042) jeq      #0x9100          jt 47	jf 43
(043) st       M[1]
(044) ld       #0x1a
(045) st       M[2]
(046) ja       104
(047) ld       #pktlen
(048) jge      #0x1e            jt 50	jf 49
(049) ja       577
(050) ldh      [28]
(051) jeq      #0x8100          jt 58	jf 52
(052) jeq      #0x88a8          jt 58	jf 53
(053) jeq      #0x9100          jt 58	jf 54
(054) st       M[1]
(055) ld       #0x1e
(056) st       M[2]
(057) ja       104
(058) ld       #pktlen
(059) jge      #0x22            jt 61	jf 60
(060) ja       577
(061) ldh      [32]
(062) jeq      #0x8100          jt 69	jf 63
(063) jeq      #0x88a8          jt 69	jf 64
(064) jeq      #0x9100          jt 69	jf 65
(065) st       M[1]
(066) ld       #0x22
(067) st       M[2]
(068) ja       104
(069) ld       #pktlen
(070) jge      #0x26            jt 72	jf 71
(071) ja       577
(072) ldh      [36]
(073) jeq      #0x8100          jt 80	jf 74
(074) jeq      #0x88a8          jt 80	jf 75
(075) jeq      #0x9100          jt 80	jf 76
(076) st       M[1]
(077) ld       #0x26
(078) st       M[2]
(079) ja       104
(080) ld       #pktlen
(081) jge      #0x2a            jt 83	jf 82
(082) ja       577
(083) ldh      [40]
(084) jeq      #0x8100          jt 91	jf 85
(085) jeq      #0x88a8          jt 91	jf 86
(086) jeq      #0x9100          jt 91	jf 87
(087) st       M[1]
(088) ld       #0x2a
(089) st       M[2]
(090) ja       104
(091) ld       #pktlen
(092) jge      #0x2e            jt 94	jf 93
(093) ja       577
(094) ldh      [44]
(095) jeq      #0x8100          jt 96	jf 97
(096) ja       577
(097) jeq      #0x88a8          jt 98	jf 99
(098) ja       577
(099) jeq      #0x9100          jt 100	jf 101
(100) ja       577
(101) st       M[1]
(102) ld       #0x2e
(103) st       M[2]
(104) ld       M[1]
(105) jeq      #0x800           jt 108	jf 106
(106) jeq      #0x86dd          jt 147	jf 107
(107) ja       577
(108) ld       M[2]
(109) add      #0x14
(110) tax
(111) ld       #pktlen
(112) jge      x                jt 114	jf 113
(113) ja       577
(114) ldx      M[2]
(115) ldb      [x + 0]
(116) rsh      #4
(117) jeq      #0x4             jt 119	jf 118
(118) ja       577
(119) ldb      [x + 0]
(120) and      #0xf
(121) lsh      #2
(122) st       M[1]
(123) jge      #0x14            jt 125	jf 124
(124) ja       577
(125) txa
(126) ldx      M[1]
(127) add      x
(128) st       M[1]
(129) tax
(130) ld       #pktlen
(131) jge      x                jt 133	jf 132
(132) ja       577
(133) ldx      M[2]
(134) ldb      [x + 9]
(135) st       M[3]
(136) ldh      [x + 6]
(137) and      #0x1fff
(138) jeq      #0x0             jt 140	jf 139
(139) ja       565
(140) ldx      M[1]
(141) ld       #pktlen
(142) jgt      x                jt 144	jf 143
(143) ja       565
(144) txa
(145) st       M[0]
(146) ja       565
(147) ld       M[2]
(148) add      #0x28
(149) tax
(150) ld       #pktlen
(151) jge      x                jt 153	jf 152
(152) ja       577
(153) ldx      M[2]
(154) ldb      [x + 0]
(155) rsh      #4
(156) jeq      #0x6             jt 158	jf 157
(157) ja       577
(158) ldb      [x + 6]
(159) st       M[1]
(160) txa
(161) add      #0x28
(162) st       M[2]
(163) ld       #0x1
(164) st       M[4]
(165) ld       M[1]
(166) jeq      #0x0             jt 173	jf 167
(167) jeq      #0x2b            jt 173	jf 168
(168) jeq      #0x2c            jt 173	jf 169
(169) jeq      #0x33            jt 173	jf 170
(170) jeq      #0x3c            jt 173	jf 171
(171) jeq      #0x87            jt 173	jf 172
(172) ja       549
(173) ld       M[2]
(174) add      #0x8
(175) tax
(176) ld       #pktlen
(177) jge      x                jt 179	jf 178
(178) ja       549
(179) ld       M[1]
(180) jeq      #0x2c            jt 182	jf 181
(181) jeq      #0x33            jt 184	jf 189
(182) ld       #0x8
(183) ja       193
(184) ldx      M[2]
(185) ldb      [x + 1]
(186) add      #0x2
(187) lsh      #2
(188) ja       193
(189) ldx      M[2]
(190) ldb      [x + 1]
(191) add      #0x1
(192) lsh      #3
(193) st       M[5]
(194) ld       M[2]
(195) ldx      M[5]
(196) add      x
(197) st       M[6]
(198) tax
(199) ld       #pktlen
(200) jge      x                jt 202	jf 201
(201) ja       549
(202) ld       M[1]
(203) jeq      #0x2c            jt 204	jf 210
(204) ldx      M[2]
(205) ldh      [x + 2]
(206) and      #0xfff8
(207) jeq      #0x0             jt 210	jf 208
(208) ld       #0x0
(209) st       M[4]
(210) ldx      M[2]
(211) ldb      [x + 0]
(212) st       M[1]
(213) ld       M[6]
(214) st       M[2]
(215) ld       M[1]
(216) jeq      #0x0             jt 223	jf 217
(217) jeq      #0x2b            jt 223	jf 218
(218) jeq      #0x2c            jt 223	jf 219
(219) jeq      #0x33            jt 223	jf 220
(220) jeq      #0x3c            jt 223	jf 221
(221) jeq      #0x87            jt 223	jf 222
(222) ja       549
(223) ld       M[2]
(224) add      #0x8
(225) tax
(226) ld       #pktlen
(227) jge      x                jt 229	jf 228
(228) ja       549
(229) ld       M[1]
(230) jeq      #0x2c            jt 232	jf 231
(231) jeq      #0x33            jt 234	jf 239
(232) ld       #0x8
(233) ja       243
(234) ldx      M[2]
(235) ldb      [x + 1]
(236) add      #0x2
(237) lsh      #2
(238) ja       243
(239) ldx      M[2]
(240) ldb      [x + 1]
(241) add      #0x1
(242) lsh      #3
(243) st       M[5]
(244) ld       M[2]
(245) ldx      M[5]
(246) add      x
(247) st       M[6]
(248) tax
(249) ld       #pktlen
(250) jge      x                jt 252	jf 251
(251) ja       549
(252) ld       M[1]
(253) jeq      #0x2c            jt 254	jf 260
(254) ldx      M[2]
(255) ldh      [x + 2]
(256) and      #0xfff8
(257) jeq      #0x0             jt 260	jf 258
(258) ld       #0x0
(259) st       M[4]
(260) ldx      M[2]
(261) ldb      [x + 0]
(262) st       M[1]
(263) ld       M[6]
(264) st       M[2]
(265) ld       M[1]
(266) jeq      #0x0             jt 273	jf 267
(267) jeq      #0x2b            jt 273	jf 268
(268) jeq      #0x2c            jt 273	jf 269
(269) jeq      #0x33            jt 273	jf 270
(270) jeq      #0x3c            jt 273	jf 271
(271) jeq      #0x87            jt 273	jf 272
(272) ja       549
(273) ld       M[2]
(274) add      #0x8
(275) tax
(276) ld       #pktlen
(277) jge      x                jt 279	jf 278
(278) ja       549
(279) ld       M[1]
(280) jeq      #0x2c            jt 282	jf 281
(281) jeq      #0x33            jt 284	jf 289
(282) ld       #0x8
(283) ja       293
(284) ldx      M[2]
(285) ldb      [x + 1]
(286) add      #0x2
(287) lsh      #2
(288) ja       293
(289) ldx      M[2]
(290) ldb      [x + 1]
(291) add      #0x1
(292) lsh      #3
(293) st       M[5]
(294) ld       M[2]
(295) ldx      M[5]
(296) add      x
(297) st       M[6]
(298) tax
(299) ld       #pktlen
(300) jge      x                jt 301	jf 549
(301) ld       M[1]
(302) jeq      #0x2c            jt 303	jf 309
(303) ldx      M[2]
(304) ldh      [x + 2]
(305) and      #0xfff8
(306) jeq      #0x0             jt 309	jf 307
(307) ld       #0x0
(308) st       M[4]
(309) ldx      M[2]
(310) ldb      [x + 0]
(311) st       M[1]
(312) ld       M[6]
(313) st       M[2]
(314) ld       M[1]
(315) jeq      #0x0             jt 321	jf 316
(316) jeq      #0x2b            jt 321	jf 317
(317) jeq      #0x2c            jt 321	jf 318
(318) jeq      #0x33            jt 321	jf 319
(319) jeq      #0x3c            jt 321	jf 320
(320) jeq      #0x87            jt 321	jf 549
(321) ld       M[2]
(322) add      #0x8
(323) tax
(324) ld       #pktlen
(325) jge      x                jt 326	jf 549
(326) ld       M[1]
(327) jeq      #0x2c            jt 329	jf 328
(328) jeq      #0x33            jt 331	jf 336
(329) ld       #0x8
(330) ja       340
(331) ldx      M[2]
(332) ldb      [x + 1]
(333) add      #0x2
(334) lsh      #2
(335) ja       340
(336) ldx      M[2]
(337) ldb      [x + 1]
(338) add      #0x1
(339) lsh      #3
(340) st       M[5]
(341) ld       M[2]
(342) ldx      M[5]
(343) add      x
(344) st       M[6]
(345) tax
(346) ld       #pktlen
(347) jge      x                jt 348	jf 549
(348) ld       M[1]
(349) jeq      #0x2c            jt 350	jf 356
(350) ldx      M[2]
(351) ldh      [x + 2]
(352) and      #0xfff8
(353) jeq      #0x0             jt 356	jf 354
(354) ld       #0x0
(355) st       M[4]
(356) ldx      M[2]
(357) ldb      [x + 0]
(358) st       M[1]
(359) ld       M[6]
(360) st       M[2]
(361) ld       M[1]
(362) jeq      #0x0             jt 368	jf 363
(363) jeq      #0x2b            jt 368	jf 364
(364) jeq      #0x2c            jt 368	jf 365
(365) jeq      #0x33            jt 368	jf 366
(366) jeq      #0x3c            jt 368	jf 367
(367) jeq      #0x87            jt 368	jf 549
(368) ld       M[2]
(369) add      #0x8
(370) tax
(371) ld       #pktlen
(372) jge      x                jt 373	jf 549
(373) ld       M[1]
(374) jeq      #0x2c            jt 376	jf 375
(375) jeq      #0x33            jt 378	jf 383
(376) ld       #0x8
(377) ja       387
(378) ldx      M[2]
(379) ldb      [x + 1]
(380) add      #0x2
(381) lsh      #2
(382) ja       387
(383) ldx      M[2]
(384) ldb      [x + 1]
(385) add      #0x1
(386) lsh      #3
(387) st       M[5]
(388) ld       M[2]
(389) ldx      M[5]
(390) add      x
(391) st       M[6]
(392) tax
(393) ld       #pktlen
(394) jge      x                jt 395	jf 549
(395) ld       M[1]
(396) jeq      #0x2c            jt 397	jf 403
(397) ldx      M[2]
(398) ldh      [x + 2]
(399) and      #0xfff8
(400) jeq      #0x0             jt 403	jf 401
(401) ld       #0x0
(402) st       M[4]
(403) ldx      M[2]
(404) ldb      [x + 0]
(405) st       M[1]
(406) ld       M[6]
(407) st       M[2]
(408) ld       M[1]
(409) jeq      #0x0             jt 415	jf 410
(410) jeq      #0x2b            jt 415	jf 411
(411) jeq      #0x2c            jt 415	jf 412
(412) jeq      #0x33            jt 415	jf 413
(413) jeq      #0x3c            jt 415	jf 414
(414) jeq      #0x87            jt 415	jf 549
(415) ld       M[2]
(416) add      #0x8
(417) tax
(418) ld       #pktlen
(419) jge      x                jt 420	jf 549
(420) ld       M[1]
(421) jeq      #0x2c            jt 423	jf 422
(422) jeq      #0x33            jt 425	jf 430
(423) ld       #0x8
(424) ja       434
(425) ldx      M[2]
(426) ldb      [x + 1]
(427) add      #0x2
(428) lsh      #2
(429) ja       434
(430) ldx      M[2]
(431) ldb      [x + 1]
(432) add      #0x1
(433) lsh      #3
(434) st       M[5]
(435) ld       M[2]
(436) ldx      M[5]
(437) add      x
(438) st       M[6]
(439) tax
(440) ld       #pktlen
(441) jge      x                jt 442	jf 549
(442) ld       M[1]
(443) jeq      #0x2c            jt 444	jf 450
(444) ldx      M[2]
(445) ldh      [x + 2]
(446) and      #0xfff8
(447) jeq      #0x0             jt 450	jf 448
(448) ld       #0x0
(449) st       M[4]
(450) ldx      M[2]
(451) ldb      [x + 0]
(452) st       M[1]
(453) ld       M[6]
(454) st       M[2]
(455) ld       M[1]
(456) jeq      #0x0             jt 462	jf 457
(457) jeq      #0x2b            jt 462	jf 458
(458) jeq      #0x2c            jt 462	jf 459
(459) jeq      #0x33            jt 462	jf 460
(460) jeq      #0x3c            jt 462	jf 461
(461) jeq      #0x87            jt 462	jf 549
(462) ld       M[2]
(463) add      #0x8
(464) tax
(465) ld       #pktlen
(466) jge      x                jt 467	jf 549
(467) ld       M[1]
(468) jeq      #0x2c            jt 470	jf 469
(469) jeq      #0x33            jt 472	jf 477
(470) ld       #0x8
(471) ja       481
(472) ldx      M[2]
(473) ldb      [x + 1]
(474) add      #0x2
(475) lsh      #2
(476) ja       481
(477) ldx      M[2]
(478) ldb      [x + 1]
(479) add      #0x1
(480) lsh      #3
(481) st       M[5]
(482) ld       M[2]
(483) ldx      M[5]
(484) add      x
(485) st       M[6]
(486) tax
(487) ld       #pktlen
(488) jge      x                jt 489	jf 549
(489) ld       M[1]
(490) jeq      #0x2c            jt 491	jf 497
(491) ldx      M[2]
(492) ldh      [x + 2]
(493) and      #0xfff8
(494) jeq      #0x0             jt 497	jf 495
(495) ld       #0x0
(496) st       M[4]
(497) ldx      M[2]
(498) ldb      [x + 0]
(499) st       M[1]
(500) ld       M[6]
(501) st       M[2]
(502) ld       M[1]
(503) jeq      #0x0             jt 509	jf 504
(504) jeq      #0x2b            jt 509	jf 505
(505) jeq      #0x2c            jt 509	jf 506
(506) jeq      #0x33            jt 509	jf 507
(507) jeq      #0x3c            jt 509	jf 508
(508) jeq      #0x87            jt 509	jf 549
(509) ld       M[2]
(510) add      #0x8
(511) tax
(512) ld       #pktlen
(513) jge      x                jt 514	jf 549
(514) ld       M[1]
(515) jeq      #0x2c            jt 517	jf 516
(516) jeq      #0x33            jt 519	jf 524
(517) ld       #0x8
(518) ja       528
(519) ldx      M[2]
(520) ldb      [x + 1]
(521) add      #0x2
(522) lsh      #2
(523) ja       528
(524) ldx      M[2]
(525) ldb      [x + 1]
(526) add      #0x1
(527) lsh      #3
(528) st       M[5]
(529) ld       M[2]
(530) ldx      M[5]
(531) add      x
(532) st       M[6]
(533) tax
(534) ld       #pktlen
(535) jge      x                jt 536	jf 549
(536) ld       M[1]
(537) jeq      #0x2c            jt 538	jf 544
(538) ldx      M[2]
(539) ldh      [x + 2]
(540) and      #0xfff8
(541) jeq      #0x0             jt 544	jf 542
(542) ld       #0x0
(543) st       M[4]
(544) ldx      M[2]
(545) ldb      [x + 0]
(546) st       M[1]
(547) ld       M[6]
(548) st       M[2]
(549) ld       M[1]
(550) st       M[3]
(551) jeq      #0x0             jt 565	jf 552
(552) jeq      #0x2b            jt 565	jf 553
(553) jeq      #0x2c            jt 565	jf 554
(554) jeq      #0x33            jt 565	jf 555
(555) jeq      #0x3c            jt 565	jf 556
(556) jeq      #0x87            jt 565	jf 557
(557) jeq      #0x3b            jt 565	jf 558
(558) ld       M[4]
(559) jeq      #0x0             jt 565	jf 560
(560) ldx      M[2]
(561) ld       #pktlen
(562) jgt      x                jt 563	jf 565
(563) txa
(564) st       M[0]
(565) ld       M[3]
(566) jeq      #0x11            jt 567	jf 577
(567) ld       M[0]
(568) jeq      #0x0             jt 577	jf 569
(569) tax
(570) ld       #pktlen
(571) sub      x
(572) jge      #0x4             jt 573	jf 577
(573) ldh      [x + 0]
(574) jge      #0x400           jt 575	jf 576
(575) ret      #0
(576) ret      #262144
(577) ret      #0
