(000) ld       #0x0
(001) ld       #0x0
(002) ld       #0x0
(003) ld       #0x0
(004) ld       #0x0
(005) ld       #0x0
(006) st       M[0]
(007) ld       #0x0
(008) ld       #0x0
(009) ld       #pktlen
(010) jge      #0xe             jt 12	jf 11
(011) ja       603
(012) ldh      [12]
(013) jeq      #0x8100          jt 21	jf 14
(014) jeq      #0x88a8          jt 21	jf 15
(015) jeq      #0x9100          jt 21	jf 16
(016) st       M[1]
(017) ld       #0x0
(018) ld       #0xe
(019) st       M[2]
(020) ja       129
(021) ld       #pktlen
(022) jge      #0x12            jt 23	jf 111
(023) ldh      [14]
(024) and      #0xfff
(025) ldh      [16]
(026) jeq      #0x8100          jt 34	jf 27
(027) jeq      #0x88a8          jt 34	jf 28
(028) jeq      #0x9100          jt 34	jf 29
(029) st       M[1]
(030) ld       #0x1
(031) ld       #0x12
(032) st       M[2]
(033) ja       129
(034) ld       #pktlen
(035) jge      #0x16            jt 36	jf 113
(036) ldh      [20]
(037) jeq      #0x8100          jt 45	jf 38
(038) jeq      #0x88a8          jt 45	jf 39
(039) jeq      #0x9100          jt 45	jf 40
(040) st       M[1]
(041) ld       #0x2
(042) ld       #0x16
(043) st       M[2]
(044) ja       129
(045) ld       #pktlen
(046) jge      #0x1a            jt 47	jf 115
(047) ldh      [24]
(048) jeq      #0x8100          jt 56	jf 49
(049) jeq      #0x88a8          jt 56	jf 50
(050) jeq      #0x9100          jt 56	jf 51
(051) st       M[1]
(052) ld       #0x3
(053) ld       #0x1a
(054) st       M[2]
(055) ja       129
(056) ld       #pktlen
(057) jge      #0x1e            jt 58	jf 117
(058) ldh      [28]
(059) jeq      #0x8100          jt 67	jf 60
(060) jeq      #0x88a8          jt 67	jf 61
(061) jeq      #0x9100          jt 67	jf 62
(062) st       M[1]
(063) ld       #0x4
(064) ld       #0x1e
(065) st       M[2]
(066) ja       129
(067) ld       #pktlen
(068) jge      #0x22            jt 69	jf 119
(069) ldh      [32]
(070) jeq      #0x8100          jt 78	jf 71
(071) jeq      #0x88a8          jt 78	jf 72
(072) jeq      #0x9100          jt 78	jf 73
(073) st       M[1]
(074) ld       #0x5
(075) ld       #0x22
(076) st       M[2]
(077) ja       129
(078) ld       #pktlen
(079) jge      #0x26            jt 80	jf 121
(080) ldh      [36]
(081) jeq      #0x8100          jt 89	jf 82
(082) jeq      #0x88a8          jt 89	jf 83
(083) jeq      #0x9100          jt 89	jf 84
(084) st       M[1]
(085) ld       #0x6
(086) ld       #0x26
(087) st       M[2]
(088) ja       129
(089) ld       #pktlen
(090) jge      #0x2a            jt 91	jf 123
(091) ldh      [40]
(092) jeq      #0x8100          jt 100	jf 93
(093) jeq      #0x88a8          jt 100	jf 94
(094) jeq      #0x9100          jt 100	jf 95
(095) st       M[1]
(096) ld       #0x7
(097) ld       #0x2a
(098) st       M[2]
(099) ja       129
(100) ld       #pktlen
(101) jge      #0x2e            jt 102	jf 125
(102) ldh      [44]
(103) jeq      #0x8100          jt 127	jf 104
(104) jeq      #0x88a8          jt 127	jf 105
(105) jeq      #0x9100          jt 127	jf 106
(106) st       M[1]
(107) ld       #0x8
(108) ld       #0x2e
(109) st       M[2]
(110) ja       129
(111) ld       #0x0
(112) ja       603
(113) ld       #0x1
(114) ja       603
(115) ld       #0x2
(116) ja       603
(117) ld       #0x3
(118) ja       603
(119) ld       #0x4
(120) ja       603
(121) ld       #0x5
(122) ja       603
(123) ld       #0x6
(124) ja       603
(125) ld       #0x7
(126) ja       603
(127) ld       #0x8
(128) ja       603
(129) ld       M[1]
(130) jeq      #0x800           jt 133	jf 131
(131) jeq      #0x86dd          jt 177	jf 132
(132) ja       603
(133) ld       M[2]
(134) add      #0x14
(135) tax
(136) ld       #pktlen
(137) jge      x                jt 139	jf 138
(138) ja       603
(139) ldx      M[2]
(140) ldb      [x + 0]
(141) rsh      #4
(142) jeq      #0x4             jt 144	jf 143
(143) ja       603
(144) ldb      [x + 0]
(145) and      #0xf
(146) lsh      #2
(147) st       M[1]
(148) jge      #0x14            jt 150	jf 149
(149) ja       603
(150) ld       M[2]
(151) ldx      M[1]
(152) add      x
(153) st       M[1]
(154) tax
(155) ld       #pktlen
(156) jge      x                jt 158	jf 157
(157) ja       603
(158) ld       #0x4
(159) ldx      M[2]
(160) ldb      [x + 9]
(161) st       M[0]
(162) ldh      [x + 6]
(163) and      #0x3fff
(164) jeq      #0x0             jt 166	jf 165
(165) ld       #0x1
(166) ldx      M[2]
(167) ldh      [x + 6]
(168) and      #0x1fff
(169) jeq      #0x0             jt 171	jf 170
(170) ja       603
(171) ldx      M[1]
(172) ld       #pktlen
(173) jgt      x                jt 175	jf 174
(174) ja       603
(175) ld       M[1]
(176) ja       603
(177) ld       M[2]
(178) add      #0x28
(179) tax
(180) ld       #pktlen
(181) jge      x                jt 183	jf 182
(182) ja       603
(183) ldx      M[2]
(184) ldb      [x + 0]
(185) rsh      #4
(186) jeq      #0x6             jt 188	jf 187
(187) ja       603
(188) ld       #0x6
(189) ldb      [x + 6]
(190) st       M[1]
(191) ld       M[2]
(192) add      #0x28
(193) st       M[2]
(194) ld       #0x1
(195) st       M[3]
(196) ld       M[1]
(197) jeq      #0x0             jt 204	jf 198
(198) jeq      #0x2b            jt 204	jf 199
(199) jeq      #0x2c            jt 204	jf 200
(200) jeq      #0x33            jt 204	jf 201
(201) jeq      #0x3c            jt 204	jf 202
(202) jeq      #0x87            jt 204	jf 203
(203) ja       588
(204) ld       M[2]
(205) add      #0x8
(206) tax
(207) ld       #pktlen
(208) jge      x                jt 210	jf 209
(209) ja       588
(210) ld       M[1]
(211) jeq      #0x2c            jt 213	jf 212
(212) jeq      #0x33            jt 215	jf 220
(213) ld       #0x8
(214) ja       224
(215) ldx      M[2]
(216) ldb      [x + 1]
(217) add      #0x2
(218) lsh      #2
(219) ja       224
(220) ldx      M[2]
(221) ldb      [x + 1]
(222) add      #0x1
(223) lsh      #3
(224) st       M[4]
(225) ld       M[2]
(226) ldx      M[4]
(227) add      x
(228) st       M[5]
(229) tax
(230) ld       #pktlen
(231) jge      x                jt 233	jf 232
(232) ja       588
(233) ld       M[1]
(234) jeq      #0x2c            jt 235	jf 242
(235) ld       #0x1
(236) ldx      M[2]
(237) ldh      [x + 2]
(238) and      #0xfff8
(239) jeq      #0x0             jt 242	jf 240
(240) ld       #0x0
(241) st       M[3]
(242) ldx      M[2]
(243) ldb      [x + 0]
(244) st       M[1]
(245) ld       M[5]
(246) st       M[2]
(247) ld       M[1]
(248) jeq      #0x0             jt 255	jf 249
(249) jeq      #0x2b            jt 255	jf 250
(250) jeq      #0x2c            jt 255	jf 251
(251) jeq      #0x33            jt 255	jf 252
(252) jeq      #0x3c            jt 255	jf 253
(253) jeq      #0x87            jt 255	jf 254
(254) ja       588
(255) ld       M[2]
(256) add      #0x8
(257) tax
(258) ld       #pktlen
(259) jge      x                jt 261	jf 260
(260) ja       588
(261) ld       M[1]
(262) jeq      #0x2c            jt 264	jf 263
(263) jeq      #0x33            jt 266	jf 271
(264) ld       #0x8
(265) ja       275
(266) ldx      M[2]
(267) ldb      [x + 1]
(268) add      #0x2
(269) lsh      #2
(270) ja       275
(271) ldx      M[2]
(272) ldb      [x + 1]
(273) add      #0x1
(274) lsh      #3
(275) st       M[4]
(276) ld       M[2]
(277) ldx      M[4]
(278) add      x
(279) st       M[5]
(280) tax
(281) ld       #pktlen
(282) jge      x                jt 284	jf 283
(283) ja       588
(284) ld       M[1]
(285) jeq      #0x2c            jt 286	jf 293
(286) ld       #0x1
(287) ldx      M[2]
(288) ldh      [x + 2]
(289) and      #0xfff8
(290) jeq      #0x0             jt 293	jf 291
(291) ld       #0x0
(292) st       M[3]
(293) ldx      M[2]
(294) ldb      [x + 0]
(295) st       M[1]
(296) ld       M[5]
(297) st       M[2]
(298) ld       M[1]
(299) jeq      #0x0             jt 306	jf 300
(300) jeq      #0x2b            jt 306	jf 301
(301) jeq      #0x2c            jt 306	jf 302
(302) jeq      #0x33            jt 306	jf 303
(303) jeq      #0x3c            jt 306	jf 304
(304) jeq      #0x87            jt 306	jf 305
(305) ja       588
(306) ld       M[2]
(307) add      #0x8
(308) tax
(309) ld       #pktlen
(310) jge      x                jt 312	jf 311
(311) ja       588
(312) ld       M[1]
(313) jeq      #0x2c            jt 315	jf 314
(314) jeq      #0x33            jt 317	jf 322
(315) ld       #0x8
(316) ja       326
(317) ldx      M[2]
(318) ldb      [x + 1]
(319) add      #0x2
(320) lsh      #2
(321) ja       326
(322) ldx      M[2]
(323) ldb      [x + 1]
(324) add      #0x1
(325) lsh      #3
(326) st       M[4]
(327) ld       M[2]
(328) ldx      M[4]
(329) add      x
(330) st       M[5]
(331) tax
(332) ld       #pktlen
(333) jge      x                jt 334	jf 588
(334) ld       M[1]
(335) jeq      #0x2c            jt 336	jf 343
(336) ld       #0x1
(337) ldx      M[2]
(338) ldh      [x + 2]
(339) and      #0xfff8
(340) jeq      #0x0             jt 343	jf 341
(341) ld       #0x0
(342) st       M[3]
(343) ldx      M[2]
(344) ldb      [x + 0]
(345) st       M[1]
(346) ld       M[5]
(347) st       M[2]
(348) ld       M[1]
(349) jeq      #0x0             jt 355	jf 350
(350) jeq      #0x2b            jt 355	jf 351
(351) jeq      #0x2c            jt 355	jf 352
(352) jeq      #0x33            jt 355	jf 353
(353) jeq      #0x3c            jt 355	jf 354
(354) jeq      #0x87            jt 355	jf 588
(355) ld       M[2]
(356) add      #0x8
(357) tax
(358) ld       #pktlen
(359) jge      x                jt 360	jf 588
(360) ld       M[1]
(361) jeq      #0x2c            jt 363	jf 362
(362) jeq      #0x33            jt 365	jf 370
(363) ld       #0x8
(364) ja       374
(365) ldx      M[2]
(366) ldb      [x + 1]
(367) add      #0x2
(368) lsh      #2
(369) ja       374
(370) ldx      M[2]
(371) ldb      [x + 1]
(372) add      #0x1
(373) lsh      #3
(374) st       M[4]
(375) ld       M[2]
(376) ldx      M[4]
(377) add      x
(378) st       M[5]
(379) tax
(380) ld       #pktlen
(381) jge      x                jt 382	jf 588
(382) ld       M[1]
(383) jeq      #0x2c            jt 384	jf 391
(384) ld       #0x1
(385) ldx      M[2]
(386) ldh      [x + 2]
(387) and      #0xfff8
(388) jeq      #0x0             jt 391	jf 389
(389) ld       #0x0
(390) st       M[3]
(391) ldx      M[2]
(392) ldb      [x + 0]
(393) st       M[1]
(394) ld       M[5]
(395) st       M[2]
(396) ld       M[1]
(397) jeq      #0x0             jt 403	jf 398
(398) jeq      #0x2b            jt 403	jf 399
(399) jeq      #0x2c            jt 403	jf 400
(400) jeq      #0x33            jt 403	jf 401
(401) jeq      #0x3c            jt 403	jf 402
(402) jeq      #0x87            jt 403	jf 588
(403) ld       M[2]
(404) add      #0x8
(405) tax
(406) ld       #pktlen
(407) jge      x                jt 408	jf 588
(408) ld       M[1]
(409) jeq      #0x2c            jt 411	jf 410
(410) jeq      #0x33            jt 413	jf 418
(411) ld       #0x8
(412) ja       422
(413) ldx      M[2]
(414) ldb      [x + 1]
(415) add      #0x2
(416) lsh      #2
(417) ja       422
(418) ldx      M[2]
(419) ldb      [x + 1]
(420) add      #0x1
(421) lsh      #3
(422) st       M[4]
(423) ld       M[2]
(424) ldx      M[4]
(425) add      x
(426) st       M[5]
(427) tax
(428) ld       #pktlen
(429) jge      x                jt 430	jf 588
(430) ld       M[1]
(431) jeq      #0x2c            jt 432	jf 439
(432) ld       #0x1
(433) ldx      M[2]
(434) ldh      [x + 2]
(435) and      #0xfff8
(436) jeq      #0x0             jt 439	jf 437
(437) ld       #0x0
(438) st       M[3]
(439) ldx      M[2]
(440) ldb      [x + 0]
(441) st       M[1]
(442) ld       M[5]
(443) st       M[2]
(444) ld       M[1]
(445) jeq      #0x0             jt 451	jf 446
(446) jeq      #0x2b            jt 451	jf 447
(447) jeq      #0x2c            jt 451	jf 448
(448) jeq      #0x33            jt 451	jf 449
(449) jeq      #0x3c            jt 451	jf 450
(450) jeq      #0x87            jt 451	jf 588
(451) ld       M[2]
(452) add      #0x8
(453) tax
(454) ld       #pktlen
(455) jge      x                jt 456	jf 588
(456) ld       M[1]
(457) jeq      #0x2c            jt 459	jf 458
(458) jeq      #0x33            jt 461	jf 466
(459) ld       #0x8
(460) ja       470
(461) ldx      M[2]
(462) ldb      [x + 1]
(463) add      #0x2
(464) lsh      #2
(465) ja       470
(466) ldx      M[2]
(467) ldb      [x + 1]
(468) add      #0x1
(469) lsh      #3
(470) st       M[4]
(471) ld       M[2]
(472) ldx      M[4]
(473) add      x
(474) st       M[5]
(475) tax
(476) ld       #pktlen
(477) jge      x                jt 478	jf 588
(478) ld       M[1]
(479) jeq      #0x2c            jt 480	jf 487
(480) ld       #0x1
(481) ldx      M[2]
(482) ldh      [x + 2]
(483) and      #0xfff8
(484) jeq      #0x0             jt 487	jf 485
(485) ld       #0x0
(486) st       M[3]
(487) ldx      M[2]
(488) ldb      [x + 0]
(489) st       M[1]
(490) ld       M[5]
(491) st       M[2]
(492) ld       M[1]
(493) jeq      #0x0             jt 499	jf 494
(494) jeq      #0x2b            jt 499	jf 495
(495) jeq      #0x2c            jt 499	jf 496
(496) jeq      #0x33            jt 499	jf 497
(497) jeq      #0x3c            jt 499	jf 498
(498) jeq      #0x87            jt 499	jf 588
(499) ld       M[2]
(500) add      #0x8
(501) tax
(502) ld       #pktlen
(503) jge      x                jt 504	jf 588
(504) ld       M[1]
(505) jeq      #0x2c            jt 507	jf 506
(506) jeq      #0x33            jt 509	jf 514
(507) ld       #0x8
(508) ja       518
(509) ldx      M[2]
(510) ldb      [x + 1]
(511) add      #0x2
(512) lsh      #2
(513) ja       518
(514) ldx      M[2]
(515) ldb      [x + 1]
(516) add      #0x1
(517) lsh      #3
(518) st       M[4]
(519) ld       M[2]
(520) ldx      M[4]
(521) add      x
(522) st       M[5]
(523) tax
(524) ld       #pktlen
(525) jge      x                jt 526	jf 588
(526) ld       M[1]
(527) jeq      #0x2c            jt 528	jf 535
(528) ld       #0x1
(529) ldx      M[2]
(530) ldh      [x + 2]
(531) and      #0xfff8
(532) jeq      #0x0             jt 535	jf 533
(533) ld       #0x0
(534) st       M[3]
(535) ldx      M[2]
(536) ldb      [x + 0]
(537) st       M[1]
(538) ld       M[5]
(539) st       M[2]
(540) ld       M[1]
(541) jeq      #0x0             jt 547	jf 542
(542) jeq      #0x2b            jt 547	jf 543
(543) jeq      #0x2c            jt 547	jf 544
(544) jeq      #0x33            jt 547	jf 545
(545) jeq      #0x3c            jt 547	jf 546
(546) jeq      #0x87            jt 547	jf 588
(547) ld       M[2]
(548) add      #0x8
(549) tax
(550) ld       #pktlen
(551) jge      x                jt 552	jf 588
(552) ld       M[1]
(553) jeq      #0x2c            jt 555	jf 554
(554) jeq      #0x33            jt 557	jf 562
(555) ld       #0x8
(556) ja       566
(557) ldx      M[2]
(558) ldb      [x + 1]
(559) add      #0x2
(560) lsh      #2
(561) ja       566
(562) ldx      M[2]
(563) ldb      [x + 1]
(564) add      #0x1
(565) lsh      #3
(566) st       M[4]
(567) ld       M[2]
(568) ldx      M[4]
(569) add      x
(570) st       M[5]
(571) tax
(572) ld       #pktlen
(573) jge      x                jt 574	jf 588
(574) ld       M[1]
(575) jeq      #0x2c            jt 576	jf 583
(576) ld       #0x1
(577) ldx      M[2]
(578) ldh      [x + 2]
(579) and      #0xfff8
(580) jeq      #0x0             jt 583	jf 581
(581) ld       #0x0
(582) st       M[3]
(583) ldx      M[2]
(584) ldb      [x + 0]
(585) st       M[1]
(586) ld       M[5]
(587) st       M[2]
(588) ld       M[1]
(589) st       M[0]
(590) jeq      #0x0             jt 603	jf 591
(591) jeq      #0x2b            jt 603	jf 592
(592) jeq      #0x2c            jt 603	jf 593
(593) jeq      #0x33            jt 603	jf 594
(594) jeq      #0x3c            jt 603	jf 595
(595) jeq      #0x87            jt 603	jf 596
(596) jeq      #0x3b            jt 603	jf 597
(597) ld       M[3]
(598) jeq      #0x0             jt 603	jf 599
(599) ldx      M[2]
(600) ld       #pktlen
(601) jgt      x                jt 602	jf 603
(602) ld       M[2]
(603) ld       M[0]
(604) jeq      #0x6             jt 605	jf 606
(605) ret      #262144
(606) ret      #0
