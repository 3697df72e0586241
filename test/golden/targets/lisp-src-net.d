(000) ld       #0x0
(001) st       M[0]
(002) ld       #0x0
(003) ld       #0x0
(004) ld       #0x0
(005) st       M[1]
(006) ld       #0x0
(007) ld       #0x0
(008) ld       #0x0
(009) ld       #0x0
(010) ld       #pktlen
(011) jge      #0xe             jt 13	jf 12
(012) ja       613
(013) ldh      [12]
(014) jeq      #0x8100          jt 23	jf 15
(015) jeq      #0x88a8          jt 23	jf 16
(016) jeq      #0x9100          jt 23	jf 17
(017) st       M[2]
(018) ld       #0x0
(019) ld       #0xe
(020) st       M[0]
(021) st       M[3]
(022) ja       139
(023) ld       #pktlen
(024) jge      #0x12            jt 25	jf 121
(025) ldh      [14]
(026) and      #0xfff
(027) ldh      [16]
(028) jeq      #0x8100          jt 37	jf 29
(029) jeq      #0x88a8          jt 37	jf 30
(030) jeq      #0x9100          jt 37	jf 31
(031) st       M[2]
(032) ld       #0x1
(033) ld       #0x12
(034) st       M[0]
(035) st       M[3]
(036) ja       139
(037) ld       #pktlen
(038) jge      #0x16            jt 39	jf 123
(039) ldh      [20]
(040) jeq      #0x8100          jt 49	jf 41
(041) jeq      #0x88a8          jt 49	jf 42
(042) jeq      #0x9100          jt 49	jf 43
(043) st       M[2]
(044) ld       #0x2
(045) ld       #0x16
(046) st       M[0]
(047) st       M[3]
(048) ja       139
(049) ld       #pktlen
(050) jge      #0x1a            jt 51	jf 125
(051) ldh      [24]
(052) jeq      #0x8100          jt 61	jf 53
(053) jeq      #0x88a8          jt 61	jf 54
(054) jeq      #0x9100          jt 61	jf 55
(055) st       M[2]
(056) ld       #0x3
(057) ld       #0x1a
(058) st       M[0]
(059) st       M[3]
(060) ja       139
(061) ld       #pktlen
(062) jge      #0x1e            jt 63	jf 127
(063) ldh      [28]
(064) jeq      #0x8100          jt 73	jf 65
(065) jeq      #0x88a8          jt 73	jf 66
(066) jeq      #0x9100          jt 73	jf 67
(067) st       M[2]
(068) ld       #0x4
(069) ld       #0x1e
(070) st       M[0]
(071) st       M[3]
(072) ja       139
(073) ld       #pktlen
(074) jge      #0x22            jt 75	jf 129
(075) ldh      [32]
(076) jeq      #0x8100          jt 85	jf 77
(077) jeq      #0x88a8          jt 85	jf 78
(078) jeq      #0x9100          jt 85	jf 79
(079) st       M[2]
(080) ld       #0x5
(081) ld       #0x22
(082) st       M[0]
(083) st       M[3]
(084) ja       139
(085) ld       #pktlen
(086) jge      #0x26            jt 87	jf 131
(087) ldh      [36]
(088) jeq      #0x8100          jt 97	jf 89
(089) jeq      #0x88a8          jt 97	jf 90
(090) jeq      #0x9100          jt 97	jf 91
(091) st       M[2]
(092) ld       #0x6
(093) ld       #0x26
(094) st       M[0]
(095) st       M[3]
(096) ja       139
(097) ld       #pktlen
(098) jge      #0x2a            jt 99	jf 133
(099) ldh      [40]
(100) jeq      #0x8100          jt 109	jf 101
(101) jeq      #0x88a8          jt 109	jf 102
(102) jeq      #0x9100          jt 109	jf 103
(103) st       M[2]
(104) ld       #0x7
(105) ld       #0x2a
(106) st       M[0]
(107) st       M[3]
(108) ja       139
(109) ld       #pktlen
(110) jge      #0x2e            jt 111	jf 135
(111) ldh      [44]
(112) jeq      #0x8100          jt 137	jf 113
(113) jeq      #0x88a8          jt 137	jf 114
(114) jeq      #0x9100          jt 137	jf 115
(115) st       M[2]
(116) ld       #0x8
(117) ld       #0x2e
(118) st       M[0]
(119) st       M[3]
(120) ja       139
(121) ld       #0x0
(122) ja       613
(123) ld       #0x1
(124) ja       613
(125) ld       #0x2
(126) ja       613
(127) ld       #0x3
(128) ja       613
(129) ld       #0x4
(130) ja       613
(131) ld       #0x5
(132) ja       613
(133) ld       #0x6
(134) ja       613
(135) ld       #0x7
(136) ja       613
(137) ld       #0x8
(138) ja       613
(139) ld       M[2]
(140) jeq      #0x800           jt 143	jf 141
(141) jeq      #0x86dd          jt 187	jf 142
(142) ja       613
(143) ld       M[3]
(144) add      #0x14
(145) tax
(146) ld       #pktlen
(147) jge      x                jt 149	jf 148
(148) ja       613
(149) ldx      M[3]
(150) ldb      [x + 0]
(151) rsh      #4
(152) jeq      #0x4             jt 154	jf 153
(153) ja       613
(154) ldb      [x + 0]
(155) and      #0xf
(156) lsh      #2
(157) st       M[2]
(158) jge      #0x14            jt 160	jf 159
(159) ja       613
(160) ld       M[3]
(161) ldx      M[2]
(162) add      x
(163) st       M[2]
(164) tax
(165) ld       #pktlen
(166) jge      x                jt 168	jf 167
(167) ja       613
(168) ld       #0x4
(169) st       M[1]
(170) ldx      M[3]
(171) ldb      [x + 9]
(172) ldh      [x + 6]
(173) and      #0x3fff
(174) jeq      #0x0             jt 176	jf 175
(175) ld       #0x1
(176) ldx      M[3]
(177) ldh      [x + 6]
(178) and      #0x1fff
(179) jeq      #0x0             jt 181	jf 180
(180) ja       613
(181) ldx      M[2]
(182) ld       #pktlen
(183) jgt      x                jt 185	jf 184
(184) ja       613
(185) ld       M[2]
(186) ja       613
(187) ld       M[3]
(188) add      #0x28
(189) tax
(190) ld       #pktlen
(191) jge      x                jt 193	jf 192
(192) ja       613
(193) ldx      M[3]
(194) ldb      [x + 0]
(195) rsh      #4
(196) jeq      #0x6             jt 198	jf 197
(197) ja       613
(198) ld       #0x6
(199) st       M[1]
(200) ldb      [x + 6]
(201) st       M[2]
(202) ld       M[3]
(203) add      #0x28
(204) st       M[3]
(205) ld       #0x1
(206) st       M[4]
(207) ld       M[2]
(208) jeq      #0x0             jt 215	jf 209
(209) jeq      #0x2b            jt 215	jf 210
(210) jeq      #0x2c            jt 215	jf 211
(211) jeq      #0x33            jt 215	jf 212
(212) jeq      #0x3c            jt 215	jf 213
(213) jeq      #0x87            jt 215	jf 214
(214) ja       599
(215) ld       M[3]
(216) add      #0x8
(217) tax
(218) ld       #pktlen
(219) jge      x                jt 221	jf 220
(220) ja       599
(221) ld       M[2]
(222) jeq      #0x2c            jt 224	jf 223
(223) jeq      #0x33            jt 226	jf 231
(224) ld       #0x8
(225) ja       235
(226) ldx      M[3]
(227) ldb      [x + 1]
(228) add      #0x2
(229) lsh      #2
(230) ja       235
(231) ldx      M[3]
(232) ldb      [x + 1]
(233) add      #0x1
(234) lsh      #3
(235) st       M[5]
(236) ld       M[3]
(237) ldx      M[5]
(238) add      x
(239) st       M[6]
(240) tax
(241) ld       #pktlen
(242) jge      x                jt 244	jf 243
(243) ja       599
(244) ld       M[2]
(245) jeq      #0x2c            jt 246	jf 253
(246) ld       #0x1
(247) ldx      M[3]
(248) ldh      [x + 2]
(249) and      #0xfff8
(250) jeq      #0x0             jt 253	jf 251
(251) ld       #0x0
(252) st       M[4]
(253) ldx      M[3]
(254) ldb      [x + 0]
(255) st       M[2]
(256) ld       M[6]
(257) st       M[3]
(258) ld       M[2]
(259) jeq      #0x0             jt 266	jf 260
(260) jeq      #0x2b            jt 266	jf 261
(261) jeq      #0x2c            jt 266	jf 262
(262) jeq      #0x33            jt 266	jf 263
(263) jeq      #0x3c            jt 266	jf 264
(264) jeq      #0x87            jt 266	jf 265
(265) ja       599
(266) ld       M[3]
(267) add      #0x8
(268) tax
(269) ld       #pktlen
(270) jge      x                jt 272	jf 271
(271) ja       599
(272) ld       M[2]
(273) jeq      #0x2c            jt 275	jf 274
(274) jeq      #0x33            jt 277	jf 282
(275) ld       #0x8
(276) ja       286
(277) ldx      M[3]
(278) ldb      [x + 1]
(279) add      #0x2
(280) lsh      #2
(281) ja       286
(282) ldx      M[3]
(283) ldb      [x + 1]
(284) add      #0x1
(285) lsh      #3
(286) st       M[5]
(287) ld       M[3]
(288) ldx      M[5]
(289) add      x
(290) st       M[6]
(291) tax
(292) ld       #pktlen
(293) jge      x                jt 295	jf 294
(294) ja       599
(295) ld       M[2]
(296) jeq      #0x2c            jt 297	jf 304
(297) ld       #0x1
(298) ldx      M[3]
(299) ldh      [x + 2]
(300) and      #0xfff8
(301) jeq      #0x0             jt 304	jf 302
(302) ld       #0x0
(303) st       M[4]
(304) ldx      M[3]
(305) ldb      [x + 0]
(306) st       M[2]
(307) ld       M[6]
(308) st       M[3]
(309) ld       M[2]
(310) jeq      #0x0             jt 317	jf 311
(311) jeq      #0x2b            jt 317	jf 312
(312) jeq      #0x2c            jt 317	jf 313
(313) jeq      #0x33            jt 317	jf 314
(314) jeq      #0x3c            jt 317	jf 315
(315) jeq      #0x87            jt 317	jf 316
(316) ja       599
(317) ld       M[3]
(318) add      #0x8
(319) tax
(320) ld       #pktlen
(321) jge      x                jt 323	jf 322
(322) ja       599
(323) ld       M[2]
(324) jeq      #0x2c            jt 326	jf 325
(325) jeq      #0x33            jt 328	jf 333
(326) ld       #0x8
(327) ja       337
(328) ldx      M[3]
(329) ldb      [x + 1]
(330) add      #0x2
(331) lsh      #2
(332) ja       337
(333) ldx      M[3]
(334) ldb      [x + 1]
(335) add      #0x1
(336) lsh      #3
(337) st       M[5]
(338) ld       M[3]
(339) ldx      M[5]
(340) add      x
(341) st       M[6]
(342) tax
(343) ld       #pktlen
(344) jge      x                jt 345	jf 599
(345) ld       M[2]
(346) jeq      #0x2c            jt 347	jf 354
(347) ld       #0x1
(348) ldx      M[3]
(349) ldh      [x + 2]
(350) and      #0xfff8
(351) jeq      #0x0             jt 354	jf 352
(352) ld       #0x0
(353) st       M[4]
(354) ldx      M[3]
(355) ldb      [x + 0]
(356) st       M[2]
(357) ld       M[6]
(358) st       M[3]
(359) ld       M[2]
(360) jeq      #0x0             jt 366	jf 361
(361) jeq      #0x2b            jt 366	jf 362
(362) jeq      #0x2c            jt 366	jf 363
(363) jeq      #0x33            jt 366	jf 364
(364) jeq      #0x3c            jt 366	jf 365
(365) jeq      #0x87            jt 366	jf 599
(366) ld       M[3]
(367) add      #0x8
(368) tax
(369) ld       #pktlen
(370) jge      x                jt 371	jf 599
(371) ld       M[2]
(372) jeq      #0x2c            jt 374	jf 373
(373) jeq      #0x33            jt 376	jf 381
(374) ld       #0x8
(375) ja       385
(376) ldx      M[3]
(377) ldb      [x + 1]
(378) add      #0x2
(379) lsh      #2
(380) ja       385
(381) ldx      M[3]
(382) ldb      [x + 1]
(383) add      #0x1
(384) lsh      #3
(385) st       M[5]
(386) ld       M[3]
(387) ldx      M[5]
(388) add      x
(389) st       M[6]
(390) tax
(391) ld       #pktlen
(392) jge      x                jt 393	jf 599
(393) ld       M[2]
(394) jeq      #0x2c            jt 395	jf 402
(395) ld       #0x1
(396) ldx      M[3]
(397) ldh      [x + 2]
(398) and      #0xfff8
(399) jeq      #0x0             jt 402	jf 400
(400) ld       #0x0
(401) st       M[4]
(402) ldx      M[3]
(403) ldb      [x + 0]
(404) st       M[2]
(405) ld       M[6]
(406) st       M[3]
(407) ld       M[2]
(408) jeq      #0x0             jt 414	jf 409
(409) jeq      #0x2b            jt 414	jf 410
(410) jeq      #0x2c            jt 414	jf 411
(411) jeq      #0x33            jt 414	jf 412
(412) jeq      #0x3c            jt 414	jf 413
(413) jeq      #0x87            jt 414	jf 599
(414) ld       M[3]
(415) add      #0x8
(416) tax
(417) ld       #pktlen
(418) jge      x                jt 419	jf 599
(419) ld       M[2]
(420) jeq      #0x2c            jt 422	jf 421
(421) jeq      #0x33            jt 424	jf 429
(422) ld       #0x8
(423) ja       433
(424) ldx      M[3]
(425) ldb      [x + 1]
(426) add      #0x2
(427) lsh      #2
(428) ja       433
(429) ldx      M[3]
(430) ldb      [x + 1]
(431) add      #0x1
(432) lsh      #3
(433) st       M[5]
(434) ld       M[3]
(435) ldx      M[5]
(436) add      x
(437) st       M[6]
(438) tax
(439) ld       #pktlen
(440) jge      x                jt 441	jf 599
(441) ld       M[2]
(442) jeq      #0x2c            jt 443	jf 450
(443) ld       #0x1
(444) ldx      M[3]
(445) ldh      [x + 2]
(446) and      #0xfff8
(447) jeq      #0x0             jt 450	jf 448
(448) ld       #0x0
(449) st       M[4]
(450) ldx      M[3]
(451) ldb      [x + 0]
(452) st       M[2]
(453) ld       M[6]
(454) st       M[3]
(455) ld       M[2]
(456) jeq      #0x0             jt 462	jf 457
(457) jeq      #0x2b            jt 462	jf 458
(458) jeq      #0x2c            jt 462	jf 459
(459) jeq      #0x33            jt 462	jf 460
(460) jeq      #0x3c            jt 462	jf 461
(461) jeq      #0x87            jt 462	jf 599
(462) ld       M[3]
(463) add      #0x8
(464) tax
(465) ld       #pktlen
(466) jge      x                jt 467	jf 599
(467) ld       M[2]
(468) jeq      #0x2c            jt 470	jf 469
(469) jeq      #0x33            jt 472	jf 477
(470) ld       #0x8
(471) ja       481
(472) ldx      M[3]
(473) ldb      [x + 1]
(474) add      #0x2
(475) lsh      #2
(476) ja       481
(477) ldx      M[3]
(478) ldb      [x + 1]
(479) add      #0x1
(480) lsh      #3
(481) st       M[5]
(482) ld       M[3]
(483) ldx      M[5]
(484) add      x
(485) st       M[6]
(486) tax
(487) ld       #pktlen
(488) jge      x                jt 489	jf 599
(489) ld       M[2]
(490) jeq      #0x2c            jt 491	jf 498
(491) ld       #0x1
(492) ldx      M[3]
(493) ldh      [x + 2]
(494) and      #0xfff8
(495) jeq      #0x0             jt 498	jf 496
(496) ld       #0x0
(497) st       M[4]
(498) ldx      M[3]
(499) ldb      [x + 0]
(500) st       M[2]
(501) ld       M[6]
(502) st       M[3]
(503) ld       M[2]
(504) jeq      #0x0             jt 510	jf 505
(505) jeq      #0x2b            jt 510	jf 506
(506) jeq      #0x2c            jt 510	jf 507
(507) jeq      #0x33            jt 510	jf 508
(508) jeq      #0x3c            jt 510	jf 509
(509) jeq      #0x87            jt 510	jf 599
(510) ld       M[3]
(511) add      #0x8
(512) tax
(513) ld       #pktlen
(514) jge      x                jt 515	jf 599
(515) ld       M[2]
(516) jeq      #0x2c            jt 518	jf 517
(517) jeq      #0x33            jt 520	jf 525
(518) ld       #0x8
(519) ja       529
(520) ldx      M[3]
(521) ldb      [x + 1]
(522) add      #0x2
(523) lsh      #2
(524) ja       529
(525) ldx      M[3]
(526) ldb      [x + 1]
(527) add      #0x1
(528) lsh      #3
(529) st       M[5]
(530) ld       M[3]
(531) ldx      M[5]
(532) add      x
(533) st       M[6]
(534) tax
(535) ld       #pktlen
(536) jge      x                jt 537	jf 599
(537) ld       M[2]
(538) jeq      #0x2c            jt 539	jf 546
(539) ld       #0x1
(540) ldx      M[3]
(541) ldh      [x + 2]
(542) and      #0xfff8
(543) jeq      #0x0             jt 546	jf 544
(544) ld       #0x0
(545) st       M[4]
(546) ldx      M[3]
(547) ldb      [x + 0]
(548) st       M[2]
(549) ld       M[6]
(550) st       M[3]
(551) ld       M[2]
(552) jeq      #0x0             jt 558	jf 553
(553) jeq      #0x2b            jt 558	jf 554
(554) jeq      #0x2c            jt 558	jf 555
(555) jeq      #0x33            jt 558	jf 556
(556) jeq      #0x3c            jt 558	jf 557
(557) jeq      #0x87            jt 558	jf 599
(558) ld       M[3]
(559) add      #0x8
(560) tax
(561) ld       #pktlen
(562) jge      x                jt 563	jf 599
(563) ld       M[2]
(564) jeq      #0x2c            jt 566	jf 565
(565) jeq      #0x33            jt 568	jf 573
(566) ld       #0x8
(567) ja       577
(568) ldx      M[3]
(569) ldb      [x + 1]
(570) add      #0x2
(571) lsh      #2
(572) ja       577
(573) ldx      M[3]
(574) ldb      [x + 1]
(575) add      #0x1
(576) lsh      #3
(577) st       M[5]
(578) ld       M[3]
(579) ldx      M[5]
(580) add      x
(581) st       M[6]
(582) tax
(583) ld       #pktlen
(584) jge      x                jt 585	jf 599
(585) ld       M[2]
(586) jeq      #0x2c            jt 587	jf 594
(587) ld       #0x1
(588) ldx      M[3]
(589) ldh      [x + 2]
(590) and      #0xfff8
(591) jeq      #0x0             jt 594	jf 592
(592) ld       #0x0
(593) st       M[4]
(594) ldx      M[3]
(595) ldb      [x + 0]
(596) st       M[2]
(597) ld       M[6]
(598) st       M[3]
(599) ld       M[2]
(600) jeq      #0x0             jt 613	jf 601
(601) jeq      #0x2b            jt 613	jf 602
(602) jeq      #0x2c            jt 613	jf 603
(603) jeq      #0x33            jt 613	jf 604
(604) jeq      #0x3c            jt 613	jf 605
(605) jeq      #0x87            jt 613	jf 606
(606) jeq      #0x3b            jt 613	jf 607
(607) ld       M[4]
(608) jeq      #0x0             jt 613	jf 609
(609) ldx      M[3]
(610) ld       #pktlen
(611) jgt      x                jt 612	jf 613
(612) ld       M[3]
(613) ld       M[1]
(614) jeq      #0x4             jt 615	jf 630
(615) ld       M[0]
(616) st       M[1]
(617) jgt      #0x7ffe0000      jt 631	jf 618
(618) ldx      M[1]
(619) ld       [x + 12]
(620) and      #0xffff0000
(621) jeq      #0xc0a80000      jt 629	jf 622
(622) ld       M[0]
(623) st       M[1]
(624) jgt      #0x7ffe0000      jt 631	jf 625
(625) ldx      M[1]
(626) ld       [x + 12]
(627) and      #0xff000000
(628) jeq      #0xa000000       jt 629	jf 630
(629) ret      #262144
(630) ret      #0
(631) ret      #0
