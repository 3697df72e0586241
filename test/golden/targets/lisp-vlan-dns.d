(000) ld       #0x0
(001) st       M[0]
(002) st       M[1]
(003) st       M[2]
(004) ld       #pktlen
(005) jge      #0xe             jt 7	jf 6
(006) ja       584
(007) ldh      [12]
(008) jeq      #0x8100          jt 15	jf 9
(009) jeq      #0x88a8          jt 15	jf 10
(010) jeq      #0x9100          jt 15	jf 11
(011) st       M[3]
(012) ld       #0xe
(013) st       M[4]
(014) ja       108
(015) ld       #pktlen
(016) jge      #0x12            jt 18	jf 17
(017) ja       584
(018) ldh      [14]
(019) and      #0xfff
(020) st       M[2]
(021) ldh      [16]
(022) jeq      #0x8100          jt 29	jf 23
(023) jeq      #0x88a8          jt 29	jf 24
(024) jeq      #0x9100          jt 29	jf 25
(025) st       M[3]
(026) ld       #0x12
(027) st       M[4]
(028) ja       108
(029) ld       #pktlen
(030) jge      #0x16            jt 32	jf 31
(031) ja       569
(032) ldh      [20]
(033) jeq      #0x8100          jt 40	jf 34
(034) jeq      #0x88a8          jt 40	jf 35
(035) jeq      #0x9100          jt 40	jf 36
(036) st       M[3]
(037) ld       #0x16
(038) st       M[4]
(039) ja       108
(040) ld       #pktlen
(041) jge      #0x1a            jt 43	jf 42
(042) ja       569
(043) ldh      [24]
(044) jeq      #0x8100          jt 51	jf 45
(045) jeq      #0x88a8          jt 51	jf 46
(046) jeq      #0x9100          jt 51	jf 47
(047) st       M[3]
(048) ld       #0x1a
(049) st       M[4]
(050) ja       108
(051) ld       #pktlen
(052) jge      #0x1e            jt 54	jf 53
(053) ja       569
(054) ldh      [28]
(055) jeq      #0x8100          jt 62	jf 56
(056) jeq      #0x88a8          jt 62	jf 57
(057) jeq      #0x9100          jt 62	jf 58
(058) st       M[3]
(059) ld       #0x1e
(060) st       M[4]
(061) ja       108
(062) ld       #pktlen
(063) jge      #0x22            jt 65	jf 64
(064) ja       569
(065) ldh      [32]
(066) jeq      #0x8100          jt 73	jf 67
(067) jeq      #0x88a8          jt 73	jf 68
(068) jeq      #0x9100          jt 73	jf 69
(069) st       M[3]
(070) ld       #0x22
(071) st       M[4]
(072) ja       108
(073) ld       #pktlen
(074) jge      #0x26            jt 76	jf 75
(075) ja       569
(076) ldh      [36]
(077) jeq      #0x8100          jt 84	jf 78
(078) jeq      #0x88a8          jt 84	jf 79
(079) jeq      #0x9100          jt 84	jf 80
(080) st       M[3]
(081) ld       #0x26
(082) st       M[4]
(083) ja       108
(084) ld       #pktlen
(085) jge      #0x2a            jt 87	jf 86
(086) ja       569
(087) ldh      [40]
(088) jeq      #0x8100          jt 95	jf 89
(089) jeq      #0x88a8          jt 95	jf 90
(090) jeq      #0x9100          jt 95	jf 91
(091) st       M[3]
(092) ld       #0x2a
(093) st       M[4]
(094) ja       108
(095) ld       #pktlen
(096) jge      #0x2e            jt 98	jf 97
(097) ja       569
(098) ldh      [44]
(099) jeq      #0x8100          jt 100	jf 101
(100) ja       569
(101) jeq      #0x88a8          jt 102	jf 103
(102) ja       569
(103) jeq      #0x9100          jt 104	jf 105
(104) ja       569
(105) st       M[3]
(106) ld       #0x2e
(107) st       M[4]
(108) ld       M[3]
(109) jeq      #0x800           jt 112	jf 110
(110) jeq      #0x86dd          jt 151	jf 111
(111) ja       569
(112) ld       M[4]
(113) add      #0x14
(114) tax
(115) ld       #pktlen
(116) jge      x                jt 118	jf 117
(117) ja       569
(118) ldx      M[4]
(119) ldb      [x + 0]
(120) rsh      #4
(121) jeq      #0x4             jt 123	jf 122
(122) ja       569
(123) ldb      [x + 0]
(124) and      #0xf
(125) lsh      #2
(126) st       M[3]
(127) jge      #0x14            jt 129	jf 128
(128) ja       569
(129) txa
(130) ldx      M[3]
(131) add      x
(132) st       M[3]
(133) tax
(134) ld       #pktlen
(135) jge      x                jt 137	jf 136
(136) ja       569
(137) ldx      M[4]
(138) ldb      [x + 9]
(139) st       M[1]
(140) ldh      [x + 6]
(141) and      #0x1fff
(142) jeq      #0x0             jt 144	jf 143
(143) ja       569
(144) ldx      M[3]
(145) ld       #pktlen
(146) jgt      x                jt 148	jf 147
(147) ja       569
(148) txa
(149) st       M[0]
(150) ja       569
(151) ld       M[4]
(152) add      #0x28
(153) tax
(154) ld       #pktlen
(155) jge      x                jt 157	jf 156
(156) ja       569
(157) ldx      M[4]
(158) ldb      [x + 0]
(159) rsh      #4
(160) jeq      #0x6             jt 162	jf 161
(161) ja       569
(162) ldb      [x + 6]
(163) st       M[3]
(164) txa
(165) add      #0x28
(166) st       M[4]
(167) ld       #0x1
(168) st       M[5]
(169) ld       M[3]
(170) jeq      #0x0             jt 177	jf 171
(171) jeq      #0x2b            jt 177	jf 172
(172) jeq      #0x2c            jt 177	jf 173
(173) jeq      #0x33            jt 177	jf 174
(174) jeq      #0x3c            jt 177	jf 175
(175) jeq      #0x87            jt 177	jf 176
(176) ja       553
(177) ld       M[4]
(178) add      #0x8
(179) tax
(180) ld       #pktlen
(181) jge      x                jt 183	jf 182
(182) ja       553
(183) ld       M[3]
(184) jeq      #0x2c            jt 186	jf 185
(185) jeq      #0x33            jt 188	jf 193
(186) ld       #0x8
(187) ja       197
(188) ldx      M[4]
(189) ldb      [x + 1]
(190) add      #0x2
(191) lsh      #2
(192) ja       197
(193) ldx      M[4]
(194) ldb      [x + 1]
(195) add      #0x1
(196) lsh      #3
(197) st       M[6]
(198) ld       M[4]
(199) ldx      M[6]
(200) add      x
(201) st       M[7]
(202) tax
(203) ld       #pktlen
(204) jge      x                jt 206	jf 205
(205) ja       553
(206) ld       M[3]
(207) jeq      #0x2c            jt 208	jf 214
(208) ldx      M[4]
(209) ldh      [x + 2]
(210) and      #0xfff8
(211) jeq      #0x0             jt 214	jf 212
(212) ld       #0x0
(213) st       M[5]
(214) ldx      M[4]
(215) ldb      [x + 0]
(216) st       M[3]
(217) ld       M[7]
(218) st       M[4]
(219) ld       M[3]
(220) jeq      #0x0             jt 227	jf 221
(221) jeq      #0x2b            jt 227	jf 222
(222) jeq      #0x2c            jt 227	jf 223
(223) jeq      #0x33            jt 227	jf 224
(224) jeq      #0x3c            jt 227	jf 225
(225) jeq      #0x87            jt 227	jf 226
(226) ja       553
(227) ld       M[4]
(228) add      #0x8
(229) tax
(230) ld       #pktlen
(231) jge      x                jt 233	jf 232
(232) ja       553
(233) ld       M[3]
(234) jeq      #0x2c            jt 236	jf 235
(235) jeq      #0x33            jt 238	jf 243
(236) ld       #0x8
(237) ja       247
(238) ldx      M[4]
(239) ldb      [x + 1]
(240) add      #0x2
(241) lsh      #2
(242) ja       247
(243) ldx      M[4]
(244) ldb      [x + 1]
(245) add      #0x1
(246) lsh      #3
(247) st       M[6]
(248) ld       M[4]
(249) ldx      M[6]
(250) add      x
(251) st       M[7]
(252) tax
(253) ld       #pktlen
(254) jge      x                jt 256	jf 255
(255) ja       553
(256) ld       M[3]
(257) jeq      #0x2c            jt 258	jf 264
(258) ldx      M[4]
(259) ldh      [x + 2]
(260) and      #0xfff8
(261) jeq      #0x0             jt 264	jf 262
(262) ld       #0x0
(263) st       M[5]
(264) ldx      M[4]
(265) ldb      [x + 0]
(266) st       M[3]
(267) ld       M[7]
(268) st       M[4]
(269) ld       M[3]
(270) jeq      #0x0             jt 277	jf 271
(271) jeq      #0x2b            jt 277	jf 272
(272) jeq      #0x2c            jt 277	jf 273
(273) jeq      #0x33            jt 277	jf 274
(274) jeq      #0x3c            jt 277	jf 275
(275) jeq      #0x87            jt 277	jf 276
(276) ja       553
(277) ld       M[4]
(278) add      #0x8
(279) tax
(280) ld       #pktlen
(281) jge      x                jt 283	jf 282
(282) ja       553
(283) ld       M[3]
(284) jeq      #0x2c            jt 286	jf 285
(285) jeq      #0x33            jt 288	jf 293
(286) ld       #0x8
(287) ja       297
(288) ldx      M[4]
(289) ldb      [x + 1]
(290) add      #0x2
(291) lsh      #2
(292) ja       297
(293) ldx      M[4]
(294) ldb      [x + 1]
(295) add      #0x1
(296) lsh      #3
(297) st       M[6]
(298) ld       M[4]
(299) ldx      M[6]
(300) add      x
(301) st       M[7]
(302) tax
(303) ld       #pktlen
(304) jge      x                jt 305	jf 553
(305) ld       M[3]
(306) jeq      #0x2c            jt 307	jf 313
(307) ldx      M[4]
(308) ldh      [x + 2]
(309) and      #0xfff8
(310) jeq      #0x0             jt 313	jf 311
(311) ld       #0x0
(312) st       M[5]
(313) ldx      M[4]
(314) ldb      [x + 0]
(315) st       M[3]
(316) ld       M[7]
(317) st       M[4]
(318) ld       M[3]
(319) jeq      #0x0             jt 325	jf 320
(320) jeq      #0x2b            jt 325	jf 321
(321) jeq      #0x2c            jt 325	jf 322
(322) jeq      #0x33            jt 325	jf 323
(323) jeq      #0x3c            jt 325	jf 324
(324) jeq      #0x87            jt 325	jf 553
(325) ld       M[4]
(326) add      #0x8
(327) tax
(328) ld       #pktlen
(329) jge      x                jt 330	jf 553
(330) ld       M[3]
(331) jeq      #0x2c            jt 333	jf 332
(332) jeq      #0x33            jt 335	jf 340
(333) ld       #0x8
(334) ja       344
(335) ldx      M[4]
(336) ldb      [x + 1]
(337) add      #0x2
(338) lsh      #2
(339) ja       344
(340) ldx      M[4]
(341) ldb      [x + 1]
(342) add      #0x1
(343) lsh      #3
(344) st       M[6]
(345) ld       M[4]
(346) ldx      M[6]
(347) add      x
(348) st       M[7]
(349) tax
(350) ld       #pktlen
(351) jge      x                jt 352	jf 553
(352) ld       M[3]
(353) jeq      #0x2c            jt 354	jf 360
(354) ldx      M[4]
(355) ldh      [x + 2]
(356) and      #0xfff8
(357) jeq      #0x0             jt 360	jf 358
(358) ld       #0x0
(359) st       M[5]
(360) ldx      M[4]
(361) ldb      [x + 0]
(362) st       M[3]
(363) ld       M[7]
(364) st       M[4]
(365) ld       M[3]
(366) jeq      #0x0             jt 372	jf 367
(367) jeq      #0x2b            jt 372	jf 368
(368) jeq      #0x2c            jt 372	jf 369
(369) jeq      #0x33            jt 372	jf 370
(370) jeq      #0x3c            jt 372	jf 371
(371) jeq      #0x87            jt 372	jf 553
(372) ld       M[4]
(373) add      #0x8
(374) tax
(375) ld       #pktlen
(376) jge      x                jt 377	jf 553
(377) ld       M[3]
(378) jeq      #0x2c            jt 380	jf 379
(379) jeq      #0x33            jt 382	jf 387
(380) ld       #0x8
(381) ja       391
(382) ldx      M[4]
(383) ldb      [x + 1]
(384) add      #0x2
(385) lsh      #2
(386) ja       391
(387) ldx      M[4]
(388) ldb      [x + 1]
(389) add      #0x1
(390) lsh      #3
(391) st       M[6]
(392) ld       M[4]
(393) ldx      M[6]
(394) add      x
(395) st       M[7]
(396) tax
(397) ld       #pktlen
(398) jge      x                jt 399	jf 553
(399) ld       M[3]
(400) jeq      #0x2c            jt 401	jf 407
(401) ldx      M[4]
(402) ldh      [x + 2]
(403) and      #0xfff8
(404) jeq      #0x0             jt 407	jf 405
(405) ld       #0x0
(406) st       M[5]
(407) ldx      M[4]
(408) ldb      [x + 0]
(409) st       M[3]
(410) ld       M[7]
(411) st       M[4]
(412) ld       M[3]
(413) jeq      #0x0             jt 419	jf 414
(414) jeq      #0x2b            jt 419	jf 415
(415) jeq      #0x2c            jt 419	jf 416
(416) jeq      #0x33            jt 419	jf 417
(417) jeq      #0x3c            jt 419	jf 418
(418) jeq      #0x87            jt 419	jf 553
(419) ld       M[4]
(420) add      #0x8
(421) tax
(422) ld       #pktlen
(423) jge      x                jt 424	jf 553
(424) ld       M[3]
(425) jeq      #0x2c            jt 427	jf 426
(426) jeq      #0x33            jt 429	jf 434
(427) ld       #0x8
(428) ja       438
(429) ldx      M[4]
(430) ldb      [x + 1]
(431) add      #0x2
(432) lsh      #2
(433) ja       438
(434) ldx      M[4]
(435) ldb      [x + 1]
(436) add      #0x1
(437) lsh      #3
(438) st       M[6]
(439) ld       M[4]
(440) ldx      M[6]
(441) add      x
(442) st       M[7]
(443) tax
(444) ld       #pktlen
(445) jge      x                jt 446	jf 553
(446) ld       M[3]
(447) jeq      #0x2c            jt 448	jf 454
(448) ldx      M[4]
(449) ldh      [x + 2]
(450) and      #0xfff8
(451) jeq      #0x0             jt 454	jf 452
(452) ld       #0x0
(453) st       M[5]
(454) ldx      M[4]
(455) ldb      [x + 0]
(456) st       M[3]
(457) ld       M[7]
(458) st       M[4]
(459) ld       M[3]
(460) jeq      #0x0             jt 466	jf 461
(461) jeq      #0x2b            jt 466	jf 462
(462) jeq      #0x2c            jt 466	jf 463
(463) jeq      #0x33            jt 466	jf 464
(464) jeq      #0x3c            jt 466	jf 465
(465) jeq      #0x87            jt 466	jf 553
(466) ld       M[4]
(467) add      #0x8
(468) tax
(469) ld       #pktlen
(470) jge      x                jt 471	jf 553
(471) ld       M[3]
(472) jeq      #0x2c            jt 474	jf 473
(473) jeq      #0x33            jt 476	jf 481
(474) ld       #0x8
(475) ja       485
(476) ldx      M[4]
(477) ldb      [x + 1]
(478) add      #0x2
(479) lsh      #2
(480) ja       485
(481) ldx      M[4]
(482) ldb      [x + 1]
(483) add      #0x1
(484) lsh      #3
(485) st       M[6]
(486) ld       M[4]
(487) ldx      M[6]
(488) add      x
(489) st       M[7]
(490) tax
(491) ld       #pktlen
(492) jge      x                jt 493	jf 553
(493) ld       M[3]
(494) jeq      #0x2c            jt 495	jf 501
(495) ldx      M[4]
(496) ldh      [x + 2]
(497) and      #0xfff8
(498) jeq      #0x0             jt 501	jf 499
(499) ld       #0x0
(500) st       M[5]
(501) ldx      M[4]
(502) ldb      [x + 0]
(503) st       M[3]
(504) ld       M[7]
(505) st       M[4]
(506) ld       M[3]
(507) jeq      #0x0             jt 513	jf 508
(508) jeq      #0x2b            jt 513	jf 509
(509) jeq      #0x2c            jt 513	jf 510
(510) jeq      #0x33            jt 513	jf 511
(511) jeq      #0x3c            jt 513	jf 512
(512) jeq      #0x87            jt 513	jf 553
(513) ld       M[4]
(514) add      #0x8
(515) tax
(516) ld       #pktlen
(517) jge      x                jt 518	jf 553
(518) ld       M[3]
(519) jeq      #0x2c            jt 521	jf 520
(520) jeq      #0x33            jt 523	jf 528
(521) ld       #0x8
(522) ja       532
(523) ldx      M[4]
(524) ldb      [x + 1]
(525) add      #0x2
(526) lsh      #2
(527) ja       532
(528) ldx      M[4]
(529) ldb      [x + 1]
(530) add      #0x1
(531) lsh      #3
(532) st       M[6]
(533) ld       M[4]
(534) ldx      M[6]
(535) add      x
(536) st       M[7]
(537) tax
(538) ld       #pktlen
(539) jge      x                jt 540	jf 553
(540) ld       M[3]
(541) jeq      #0x2c            jt 542	jf 548
(542) ldx      M[4]
(543) ldh      [x + 2]
(544) and      #0xfff8
(545) jeq      #0x0             jt 548	jf 546
(546) ld       #0x0
(547) st       M[5]
(548) ldx      M[4]
(549) ldb      [x + 0]
(550) st       M[3]
(551) ld       M[7]
(552) st       M[4]
(553) ld       M[3]
(554) st       M[1]
(555) jeq      #0x0             jt 569	jf 556
(556) jeq      #0x2b            jt 569	jf 557
(557) jeq      #0x2c            jt 569	jf 558
(558) jeq      #0x33            jt 569	jf 559
(559) jeq      #0x3c            jt 569	jf 560
(560) jeq      #0x87            jt 569	jf 561
(561) jeq      #0x3b            jt 569	jf 562
(562) ld       M[5]
(563) jeq      #0x0             jt 569	jf 564
(564) ldx      M[4]
(565) ld       #pktlen
(566) jgt      x                jt 567	jf 569
(567) txa
(568) st       M[0]
(569) ld       M[2]
(570) jeq      #0x64            jt 571	jf 581
(571) ld       M[1]
(572) jeq      #0x11            jt 573	jf 581
(573) ld       M[0]
(574) jeq      #0x0             jt 581	jf 575
(575) tax
(576) ld       #pktlen
(577) sub      x
(578) jge      #0x4             jt 579	jf 581
(579) ldh      [x + 2]
(580) jeq      #0x35            jt 583	jf 581
(581) ld       M[2]
(582) jeq      #0x0             jt 584	jf 583
(583) ret      #262144
(584) ret      #0
