(000) ld       #0x0
(001) st       M[0]
(002) ld       #pktlen
(003) jge      #0xe             jt 5	jf 4
(004) ja       599
(005) ldh      [12]
(006) jeq      #0x8100          jt 14	jf 7
(007) jeq      #0x88a8          jt 14	jf 8
(008) jeq      #0x9100          jt 14	jf 9
(009) st       M[1]
(010) ld       #0xe
(011) st       M[2]
(012) st       M[3]
(013) ja       113
(014) ld       #pktlen
(015) jge      #0x12            jt 17	jf 16
(016) ja       599
(017) ldh      [14]
(018) ldh      [16]
(019) jeq      #0x8100          jt 27	jf 20
(020) jeq      #0x88a8          jt 27	jf 21
(021) jeq      #0x9100          jt 27	jf 22
(022) st       M[1]
(023) ld       #0x12
(024) st       M[2]
(025) st       M[3]
(026) ja       113
(027) ld       #pktlen
(028) jge      #0x16            jt 30	jf 29
(029) ja       599
(030) ldh      [20]
(031) jeq      #0x8100          jt 39	jf 32
(032) jeq      #0x88a8          jt 39	jf 33
(033) jeq      #0x9100          jt 39	jf 34
(034) st       M[1]
(035) ld       #0x16
(036) st       M[2]
(037) st       M[3]
(038) ja       113
(039) ld       #pktlen
(040) jge      #0x1a            jt 42	jf 41
(041) ja       599
(042) ldh      [24]
(043) jeq      #0x8100          jt 51	jf 44
(044) jeq      #0x88a8          jt 51	jf 45
(045) jeq      #0x9100          jt 51	jf 46
(046) st       M[1]
(047) ld       #0x1a
(048) st       M[2]
(049) st       M[3]
(050) ja       113
(051) ld       #pktlen
(052) jge      #0x1e            jt 54	jf 53
(053) ja       599
(054) ldh      [28]
(055) jeq      #0x8100          jt 63	jf 56
(056) jeq      #0x88a8          jt 63	jf 57
(057) jeq      #0x9100          jt 63	jf 58
(058) st       M[1]
(059) ld       #0x1e
(060) st       M[2]
(061) st       M[3]
(062) ja       113
(063) ld       #pktlen
(064) jge      #0x22            jt 66	jf 65
(065) ja       599
(066) ldh      [32]
(067) jeq      #0x8100          jt 75	jf 68
(068) jeq      #0x88a8          jt 75	jf 69
(069) jeq      #0x9100          jt 75	jf 70
(070) st       M[1]
(071) ld       #0x22
(072) st       M[2]
(073) st       M[3]
(074) ja       113
(075) ld       #pktlen
(076) jge      #0x26            jt 78	jf 77
(077) ja       599
(078) ldh      [36]
(079) jeq      #0x8100          jt 87	jf 80
(080) jeq      #0x88a8          jt 87	jf 81
(081) jeq      #0x9100          jt 87	jf 82
(082) st       M[1]
(083) ld       #0x26
(084) st       M[2]
(085) st       M[3]
(086) ja       113
(087) ld       #pktlen
(088) jge      #0x2a            jt 90	jf 89
(089) ja       599
(090) ldh      [40]
(091) jeq      #0x8100          jt 99	jf 92
(092) jeq      #0x88a8          jt 99	jf 93
(093) jeq      #0x9100          jt 99	jf 94
(094) st       M[1]
(095) ld       #0x2a
(096) st       M[2]
(097) st       M[3]
(098) ja       113
(099) ld       #pktlen
(100) jge      #0x2e            jt 102	jf 101
(101) ja       599
(102) ldh      [44]
(103) jeq      #0x8100          jt 104	jf 105
(104) ja       599
(105) jeq      #0x88a8          jt 106	jf 107
(106) ja       599
(107) jeq      #0x9100          jt 108	jf 109
(108) ja       599
(109) st       M[1]
(110) ld       #0x2e
(111) st       M[2]
(112) st       M[3]
(113) ld       M[1]
(114) jeq      #0x800           jt 117	jf 115
(115) jeq      #0x86dd          jt 158	jf 116
(116) ja       599
(117) ld       M[3]
(118) add      #0x14
(119) tax
(120) ld       #pktlen
(121) jge      x                jt 123	jf 122
(122) ja       599
(123) ldx      M[3]
(124) ldb      [x + 0]
(125) rsh      #4
(126) jeq      #0x4             jt 128	jf 127
(127) ja       599
(128) ldb      [x + 0]
(129) and      #0xf
(130) lsh      #2
(131) st       M[1]
(132) jge      #0x14            jt 134	jf 133
(133) ja       599
(134) txa
(135) ldx      M[1]
(136) add      x
(137) st       M[1]
(138) tax
(139) ld       #pktlen
(140) jge      x                jt 142	jf 141
(141) ja       599
(142) ld       #0x4
(143) st       M[4]
(144) ldx      M[3]
(145) ldb      [x + 9]
(146) st       M[5]
(147) ldh      [x + 6]
(148) and      #0x1fff
(149) jeq      #0x0             jt 151	jf 150
(150) ja       578
(151) ldx      M[1]
(152) ld       #pktlen
(153) jgt      x                jt 155	jf 154
(154) ja       578
(155) txa
(156) st       M[0]
(157) ja       578
(158) ld       M[3]
(159) add      #0x28
(160) tax
(161) ld       #pktlen
(162) jge      x                jt 164	jf 163
(163) ja       599
(164) ldx      M[3]
(165) ldb      [x + 0]
(166) rsh      #4
(167) jeq      #0x6             jt 169	jf 168
(168) ja       599
(169) ld       #0x6
(170) st       M[4]
(171) ldb      [x + 6]
(172) st       M[1]
(173) txa
(174) add      #0x28
(175) st       M[3]
(176) ld       #0x1
(177) st       M[6]
(178) ld       M[1]
(179) jeq      #0x0             jt 186	jf 180
(180) jeq      #0x2b            jt 186	jf 181
(181) jeq      #0x2c            jt 186	jf 182
(182) jeq      #0x33            jt 186	jf 183
(183) jeq      #0x3c            jt 186	jf 184
(184) jeq      #0x87            jt 186	jf 185
(185) ja       562
(186) ld       M[3]
(187) add      #0x8
(188) tax
(189) ld       #pktlen
(190) jge      x                jt 192	jf 191
(191) ja       562
(192) ld       M[1]
(193) jeq      #0x2c            jt 195	jf 194
(194) jeq      #0x33            jt 197	jf 202
(195) ld       #0x8
(196) ja       206
(197) ldx      M[3]
(198) ldb      [x + 1]
(199) add      #0x2
(200) lsh      #2
(201) ja       206
(202) ldx      M[3]
(203) ldb      [x + 1]
(204) add      #0x1
(205) lsh      #3
(206) st       M[7]
(207) ld       M[3]
(208) ldx      M[7]
(209) add      x
(210) st       M[8]
(211) tax
(212) ld       #pktlen
(213) jge      x                jt 215	jf 214
(214) ja       562
(215) ld       M[1]
(216) jeq      #0x2c            jt 217	jf 223
(217) ldx      M[3]
(218) ldh      [x + 2]
(219) and      #0xfff8
(220) jeq      #0x0             jt 223	jf 221
(221) ld       #0x0
(222) st       M[6]
(223) ldx      M[3]
(224) ldb      [x + 0]
(225) st       M[1]
(226) ld       M[8]
(227) st       M[3]
(228) ld       M[1]
(229) jeq      #0x0             jt 236	jf 230
(230) jeq      #0x2b            jt 236	jf 231
(231) jeq      #0x2c            jt 236	jf 232
(232) jeq      #0x33            jt 236	jf 233
(233) jeq      #0x3c            jt 236	jf 234
(234) jeq      #0x87            jt 236	jf 235
(235) ja       562
(236) ld       M[3]
(237) add      #0x8
(238) tax
(239) ld       #pktlen
(240) jge      x                jt 242	jf 241
(241) ja       562
(242) ld       M[1]
(243) jeq      #0x2c            jt 245	jf 244
(244) jeq      #0x33            jt 247	jf 252
(245) ld       #0x8
(246) ja       256
(247) ldx      M[3]
(248) ldb      [x + 1]
(249) add      #0x2
(250) lsh      #2
(251) ja       256
(252) ldx      M[3]
(253) ldb      [x + 1]
(254) add      #0x1
(255) lsh      #3
(256) st       M[7]
(257) ld       M[3]
(258) ldx      M[7]
(259) add      x
(260) st       M[8]
(261) tax
(262) ld       #pktlen
(263) jge      x                jt 265	jf 264
(264) ja       562
(265) ld       M[1]
(266) jeq      #0x2c            jt 267	jf 273
(267) ldx      M[3]
(268) ldh      [x + 2]
(269) and      #0xfff8
(270) jeq      #0x0             jt 273	jf 271
(271) ld       #0x0
(272) st       M[6]
(273) ldx      M[3]
(274) ldb      [x + 0]
(275) st       M[1]
(276) ld       M[8]
(277) st       M[3]
(278) ld       M[1]
(279) jeq      #0x0             jt 286	jf 280
(280) jeq      #0x2b            jt 286	jf 281
(281) jeq      #0x2c            jt 286	jf 282
(282) jeq      #0x33            jt 286	jf 283
(283) jeq      #0x3c            jt 286	jf 284
(284) jeq      #0x87            jt 286	jf 285
(285) ja       562
(286) ld       M[3]
(287) add      #0x8
(288) tax
(289) ld       #pktlen
(290) jge      x                jt 292	jf 291
(291) ja       562
(292) ld       M[1]
(293) jeq      #0x2c            jt 295	jf 294
(294) jeq      #0x33            jt 297	jf 302
(295) ld       #0x8
(296) ja       306
(297) ldx      M[3]
(298) ldb      [x + 1]
(299) add      #0x2
(300) lsh      #2
(301) ja       306
(302) ldx      M[3]
(303) ldb      [x + 1]
(304) add      #0x1
(305) lsh      #3
(306) st       M[7]
(307) ld       M[3]
(308) ldx      M[7]
(309) add      x
(310) st       M[8]
(311) tax
(312) ld       #pktlen
(313) jge      x                jt 314	jf 562
(314) ld       M[1]
(315) jeq      #0x2c            jt 316	jf 322
(316) ldx      M[3]
(317) ldh      [x + 2]
(318) and      #0xfff8
(319) jeq      #0x0             jt 322	jf 320
(320) ld       #0x0
(321) st       M[6]
(322) ldx      M[3]
(323) ldb      [x + 0]
(324) st       M[1]
(325) ld       M[8]
(326) st       M[3]
(327) ld       M[1]
(328) jeq      #0x0             jt 334	jf 329
(329) jeq      #0x2b            jt 334	jf 330
(330) jeq      #0x2c            jt 334	jf 331
(331) jeq      #0x33            jt 334	jf 332
(332) jeq      #0x3c            jt 334	jf 333
(333) jeq      #0x87            jt 334	jf 562
(334) ld       M[3]
(335) add      #0x8
(336) tax
(337) ld       #pktlen
(338) jge      x                jt 339	jf 562
(339) ld       M[1]
(340) jeq      #0x2c            jt 342	jf 341
(341) jeq      #0x33            jt 344	jf 349
(342) ld       #0x8
(343) ja       353
(344) ldx      M[3]
(345) ldb      [x + 1]
(346) add      #0x2
(347) lsh      #2
(348) ja       353
(349) ldx      M[3]
(350) ldb      [x + 1]
(351) add      #0x1
(352) lsh      #3
(353) st       M[7]
(354) ld       M[3]
(355) ldx      M[7]
(356) add      x
(357) st       M[8]
(358) tax
(359) ld       #pktlen
(360) jge      x                jt 361	jf 562
(361) ld       M[1]
(362) jeq      #0x2c            jt 363	jf 369
(363) ldx      M[3]
(364) ldh      [x + 2]
(365) and      #0xfff8
(366) jeq      #0x0             jt 369	jf 367
(367) ld       #0x0
(368) st       M[6]
(369) ldx      M[3]
(370) ldb      [x + 0]
(371) st       M[1]
(372) ld       M[8]
(373) st       M[3]
(374) ld       M[1]
(375) jeq      #0x0             jt 381	jf 376
(376) jeq      #0x2b            jt 381	jf 377
(377) jeq      #0x2c            jt 381	jf 378
(378) jeq      #0x33            jt 381	jf 379
(379) jeq      #0x3c            jt 381	jf 380
(380) jeq      #0x87            jt 381	jf 562
(381) ld       M[3]
(382) add      #0x8
(383) tax
(384) ld       #pktlen
(385) jge      x                jt 386	jf 562
(386) ld       M[1]
(387) jeq      #0x2c            jt 389	jf 388
(388) jeq      #0x33            jt 391	jf 396
(389) ld       #0x8
(390) ja       400
(391) ldx      M[3]
(392) ldb      [x + 1]
(393) add      #0x2
(394) lsh      #2
(395) ja       400
(396) ldx      M[3]
(397) ldb      [x + 1]
(398) add      #0x1
(399) lsh      #3
(400) st       M[7]
(401) ld       M[3]
(402) ldx      M[7]
(403) add      x
(404) st       M[8]
(405) tax
(406) ld       #pktlen
(407) jge      x                jt 408	jf 562
(408) ld       M[1]
(409) jeq      #0x2c            jt 410	jf 416
(410) ldx      M[3]
(411) ldh      [x + 2]
(412) and      #0xfff8
(413) jeq      #0x0             jt 416	jf 414
(414) ld       #0x0
(415) st       M[6]
(416) ldx      M[3]
(417) ldb      [x + 0]
(418) st       M[1]
(419) ld       M[8]
(420) st       M[3]
(421) ld       M[1]
(422) jeq      #0x0             jt 428	jf 423
(423) jeq      #0x2b            jt 428	jf 424
(424) jeq      #0x2c            jt 428	jf 425
(425) jeq      #0x33            jt 428	jf 426
(426) jeq      #0x3c            jt 428	jf 427
(427) jeq      #0x87            jt 428	jf 562
(428) ld       M[3]
(429) add      #0x8
(430) tax
(431) ld       #pktlen
(432) jge      x                jt 433	jf 562
(433) ld       M[1]
(434) jeq      #0x2c            jt 436	jf 435
(435) jeq      #0x33            jt 438	jf 443
(436) ld       #0x8
(437) ja       447
(438) ldx      M[3]
(439) ldb      [x + 1]
(440) add      #0x2
(441) lsh      #2
(442) ja       447
(443) ldx      M[3]
(444) ldb      [x + 1]
(445) add      #0x1
(446) lsh      #3
(447) st       M[7]
(448) ld       M[3]
(449) ldx      M[7]
(450) add      x
(451) st       M[8]
(452) tax
(453) ld       #pktlen
(454) jge      x                jt 455	jf 562
(455) ld       M[1]
(456) jeq      #0x2c            jt 457	jf 463
(457) ldx      M[3]
(458) ldh      [x + 2]
(459) and      #0xfff8
(460) jeq      #0x0             jt 463	jf 461
(461) ld       #0x0
(462) st       M[6]
(463) ldx      M[3]
(464) ldb      [x + 0]
(465) st       M[1]
(466) ld       M[8]
(467) st       M[3]
(468) ld       M[1]
(469) jeq      #0x0             jt 475	jf 470
(470) jeq      #0x2b            jt 475	jf 471
(471) jeq      #0x2c            jt 475	jf 472
(472) jeq      #0x33            jt 475	jf 473
(473) jeq      #0x3c            jt 475	jf 474
(474) jeq      #0x87            jt 475	jf 562
(475) ld       M[3]
(476) add      #0x8
(477) tax
(478) ld       #pktlen
(479) jge      x                jt 480	jf 562
(480) ld       M[1]
(481) jeq      #0x2c            jt 483	jf 482
(482) jeq      #0x33            jt 485	jf 490
(483) ld       #0x8
(484) ja       494
(485) ldx      M[3]
(486) ldb      [x + 1]
(487) add      #0x2
(488) lsh      #2
(489) ja       494
(490) ldx      M[3]
(491) ldb      [x + 1]
(492) add      #0x1
(493) lsh      #3
(494) st       M[7]
(495) ld       M[3]
(496) ldx      M[7]
(497) add      x
(498) st       M[8]
(499) tax
(500) ld       #pktlen
(501) jge      x                jt 502	jf 562
(502) ld       M[1]
(503) jeq      #0x2c            jt 504	jf 510
(504) ldx      M[3]
(505) ldh      [x + 2]
(506) and      #0xfff8
(507) jeq      #0x0             jt 510	jf 508
(508) ld       #0x0
(509) st       M[6]
(510) ldx      M[3]
(511) ldb      [x + 0]
(512) st       M[1]
(513) ld       M[8]
(514) st       M[3]
(515) ld       M[1]
(516) jeq      #0x0             jt 522	jf 517
(517) jeq      #0x2b            jt 522	jf 518
(518) jeq      #0x2c            jt 522	jf 519
(519) jeq      #0x33            jt 522	jf 520
(520) jeq      #0x3c            jt 522	jf 521
(521) jeq      #0x87            jt 522	jf 562
(522) ld       M[3]
(523) add      #0x8
(524) tax
(525) ld       #pktlen
(526) jge      x                jt 527	jf 562
(527) ld       M[1]
(528) jeq      #0x2c            jt 530	jf 529
(529) jeq      #0x33            jt 532	jf 537
(530) ld       #0x8
(531) ja       541
(532) ldx      M[3]
(533) ldb      [x + 1]
(534) add      #0x2
(535) lsh      #2
(536) ja       541
(537) ldx      M[3]
(538) ldb      [x + 1]
(539) add      #0x1
(540) lsh      #3
(541) st       M[7]
(542) ld       M[3]
(543) ldx      M[7]
(544) add      x
(545) st       M[8]
(546) tax
(547) ld       #pktlen
(548) jge      x                jt 549	jf 562
(549) ld       M[1]
(550) jeq      #0x2c            jt 551	jf 557
(551) ldx      M[3]
(552) ldh      [x + 2]
(553) and      #0xfff8
(554) jeq      #0x0             jt 557	jf 555
(555) ld       #0x0
(556) st       M[6]
(557) ldx      M[3]
(558) ldb      [x + 0]
(559) st       M[1]
(560) ld       M[8]
(561) st       M[3]
(562) ld       M[1]
(563) st       M[5]
(564) jeq      #0x0             jt 578	jf 565
(565) jeq      #0x2b            jt 578	jf 566
(566) jeq      #0x2c            jt 578	jf 567
(567) jeq      #0x33            jt 578	jf 568
(568) jeq      #0x3c            jt 578	jf 569
(569) jeq      #0x87            jt 578	jf 570
(570) jeq      #0x3b            jt 578	jf 571
(571) ld       M[6]
(572) jeq      #0x0             jt 578	jf 573
(573) ldx      M[3]
(574) ld       #pktlen
(575) jgt      x                jt 576	jf 578
(576) txa
(577) st       M[0]
(578) ld       M[5]
(579) jeq      #0x6             jt 580	jf 599
(580) ld       M[0]
(581) jeq      #0x0             jt 601	jf 582
(582) tax
(583) ld       #pktlen
(584) sub      x
(585) jge      #0x4             jt 586	jf 601
(586) ldh      [x + 2]
(587) jeq      #0x16            jt 588	jf 595
(588) ld       M[4]
(589) jeq      #0x4             jt 590	jf 595
(590) ld       M[2]
(591) tax
(592) ld       [x + 12]
(593) and      #0xffff0000
(594) jeq      #0xa010000       jt 600	jf 595
(595) ld       M[0]
(596) tax
(597) ldh      [x + 2]
(598) jeq      #0x1bb           jt 600	jf 601
(599) ret      #0
(600) ret      #262144
(601) ret      #0
