(000) ld       #0x0
(001) ld       #0x0
(002) ld       #0x0
(003) ld       #0x0
(004) ld       #0x0
(005) st       M[0]
(006) ld       #0x0
(007) st       M[1]
(008) ld       #0x0
(009) st       M[2]
(010) ld       #0x0
(011) ld       #pktlen
(012) jge      #0xe             jt 14	jf 13
(013) ja       608
(014) ldh      [12]
(015) jeq      #0x8100          jt 23	jf 16
(016) jeq      #0x88a8          jt 23	jf 17
(017) jeq      #0x9100          jt 23	jf 18
(018) st       M[3]
(019) ld       #0x0
(020) ld       #0xe
(021) st       M[4]
(022) ja       132
(023) ld       #pktlen
(024) jge      #0x12            jt 25	jf 114
(025) ldh      [14]
(026) and      #0xfff
(027) st       M[2]
(028) ldh      [16]
(029) jeq      #0x8100          jt 37	jf 30
(030) jeq      #0x88a8          jt 37	jf 31
(031) jeq      #0x9100          jt 37	jf 32
(032) st       M[3]
(033) ld       #0x1
(034) ld       #0x12
(035) st       M[4]
(036) ja       132
(037) ld       #pktlen
(038) jge      #0x16            jt 39	jf 116
(039) ldh      [20]
(040) jeq      #0x8100          jt 48	jf 41
(041) jeq      #0x88a8          jt 48	jf 42
(042) jeq      #0x9100          jt 48	jf 43
(043) st       M[3]
(044) ld       #0x2
(045) ld       #0x16
(046) st       M[4]
(047) ja       132
(048) ld       #pktlen
(049) jge      #0x1a            jt 50	jf 118
(050) ldh      [24]
(051) jeq      #0x8100          jt 59	jf 52
(052) jeq      #0x88a8          jt 59	jf 53
(053) jeq      #0x9100          jt 59	jf 54
(054) st       M[3]
(055) ld       #0x3
(056) ld       #0x1a
(057) st       M[4]
(058) ja       132
(059) ld       #pktlen
(060) jge      #0x1e            jt 61	jf 120
(061) ldh      [28]
(062) jeq      #0x8100          jt 70	jf 63
(063) jeq      #0x88a8          jt 70	jf 64
(064) jeq      #0x9100          jt 70	jf 65
(065) st       M[3]
(066) ld       #0x4
(067) ld       #0x1e
(068) st       M[4]
(069) ja       132
(070) ld       #pktlen
(071) jge      #0x22            jt 72	jf 122
(072) ldh      [32]
(073) jeq      #0x8100          jt 81	jf 74
(074) jeq      #0x88a8          jt 81	jf 75
(075) jeq      #0x9100          jt 81	jf 76
(076) st       M[3]
(077) ld       #0x5
(078) ld       #0x22
(079) st       M[4]
(080) ja       132
(081) ld       #pktlen
(082) jge      #0x26            jt 83	jf 124
(083) ldh      [36]
(084) jeq      #0x8100          jt 92	jf 85
(085) jeq      #0x88a8          jt 92	jf 86
(086) jeq      #0x9100          jt 92	jf 87
(087) st       M[3]
(088) ld       #0x6
(089) ld       #0x26
(090) st       M[4]
(091) ja       132
(092) ld       #pktlen
(093) jge      #0x2a            jt 94	jf 126
(094) ldh      [40]
(095) jeq      #0x8100          jt 103	jf 96
(096) jeq      #0x88a8          jt 103	jf 97
(097) jeq      #0x9100          jt 103	jf 98
(098) st       M[3]
(099) ld       #0x7
(100) ld       #0x2a
(101) st       M[4]
(102) ja       132
(103) ld       #pktlen
(104) jge      #0x2e            jt 105	jf 128
(105) ldh      [44]
(106) jeq      #0x8100          jt 130	jf 107
(107) jeq      #0x88a8          jt 130	jf 108
(108) jeq      #0x9100          jt 130	jf 109
(109) st       M[3]
(110) ld       #0x8
(111) ld       #0x2e
(112) st       M[4]
(113) ja       132
(114) ld       #0x0
(115) ja       608
(116) ld       #0x1
(117) ja       608
(118) ld       #0x2
(119) ja       608
(120) ld       #0x3
(121) ja       608
(122) ld       #0x4
(123) ja       608
(124) ld       #0x5
(125) ja       608
(126) ld       #0x6
(127) ja       608
(128) ld       #0x7
(129) ja       608
(130) ld       #0x8
(131) ja       608
(132) ld       M[3]
(133) jeq      #0x800           jt 136	jf 134
(134) jeq      #0x86dd          jt 181	jf 135
(135) ja       608
(136) ld       M[4]
(137) add      #0x14
(138) tax
(139) ld       #pktlen
(140) jge      x                jt 142	jf 141
(141) ja       608
(142) ldx      M[4]
(143) ldb      [x + 0]
(144) rsh      #4
(145) jeq      #0x4             jt 147	jf 146
(146) ja       608
(147) ldb      [x + 0]
(148) and      #0xf
(149) lsh      #2
(150) st       M[3]
(151) jge      #0x14            jt 153	jf 152
(152) ja       608
(153) ld       M[4]
(154) ldx      M[3]
(155) add      x
(156) st       M[3]
(157) tax
(158) ld       #pktlen
(159) jge      x                jt 161	jf 160
(160) ja       608
(161) ld       #0x4
(162) ldx      M[4]
(163) ldb      [x + 9]
(164) st       M[1]
(165) ldh      [x + 6]
(166) and      #0x3fff
(167) jeq      #0x0             jt 169	jf 168
(168) ld       #0x1
(169) ldx      M[4]
(170) ldh      [x + 6]
(171) and      #0x1fff
(172) jeq      #0x0             jt 174	jf 173
(173) ja       608
(174) ldx      M[3]
(175) ld       #pktlen
(176) jgt      x                jt 178	jf 177
(177) ja       608
(178) ld       M[3]
(179) st       M[0]
(180) ja       608
(181) ld       M[4]
(182) add      #0x28
(183) tax
(184) ld       #pktlen
(185) jge      x                jt 187	jf 186
(186) ja       608
(187) ldx      M[4]
(188) ldb      [x + 0]
(189) rsh      #4
(190) jeq      #0x6             jt 192	jf 191
(191) ja       608
(192) ld       #0x6
(193) ldb      [x + 6]
(194) st       M[3]
(195) ld       M[4]
(196) add      #0x28
(197) st       M[4]
(198) ld       #0x1
(199) st       M[5]
(200) ld       M[3]
(201) jeq      #0x0             jt 208	jf 202
(202) jeq      #0x2b            jt 208	jf 203
(203) jeq      #0x2c            jt 208	jf 204
(204) jeq      #0x33            jt 208	jf 205
(205) jeq      #0x3c            jt 208	jf 206
(206) jeq      #0x87            jt 208	jf 207
(207) ja       592
(208) ld       M[4]
(209) add      #0x8
(210) tax
(211) ld       #pktlen
(212) jge      x                jt 214	jf 213
(213) ja       592
(214) ld       M[3]
(215) jeq      #0x2c            jt 217	jf 216
(216) jeq      #0x33            jt 219	jf 224
(217) ld       #0x8
(218) ja       228
(219) ldx      M[4]
(220) ldb      [x + 1]
(221) add      #0x2
(222) lsh      #2
(223) ja       228
(224) ldx      M[4]
(225) ldb      [x + 1]
(226) add      #0x1
(227) lsh      #3
(228) st       M[6]
(229) ld       M[4]
(230) ldx      M[6]
(231) add      x
(232) st       M[7]
(233) tax
(234) ld       #pktlen
(235) jge      x                jt 237	jf 236
(236) ja       592
(237) ld       M[3]
(238) jeq      #0x2c            jt 239	jf 246
(239) ld       #0x1
(240) ldx      M[4]
(241) ldh      [x + 2]
(242) and      #0xfff8
(243) jeq      #0x0             jt 246	jf 244
(244) ld       #0x0
(245) st       M[5]
(246) ldx      M[4]
(247) ldb      [x + 0]
(248) st       M[3]
(249) ld       M[7]
(250) st       M[4]
(251) ld       M[3]
(252) jeq      #0x0             jt 259	jf 253
(253) jeq      #0x2b            jt 259	jf 254
(254) jeq      #0x2c            jt 259	jf 255
(255) jeq      #0x33            jt 259	jf 256
(256) jeq      #0x3c            jt 259	jf 257
(257) jeq      #0x87            jt 259	jf 258
(258) ja       592
(259) ld       M[4]
(260) add      #0x8
(261) tax
(262) ld       #pktlen
(263) jge      x                jt 265	jf 264
(264) ja       592
(265) ld       M[3]
(266) jeq      #0x2c            jt 268	jf 267
(267) jeq      #0x33            jt 270	jf 275
(268) ld       #0x8
(269) ja       279
(270) ldx      M[4]
(271) ldb      [x + 1]
(272) add      #0x2
(273) lsh      #2
(274) ja       279
(275) ldx      M[4]
(276) ldb      [x + 1]
(277) add      #0x1
(278) lsh      #3
(279) st       M[6]
(280) ld       M[4]
(281) ldx      M[6]
(282) add      x
(283) st       M[7]
(284) tax
(285) ld       #pktlen
(286) jge      x                jt 288	jf 287
(287) ja       592
(288) ld       M[3]
(289) jeq      #0x2c            jt 290	jf 297
(290) ld       #0x1
(291) ldx      M[4]
(292) ldh      [x + 2]
(293) and      #0xfff8
(294) jeq      #0x0             jt 297	jf 295
(295) ld       #0x0
(296) st       M[5]
(297) ldx      M[4]
(298) ldb      [x + 0]
(299) st       M[3]
(300) ld       M[7]
(301) st       M[4]
(302) ld       M[3]
(303) jeq      #0x0             jt 310	jf 304
(304) jeq      #0x2b            jt 310	jf 305
(305) jeq      #0x2c            jt 310	jf 306
(306) jeq      #0x33            jt 310	jf 307
(307) jeq      #0x3c            jt 310	jf 308
(308) jeq      #0x87            jt 310	jf 309
(309) ja       592
(310) ld       M[4]
(311) add      #0x8
(312) tax
(313) ld       #pktlen
(314) jge      x                jt 316	jf 315
(315) ja       592
(316) ld       M[3]
(317) jeq      #0x2c            jt 319	jf 318
(318) jeq      #0x33            jt 321	jf 326
(319) ld       #0x8
(320) ja       330
(321) ldx      M[4]
(322) ldb      [x + 1]
(323) add      #0x2
(324) lsh      #2
(325) ja       330
(326) ldx      M[4]
(327) ldb      [x + 1]
(328) add      #0x1
(329) lsh      #3
(330) st       M[6]
(331) ld       M[4]
(332) ldx      M[6]
(333) add      x
(334) st       M[7]
(335) tax
(336) ld       #pktlen
(337) jge      x                jt 338	jf 592
(338) ld       M[3]
(339) jeq      #0x2c            jt 340	jf 347
(340) ld       #0x1
(341) ldx      M[4]
(342) ldh      [x + 2]
(343) and      #0xfff8
(344) jeq      #0x0             jt 347	jf 345
(345) ld       #0x0
(346) st       M[5]
(347) ldx      M[4]
(348) ldb      [x + 0]
(349) st       M[3]
(350) ld       M[7]
(351) st       M[4]
(352) ld       M[3]
(353) jeq      #0x0             jt 359	jf 354
(354) jeq      #0x2b            jt 359	jf 355
(355) jeq      #0x2c            jt 359	jf 356
(356) jeq      #0x33            jt 359	jf 357
(357) jeq      #0x3c            jt 359	jf 358
(358) jeq      #0x87            jt 359	jf 592
(359) ld       M[4]
(360) add      #0x8
(361) tax
(362) ld       #pktlen
(363) jge      x                jt 364	jf 592
(364) ld       M[3]
(365) jeq      #0x2c            jt 367	jf 366
(366) jeq      #0x33            jt 369	jf 374
(367) ld       #0x8
(368) ja       378
(369) ldx      M[4]
(370) ldb      [x + 1]
(371) add      #0x2
(372) lsh      #2
(373) ja       378
(374) ldx      M[4]
(375) ldb      [x + 1]
(376) add      #0x1
(377) lsh      #3
(378) st       M[6]
(379) ld       M[4]
(380) ldx      M[6]
(381) add      x
(382) st       M[7]
(383) tax
(384) ld       #pktlen
(385) jge      x                jt 386	jf 592
(386) ld       M[3]
(387) jeq      #0x2c            jt 388	jf 395
(388) ld       #0x1
(389) ldx      M[4]
(390) ldh      [x + 2]
(391) and      #0xfff8
(392) jeq      #0x0             jt 395	jf 393
(393) ld       #0x0
(394) st       M[5]
(395) ldx      M[4]
(396) ldb      [x + 0]
(397) st       M[3]
(398) ld       M[7]
(399) st       M[4]
(400) ld       M[3]
(401) jeq      #0x0             jt 407	jf 402
(402) jeq      #0x2b            jt 407	jf 403
(403) jeq      #0x2c            jt 407	jf 404
(404) jeq      #0x33            jt 407	jf 405
(405) jeq      #0x3c            jt 407	jf 406
(406) jeq      #0x87            jt 407	jf 592
(407) ld       M[4]
(408) add      #0x8
(409) tax
(410) ld       #pktlen
(411) jge      x                jt 412	jf 592
(412) ld       M[3]
(413) jeq      #0x2c            jt 415	jf 414
(414) jeq      #0x33            jt 417	jf 422
(415) ld       #0x8
(416) ja       426
(417) ldx      M[4]
(418) ldb      [x + 1]
(419) add      #0x2
(420) lsh      #2
(421) ja       426
(422) ldx      M[4]
(423) ldb      [x + 1]
(424) add      #0x1
(425) lsh      #3
(426) st       M[6]
(427) ld       M[4]
(428) ldx      M[6]
(429) add      x
(430) st       M[7]
(431) tax
(432) ld       #pktlen
(433) jge      x                jt 434	jf 592
(434) ld       M[3]
(435) jeq      #0x2c            jt 436	jf 443
(436) ld       #0x1
(437) ldx      M[4]
(438) ldh      [x + 2]
(439) and      #0xfff8
(440) jeq      #0x0             jt 443	jf 441
(441) ld       #0x0
(442) st       M[5]
(443) ldx      M[4]
(444) ldb      [x + 0]
(445) st       M[3]
(446) ld       M[7]
(447) st       M[4]
(448) ld       M[3]
(449) jeq      #0x0             jt 455	jf 450
(450) jeq      #0x2b            jt 455	jf 451
(451) jeq      #0x2c            jt 455	jf 452
(452) jeq      #0x33            jt 455	jf 453
(453) jeq      #0x3c            jt 455	jf 454
(454) jeq      #0x87            jt 455	jf 592
(455) ld       M[4]
(456) add      #0x8
(457) tax
(458) ld       #pktlen
(459) jge      x                jt 460	jf 592
(460) ld       M[3]
(461) jeq      #0x2c            jt 463	jf 462
(462) jeq      #0x33            jt 465	jf 470
(463) ld       #0x8
(464) ja       474
(465) ldx      M[4]
(466) ldb      [x + 1]
(467) add      #0x2
(468) lsh      #2
(469) ja       474
(470) ldx      M[4]
(471) ldb      [x + 1]
(472) add      #0x1
(473) lsh      #3
(474) st       M[6]
(475) ld       M[4]
(476) ldx      M[6]
(477) add      x
(478) st       M[7]
(479) tax
(480) ld       #pktlen
(481) jge      x                jt 482	jf 592
(482) ld       M[3]
(483) jeq      #0x2c            jt 484	jf 491
(484) ld       #0x1
(485) ldx      M[4]
(486) ldh      [x + 2]
(487) and      #0xfff8
(488) jeq      #0x0             jt 491	jf 489
(489) ld       #0x0
(490) st       M[5]
(491) ldx      M[4]
(492) ldb      [x + 0]
(493) st       M[3]
(494) ld       M[7]
(495) st       M[4]
(496) ld       M[3]
(497) jeq      #0x0             jt 503	jf 498
(498) jeq      #0x2b            jt 503	jf 499
(499) jeq      #0x2c            jt 503	jf 500
(500) jeq      #0x33            jt 503	jf 501
(501) jeq      #0x3c            jt 503	jf 502
(502) jeq      #0x87            jt 503	jf 592
(503) ld       M[4]
(504) add      #0x8
(505) tax
(506) ld       #pktlen
(507) jge      x                jt 508	jf 592
(508) ld       M[3]
(509) jeq      #0x2c            jt 511	jf 510
(510) jeq      #0x33            jt 513	jf 518
(511) ld       #0x8
(512) ja       522
(513) ldx      M[4]
(514) ldb      [x + 1]
(515) add      #0x2
(516) lsh      #2
(517) ja       522
(518) ldx      M[4]
(519) ldb      [x + 1]
(520) add      #0x1
(521) lsh      #3
(522) st       M[6]
(523) ld       M[4]
(524) ldx      M[6]
(525) add      x
(526) st       M[7]
(527) tax
(528) ld       #pktlen
(529) jge      x                jt 530	jf 592
(530) ld       M[3]
(531) jeq      #0x2c            jt 532	jf 539
(532) ld       #0x1
(533) ldx      M[4]
(534) ldh      [x + 2]
(535) and      #0xfff8
(536) jeq      #0x0             jt 539	jf 537
(537) ld       #0x0
(538) st       M[5]
(539) ldx      M[4]
(540) ldb      [x + 0]
(541) st       M[3]
(542) ld       M[7]
(543) st       M[4]
(544) ld       M[3]
(545) jeq      #0x0             jt 551	jf 546
(546) jeq      #0x2b            jt 551	jf 547
(547) jeq      #0x2c            jt 551	jf 548
(548) jeq      #0x33            jt 551	jf 549
(549) jeq      #0x3c            jt 551	jf 550
(550) jeq      #0x87            jt 551	jf 592
(551) ld       M[4]
(552) add      #0x8
(553) tax
(554) ld       #pktlen
(555) jge      x                jt 556	jf 592
(556) ld       M[3]
(557) jeq      #0x2c            jt 559	jf 558
(558) jeq      #0x33            jt 561	jf 566
(559) ld       #0x8
(560) ja       570
(561) ldx      M[4]
(562) ldb      [x + 1]
(563) add      #0x2
(564) lsh      #2
(565) ja       570
(566) ldx      M[4]
(567) ldb      [x + 1]
(568) add      #0x1
(569) lsh      #3
(570) st       M[6]
(571) ld       M[4]
(572) ldx      M[6]
(573) add      x
(574) st       M[7]
(575) tax
(576) ld       #pktlen
(577) jge      x                jt 578	jf 592
(578) ld       M[3]
(579) jeq      #0x2c            jt 580	jf 587
(580) ld       #0x1
(581) ldx      M[4]
(582) ldh      [x + 2]
(583) and      #0xfff8
(584) jeq      #0x0             jt 587	jf 585
(585) ld       #0x0
(586) st       M[5]
(587) ldx      M[4]
(588) ldb      [x + 0]
(589) st       M[3]
(590) ld       M[7]
(591) st       M[4]
(592) ld       M[3]
(593) st       M[1]
(594) jeq      #0x0             jt 608	jf 595
(595) jeq      #0x2b            jt 608	jf 596
(596) jeq      #0x2c            jt 608	jf 597
(597) jeq      #0x33            jt 608	jf 598
(598) jeq      #0x3c            jt 608	jf 599
(599) jeq      #0x87            jt 608	jf 600
(600) jeq      #0x3b            jt 608	jf 601
(601) ld       M[5]
(602) jeq      #0x0             jt 608	jf 603
(603) ldx      M[4]
(604) ld       #pktlen
(605) jgt      x                jt 606	jf 608
(606) ld       M[4]
(607) st       M[0]
(608) ld       M[2]
(609) jeq      #0x64            jt 610	jf 626
(610) ld       M[1]
(611) jeq      #0x11            jt 612	jf 626
(612) ld       M[0]
(613) jeq      #0x0             jt 618	jf 614
(614) ldx      M[0]
(615) ld       #pktlen
(616) sub      x
(617) ja       619
(618) ld       #0x0
(619) jge      #0x4             jt 620	jf 626
(620) ld       M[0]
(621) st       M[0]
(622) jgt      #0x7ffe0000      jt 630	jf 623
(623) ldx      M[0]
(624) ldh      [x + 2]
(625) jeq      #0x35            jt 628	jf 626
(626) ld       M[2]
(627) jeq      #0x0             jt 629	jf 628
(628) ret      #262144
(629) ret      #0
(630) ret      #0
