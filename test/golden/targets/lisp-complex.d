(000) ld       #0x0
(001) st       M[0]
(002) ld       #0x0
(003) ld       #0x0
(004) ld       #0x0
(005) st       M[1]
(006) ld       #0x0
(007) st       M[2]
(008) ld       #0x0
(009) st       M[3]
(010) ld       #0x0
(011) ld       #0x0
(012) ld       #pktlen
(013) jge      #0xe             jt 15	jf 14
(014) ja       619
(015) ldh      [12]
(016) jeq      #0x8100          jt 25	jf 17
(017) jeq      #0x88a8          jt 25	jf 18
(018) jeq      #0x9100          jt 25	jf 19
(019) st       M[4]
(020) ld       #0x0
(021) ld       #0xe
(022) st       M[0]
(023) st       M[5]
(024) ja       141
(025) ld       #pktlen
(026) jge      #0x12            jt 27	jf 123
(027) ldh      [14]
(028) and      #0xfff
(029) ldh      [16]
(030) jeq      #0x8100          jt 39	jf 31
(031) jeq      #0x88a8          jt 39	jf 32
(032) jeq      #0x9100          jt 39	jf 33
(033) st       M[4]
(034) ld       #0x1
(035) ld       #0x12
(036) st       M[0]
(037) st       M[5]
(038) ja       141
(039) ld       #pktlen
(040) jge      #0x16            jt 41	jf 125
(041) ldh      [20]
(042) jeq      #0x8100          jt 51	jf 43
(043) jeq      #0x88a8          jt 51	jf 44
(044) jeq      #0x9100          jt 51	jf 45
(045) st       M[4]
(046) ld       #0x2
(047) ld       #0x16
(048) st       M[0]
(049) st       M[5]
(050) ja       141
(051) ld       #pktlen
(052) jge      #0x1a            jt 53	jf 127
(053) ldh      [24]
(054) jeq      #0x8100          jt 63	jf 55
(055) jeq      #0x88a8          jt 63	jf 56
(056) jeq      #0x9100          jt 63	jf 57
(057) st       M[4]
(058) ld       #0x3
(059) ld       #0x1a
(060) st       M[0]
(061) st       M[5]
(062) ja       141
(063) ld       #pktlen
(064) jge      #0x1e            jt 65	jf 129
(065) ldh      [28]
(066) jeq      #0x8100          jt 75	jf 67
(067) jeq      #0x88a8          jt 75	jf 68
(068) jeq      #0x9100          jt 75	jf 69
(069) st       M[4]
(070) ld       #0x4
(071) ld       #0x1e
(072) st       M[0]
(073) st       M[5]
(074) ja       141
(075) ld       #pktlen
(076) jge      #0x22            jt 77	jf 131
(077) ldh      [32]
(078) jeq      #0x8100          jt 87	jf 79
(079) jeq      #0x88a8          jt 87	jf 80
(080) jeq      #0x9100          jt 87	jf 81
(081) st       M[4]
(082) ld       #0x5
(083) ld       #0x22
(084) st       M[0]
(085) st       M[5]
(086) ja       141
(087) ld       #pktlen
(088) jge      #0x26            jt 89	jf 133
(089) ldh      [36]
(090) jeq      #0x8100          jt 99	jf 91
(091) jeq      #0x88a8          jt 99	jf 92
(092) jeq      #0x9100          jt 99	jf 93
(093) st       M[4]
(094) ld       #0x6
(095) ld       #0x26
(096) st       M[0]
(097) st       M[5]
(098) ja       141
(099) ld       #pktlen
(100) jge      #0x2a            jt 101	jf 135
(101) ldh      [40]
(102) jeq      #0x8100          jt 111	jf 103
(103) jeq      #0x88a8          jt 111	jf 104
(104) jeq      #0x9100          jt 111	jf 105
(105) st       M[4]
(106) ld       #0x7
(107) ld       #0x2a
(108) st       M[0]
(109) st       M[5]
(110) ja       141
(111) ld       #pktlen
(112) jge      #0x2e            jt 113	jf 137
(113) ldh      [44]
(114) jeq      #0x8100          jt 139	jf 115
(115) jeq      #0x88a8          jt 139	jf 116
(116) jeq      #0x9100          jt 139	jf 117
(117) st       M[4]
(118) ld       #0x8
(119) ld       #0x2e
(120) st       M[0]
(121) st       M[5]
(122) ja       141
(123) ld       #0x0
(124) ja       619
(125) ld       #0x1
(126) ja       619
(127) ld       #0x2
(128) ja       619
(129) ld       #0x3
(130) ja       619
(131) ld       #0x4
(132) ja       619
(133) ld       #0x5
(134) ja       619
(135) ld       #0x6
(136) ja       619
(137) ld       #0x7
(138) ja       619
(139) ld       #0x8
(140) ja       619
(141) ld       M[4]
(142) jeq      #0x800           jt 145	jf 143
(143) jeq      #0x86dd          jt 191	jf 144
(144) ja       619
(145) ld       M[5]
(146) add      #0x14
(147) tax
(148) ld       #pktlen
(149) jge      x                jt 151	jf 150
(150) ja       619
(151) ldx      M[5]
(152) ldb      [x + 0]
(153) rsh      #4
(154) jeq      #0x4             jt 156	jf 155
(155) ja       619
(156) ldb      [x + 0]
(157) and      #0xf
(158) lsh      #2
(159) st       M[4]
(160) jge      #0x14            jt 162	jf 161
(161) ja       619
(162) ld       M[5]
(163) ldx      M[4]
(164) add      x
(165) st       M[4]
(166) tax
(167) ld       #pktlen
(168) jge      x                jt 170	jf 169
(169) ja       619
(170) ld       #0x4
(171) st       M[1]
(172) ldx      M[5]
(173) ldb      [x + 9]
(174) st       M[3]
(175) ldh      [x + 6]
(176) and      #0x3fff
(177) jeq      #0x0             jt 179	jf 178
(178) ld       #0x1
(179) ldx      M[5]
(180) ldh      [x + 6]
(181) and      #0x1fff
(182) jeq      #0x0             jt 184	jf 183
(183) ja       619
(184) ldx      M[4]
(185) ld       #pktlen
(186) jgt      x                jt 188	jf 187
(187) ja       619
(188) ld       M[4]
(189) st       M[2]
(190) ja       619
(191) ld       M[5]
(192) add      #0x28
(193) tax
(194) ld       #pktlen
(195) jge      x                jt 197	jf 196
(196) ja       619
(197) ldx      M[5]
(198) ldb      [x + 0]
(199) rsh      #4
(200) jeq      #0x6             jt 202	jf 201
(201) ja       619
(202) ld       #0x6
(203) st       M[1]
(204) ldb      [x + 6]
(205) st       M[4]
(206) ld       M[5]
(207) add      #0x28
(208) st       M[5]
(209) ld       #0x1
(210) st       M[6]
(211) ld       M[4]
(212) jeq      #0x0             jt 219	jf 213
(213) jeq      #0x2b            jt 219	jf 214
(214) jeq      #0x2c            jt 219	jf 215
(215) jeq      #0x33            jt 219	jf 216
(216) jeq      #0x3c            jt 219	jf 217
(217) jeq      #0x87            jt 219	jf 218
(218) ja       603
(219) ld       M[5]
(220) add      #0x8
(221) tax
(222) ld       #pktlen
(223) jge      x                jt 225	jf 224
(224) ja       603
(225) ld       M[4]
(226) jeq      #0x2c            jt 228	jf 227
(227) jeq      #0x33            jt 230	jf 235
(228) ld       #0x8
(229) ja       239
(230) ldx      M[5]
(231) ldb      [x + 1]
(232) add      #0x2
(233) lsh      #2
(234) ja       239
(235) ldx      M[5]
(236) ldb      [x + 1]
(237) add      #0x1
(238) lsh      #3
(239) st       M[7]
(240) ld       M[5]
(241) ldx      M[7]
(242) add      x
(243) st       M[8]
(244) tax
(245) ld       #pktlen
(246) jge      x                jt 248	jf 247
(247) ja       603
(248) ld       M[4]
(249) jeq      #0x2c            jt 250	jf 257
(250) ld       #0x1
(251) ldx      M[5]
(252) ldh      [x + 2]
(253) and      #0xfff8
(254) jeq      #0x0             jt 257	jf 255
(255) ld       #0x0
(256) st       M[6]
(257) ldx      M[5]
(258) ldb      [x + 0]
(259) st       M[4]
(260) ld       M[8]
(261) st       M[5]
(262) ld       M[4]
(263) jeq      #0x0             jt 270	jf 264
(264) jeq      #0x2b            jt 270	jf 265
(265) jeq      #0x2c            jt 270	jf 266
(266) jeq      #0x33            jt 270	jf 267
(267) jeq      #0x3c            jt 270	jf 268
(268) jeq      #0x87            jt 270	jf 269
(269) ja       603
(270) ld       M[5]
(271) add      #0x8
(272) tax
(273) ld       #pktlen
(274) jge      x                jt 276	jf 275
(275) ja       603
(276) ld       M[4]
(277) jeq      #0x2c            jt 279	jf 278
(278) jeq      #0x33            jt 281	jf 286
(279) ld       #0x8
(280) ja       290
(281) ldx      M[5]
(282) ldb      [x + 1]
(283) add      #0x2
(284) lsh      #2
(285) ja       290
(286) ldx      M[5]
(287) ldb      [x + 1]
(288) add      #0x1
(289) lsh      #3
(290) st       M[7]
(291) ld       M[5]
(292) ldx      M[7]
(293) add      x
(294) st       M[8]
(295) tax
(296) ld       #pktlen
(297) jge      x                jt 299	jf 298
(298) ja       603
(299) ld       M[4]
(300) jeq      #0x2c            jt 301	jf 308
(301) ld       #0x1
(302) ldx      M[5]
(303) ldh      [x + 2]
(304) and      #0xfff8
(305) jeq      #0x0             jt 308	jf 306
(306) ld       #0x0
(307) st       M[6]
(308) ldx      M[5]
(309) ldb      [x + 0]
(310) st       M[4]
(311) ld       M[8]
(312) st       M[5]
(313) ld       M[4]
(314) jeq      #0x0             jt 321	jf 315
(315) jeq      #0x2b            jt 321	jf 316
(316) jeq      #0x2c            jt 321	jf 317
(317) jeq      #0x33            jt 321	jf 318
(318) jeq      #0x3c            jt 321	jf 319
(319) jeq      #0x87            jt 321	jf 320
(320) ja       603
(321) ld       M[5]
(322) add      #0x8
(323) tax
(324) ld       #pktlen
(325) jge      x                jt 327	jf 326
(326) ja       603
(327) ld       M[4]
(328) jeq      #0x2c            jt 330	jf 329
(329) jeq      #0x33            jt 332	jf 337
(330) ld       #0x8
(331) ja       341
(332) ldx      M[5]
(333) ldb      [x + 1]
(334) add      #0x2
(335) lsh      #2
(336) ja       341
(337) ldx      M[5]
(338) ldb      [x + 1]
(339) add      #0x1
(340) lsh      #3
(341) st       M[7]
(342) ld       M[5]
(343) ldx      M[7]
(344) add      x
(345) st       M[8]
(346) tax
(347) ld       #pktlen
(348) jge      x                jt 349	jf 603
(349) ld       M[4]
(350) jeq      #0x2c            jt 351	jf 358
(351) ld       #0x1
(352) ldx      M[5]
(353) ldh      [x + 2]
(354) and      #0xfff8
(355) jeq      #0x0             jt 358	jf 356
(356) ld       #0x0
(357) st       M[6]
(358) ldx      M[5]
(359) ldb      [x + 0]
(360) st       M[4]
(361) ld       M[8]
(362) st       M[5]
(363) ld       M[4]
(364) jeq      #0x0             jt 370	jf 365
(365) jeq      #0x2b            jt 370	jf 366
(366) jeq      #0x2c            jt 370	jf 367
(367) jeq      #0x33            jt 370	jf 368
(368) jeq      #0x3c            jt 370	jf 369
(369) jeq      #0x87            jt 370	jf 603
(370) ld       M[5]
(371) add      #0x8
(372) tax
(373) ld       #pktlen
(374) jge      x                jt 375	jf 603
(375) ld       M[4]
(376) jeq      #0x2c            jt 378	jf 377
(377) jeq      #0x33            jt 380	jf 385
(378) ld       #0x8
(379) ja       389
(380) ldx      M[5]
(381) ldb      [x + 1]
(382) add      #0x2
(383) lsh      #2
(384) ja       389
(385) ldx      M[5]
(386) ldb      [x + 1]
(387) add      #0x1
(388) lsh      #3
(389) st       M[7]
(390) ld       M[5]
(391) ldx      M[7]
(392) add      x
(393) st       M[8]
(394) tax
(395) ld       #pktlen
(396) jge      x                jt 397	jf 603
(397) ld       M[4]
(398) jeq      #0x2c            jt 399	jf 406
(399) ld       #0x1
(400) ldx      M[5]
(401) ldh      [x + 2]
(402) and      #0xfff8
(403) jeq      #0x0             jt 406	jf 404
(404) ld       #0x0
(405) st       M[6]
(406) ldx      M[5]
(407) ldb      [x + 0]
(408) st       M[4]
(409) ld       M[8]
(410) st       M[5]
(411) ld       M[4]
(412) jeq      #0x0             jt 418	jf 413
(413) jeq      #0x2b            jt 418	jf 414
(414) jeq      #0x2c            jt 418	jf 415
(415) jeq      #0x33            jt 418	jf 416
(416) jeq      #0x3c            jt 418	jf 417
(417) jeq      #0x87            jt 418	jf 603
(418) ld       M[5]
(419) add      #0x8
(420) tax
(421) ld       #pktlen
(422) jge      x                jt 423	jf 603
(423) ld       M[4]
(424) jeq      #0x2c            jt 426	jf 425
(425) jeq      #0x33            jt 428	jf 433
(426) ld       #0x8
(427) ja       437
(428) ldx      M[5]
(429) ldb      [x + 1]
(430) add      #0x2
(431) lsh      #2
(432) ja       437
(433) ldx      M[5]
(434) ldb      [x + 1]
(435) add      #0x1
(436) lsh      #3
(437) st       M[7]
(438) ld       M[5]
(439) ldx      M[7]
(440) add      x
(441) st       M[8]
(442) tax
(443) ld       #pktlen
(444) jge      x                jt 445	jf 603
(445) ld       M[4]
(446) jeq      #0x2c            jt 447	jf 454
(447) ld       #0x1
(448) ldx      M[5]
(449) ldh      [x + 2]
(450) and      #0xfff8
(451) jeq      #0x0             jt 454	jf 452
(452) ld       #0x0
(453) st       M[6]
(454) ldx      M[5]
(455) ldb      [x + 0]
(456) st       M[4]
(457) ld       M[8]
(458) st       M[5]
(459) ld       M[4]
(460) jeq      #0x0             jt 466	jf 461
(461) jeq      #0x2b            jt 466	jf 462
(462) jeq      #0x2c            jt 466	jf 463
(463) jeq      #0x33            jt 466	jf 464
(464) jeq      #0x3c            jt 466	jf 465
(465) jeq      #0x87            jt 466	jf 603
(466) ld       M[5]
(467) add      #0x8
(468) tax
(469) ld       #pktlen
(470) jge      x                jt 471	jf 603
(471) ld       M[4]
(472) jeq      #0x2c            jt 474	jf 473
(473) jeq      #0x33            jt 476	jf 481
(474) ld       #0x8
(475) ja       485
(476) ldx      M[5]
(477) ldb      [x + 1]
(478) add      #0x2
(479) lsh      #2
(480) ja       485
(481) ldx      M[5]
(482) ldb      [x + 1]
(483) add      #0x1
(484) lsh      #3
(485) st       M[7]
(486) ld       M[5]
(487) ldx      M[7]
(488) add      x
(489) st       M[8]
(490) tax
(491) ld       #pktlen
(492) jge      x                jt 493	jf 603
(493) ld       M[4]
(494) jeq      #0x2c            jt 495	jf 502
(495) ld       #0x1
(496) ldx      M[5]
(497) ldh      [x + 2]
(498) and      #0xfff8
(499) jeq      #0x0             jt 502	jf 500
(500) ld       #0x0
(501) st       M[6]
(502) ldx      M[5]
(503) ldb      [x + 0]
(504) st       M[4]
(505) ld       M[8]
(506) st       M[5]
(507) ld       M[4]
(508) jeq      #0x0             jt 514	jf 509
(509) jeq      #0x2b            jt 514	jf 510
(510) jeq      #0x2c            jt 514	jf 511
(511) jeq      #0x33            jt 514	jf 512
(512) jeq      #0x3c            jt 514	jf 513
(513) jeq      #0x87            jt 514	jf 603
(514) ld       M[5]
(515) add      #0x8
(516) tax
(517) ld       #pktlen
(518) jge      x                jt 519	jf 603
(519) ld       M[4]
(520) jeq      #0x2c            jt 522	jf 521
(521) jeq      #0x33            jt 524	jf 529
(522) ld       #0x8
(523) ja       533
(524) ldx      M[5]
(525) ldb      [x + 1]
(526) add      #0x2
(527) lsh      #2
(528) ja       533
(529) ldx      M[5]
(530) ldb      [x + 1]
(531) add      #0x1
(532) lsh      #3
(533) st       M[7]
(534) ld       M[5]
(535) ldx      M[7]
(536) add      x
(537) st       M[8]
(538) tax
(539) ld       #pktlen
(540) jge      x                jt 541	jf 603
(541) ld       M[4]
(542) jeq      #0x2c            jt 543	jf 550
(543) ld       #0x1
(544) ldx      M[5]
(545) ldh      [x + 2]
(546) and      #0xfff8
(547) jeq      #0x0             jt 550	jf 548
(548) ld       #0x0
(549) st       M[6]
(550) ldx      M[5]
(551) ldb      [x + 0]
(552) st       M[4]
(553) ld       M[8]
(554) st       M[5]
(555) ld       M[4]
(556) jeq      #0x0             jt 562	jf 557
(557) jeq      #0x2b            jt 562	jf 558
(558) jeq      #0x2c            jt 562	jf 559
(559) jeq      #0x33            jt 562	jf 560
(560) jeq      #0x3c            jt 562	jf 561
(561) jeq      #0x87            jt 562	jf 603
(562) ld       M[5]
(563) add      #0x8
(564) tax
(565) ld       #pktlen
(566) jge      x                jt 567	jf 603
(567) ld       M[4]
(568) jeq      #0x2c            jt 570	jf 569
(569) jeq      #0x33            jt 572	jf 577
(570) ld       #0x8
(571) ja       581
(572) ldx      M[5]
(573) ldb      [x + 1]
(574) add      #0x2
(575) lsh      #2
(576) ja       581
(577) ldx      M[5]
(578) ldb      [x + 1]
(579) add      #0x1
(580) lsh      #3
(581) st       M[7]
(582) ld       M[5]
(583) ldx      M[7]
(584) add      x
(585) st       M[8]
(586) tax
(587) ld       #pktlen
(588) jge      x                jt 589	jf 603
(589) ld       M[4]
(590) jeq      #0x2c            jt 591	jf 598
(591) ld       #0x1
(592) ldx      M[5]
(593) ldh      [x + 2]
(594) and      #0xfff8
(595) jeq      #0x0             jt 598	jf 596
(596) ld       #0x0
(597) st       M[6]
(598) ldx      M[5]
(599) ldb      [x + 0]
(600) st       M[4]
(601) ld       M[8]
(602) st       M[5]
(603) ld       M[4]
(604) st       M[3]
(605) jeq      #0x0             jt 619	jf 606
(606) jeq      #0x2b            jt 619	jf 607
(607) jeq      #0x2c            jt 619	jf 608
(608) jeq      #0x33            jt 619	jf 609
(609) jeq      #0x3c            jt 619	jf 610
(610) jeq      #0x87            jt 619	jf 611
(611) jeq      #0x3b            jt 619	jf 612
(612) ld       M[6]
(613) jeq      #0x0             jt 619	jf 614
(614) ldx      M[5]
(615) ld       #pktlen
(616) jgt      x                jt 617	jf 619
(617) ld       M[5]
(618) st       M[2]
(619) ld       M[3]
(620) jeq      #0x6             jt 621	jf 651
(621) ld       M[2]
(622) jeq      #0x0             jt 627	jf 623
(623) ldx      M[2]
(624) ld       #pktlen
(625) sub      x
(626) ja       628
(627) ld       #0x0
(628) jge      #0x4             jt 629	jf 653
(629) ld       M[2]
(630) st       M[3]
(631) jgt      #0x7ffe0000      jt 654	jf 632
(632) ldx      M[3]
(633) ldh      [x + 2]
(634) jeq      #0x16            jt 635	jf 644
(635) ld       M[1]
(636) jeq      #0x4             jt 637	jf 644
(637) ld       M[0]
(638) st       M[3]
(639) jgt      #0x7ffe0000      jt 654	jf 640
(640) ldx      M[3]
(641) ld       [x + 12]
(642) and      #0xffff0000
(643) jeq      #0xa010000       jt 650	jf 644
(644) ld       M[2]
(645) st       M[3]
(646) jgt      #0x7ffe0000      jt 654	jf 647
(647) ldx      M[3]
(648) ldh      [x + 2]
(649) jeq      #0x1bb           jt 650	jf 653
(650) ja       652
(651) ja       653
(652) ret      #262144
(653) ret      #0
(654) ret      #0
