(000) ld       #0x0
(001) ld       #0x0
(002) ld       #0x0
(003) ld       #0x0
(004) ld       #0x0
(005) st       M[0]
(006) ld       #0x0
(007) st       M[1]
(008) ld       #0x0
(009) ld       #0x0
(010) ld       #pktlen
(011) jge      #0xe             jt 13	jf 12
(012) ja       606
(013) ldh      [12]
(014) jeq      #0x8100          jt 22	jf 15
(015) jeq      #0x88a8          jt 22	jf 16
(016) jeq      #0x9100          jt 22	jf 17
(017) st       M[2]
(018) ld       #0x0
(019) ld       #0xe
(020) st       M[3]
(021) ja       130
(022) ld       #pktlen
(023) jge      #0x12            jt 24	jf 112
(024) ldh      [14]
(025) and      #0xfff
(026) ldh      [16]
(027) jeq      #0x8100          jt 35	jf 28
(028) jeq      #0x88a8          jt 35	jf 29
(029) jeq      #0x9100          jt 35	jf 30
(030) st       M[2]
(031) ld       #0x1
(032) ld       #0x12
(033) st       M[3]
(034) ja       130
(035) ld       #pktlen
(036) jge      #0x16            jt 37	jf 114
(037) ldh      [20]
(038) jeq      #0x8100          jt 46	jf 39
(039) jeq      #0x88a8          jt 46	jf 40
(040) jeq      #0x9100          jt 46	jf 41
(041) st       M[2]
(042) ld       #0x2
(043) ld       #0x16
(044) st       M[3]
(045) ja       130
(046) ld       #pktlen
(047) jge      #0x1a            jt 48	jf 116
(048) ldh      [24]
(049) jeq      #0x8100          jt 57	jf 50
(050) jeq      #0x88a8          jt 57	jf 51
(051) jeq      #0x9100          jt 57	jf 52
(052) st       M[2]
(053) ld       #0x3
(054) ld       #0x1a
(055) st       M[3]
(056) ja       130
(057) ld       #pktlen
(058) jge      #0x1e            jt 59	jf 118
(059) ldh      [28]
(060) jeq      #0x8100          jt 68	jf 61
(061) jeq      #0x88a8          jt 68	jf 62
(062) jeq      #0x9100          jt 68	jf 63
(063) st       M[2]
(064) ld       #0x4
(065) ld       #0x1e
(066) st       M[3]
(067) ja       130
(068) ld       #pktlen
(069) jge      #0x22            jt 70	jf 120
(070) ldh      [32]
(071) jeq      #0x8100          jt 79	jf 72
(072) jeq      #0x88a8          jt 79	jf 73
(073) jeq      #0x9100          jt 79	jf 74
(074) st       M[2]
(075) ld       #0x5
(076) ld       #0x22
(077) st       M[3]
(078) ja       130
(079) ld       #pktlen
(080) jge      #0x26            jt 81	jf 122
(081) ldh      [36]
(082) jeq      #0x8100          jt 90	jf 83
(083) jeq      #0x88a8          jt 90	jf 84
(084) jeq      #0x9100          jt 90	jf 85
(085) st       M[2]
(086) ld       #0x6
(087) ld       #0x26
(088) st       M[3]
(089) ja       130
(090) ld       #pktlen
(091) jge      #0x2a            jt 92	jf 124
(092) ldh      [40]
(093) jeq      #0x8100          jt 101	jf 94
(094) jeq      #0x88a8          jt 101	jf 95
(095) jeq      #0x9100          jt 101	jf 96
(096) st       M[2]
(097) ld       #0x7
(098) ld       #0x2a
(099) st       M[3]
(100) ja       130
(101) ld       #pktlen
(102) jge      #0x2e            jt 103	jf 126
(103) ldh      [44]
(104) jeq      #0x8100          jt 128	jf 105
(105) jeq      #0x88a8          jt 128	jf 106
(106) jeq      #0x9100          jt 128	jf 107
(107) st       M[2]
(108) ld       #0x8
(109) ld       #0x2e
(110) st       M[3]
(111) ja       130
(112) ld       #0x0
(113) ja       606
(114) ld       #0x1
(115) ja       606
(116) ld       #0x2
(117) ja       606
(118) ld       #0x3
(119) ja       606
(120) ld       #0x4
(121) ja       606
(122) ld       #0x5
(123) ja       606
(124) ld       #0x6
(125) ja       606
(126) ld       #0x7
(127) ja       606
(128) ld       #0x8
(129) ja       606
(130) ld       M[2]
(131) jeq      #0x800           jt 134	jf 132
(132) jeq      #0x86dd          jt 179	jf 133
(133) ja       606
(134) ld       M[3]
(135) add      #0x14
(136) tax
(137) ld       #pktlen
(138) jge      x                jt 140	jf 139
(139) ja       606
(140) ldx      M[3]
(141) ldb      [x + 0]
(142) rsh      #4
(143) jeq      #0x4             jt 145	jf 144
(144) ja       606
(145) ldb      [x + 0]
(146) and      #0xf
(147) lsh      #2
(148) st       M[2]
(149) jge      #0x14            jt 151	jf 150
(150) ja       606
(151) ld       M[3]
(152) ldx      M[2]
(153) add      x
(154) st       M[2]
(155) tax
(156) ld       #pktlen
(157) jge      x                jt 159	jf 158
(158) ja       606
(159) ld       #0x4
(160) ldx      M[3]
(161) ldb      [x + 9]
(162) st       M[1]
(163) ldh      [x + 6]
(164) and      #0x3fff
(165) jeq      #0x0             jt 167	jf 166
(166) ld       #0x1
(167) ldx      M[3]
(168) ldh      [x + 6]
(169) and      #0x1fff
(170) jeq      #0x0             jt 172	jf 171
(171) ja       606
(172) ldx      M[2]
(173) ld       #pktlen
(174) jgt      x                jt 176	jf 175
(175) ja       606
(176) ld       M[2]
(177) st       M[0]
(178) ja       606
(179) ld       M[3]
(180) add      #0x28
(181) tax
(182) ld       #pktlen
(183) jge      x                jt 185	jf 184
(184) ja       606
(185) ldx      M[3]
(186) ldb      [x + 0]
(187) rsh      #4
(188) jeq      #0x6             jt 190	jf 189
(189) ja       606
(190) ld       #0x6
(191) ldb      [x + 6]
(192) st       M[2]
(193) ld       M[3]
(194) add      #0x28
(195) st       M[3]
(196) ld       #0x1
(197) st       M[4]
(198) ld       M[2]
(199) jeq      #0x0             jt 206	jf 200
(200) jeq      #0x2b            jt 206	jf 201
(201) jeq      #0x2c            jt 206	jf 202
(202) jeq      #0x33            jt 206	jf 203
(203) jeq      #0x3c            jt 206	jf 204
(204) jeq      #0x87            jt 206	jf 205
(205) ja       590
(206) ld       M[3]
(207) add      #0x8
(208) tax
(209) ld       #pktlen
(210) jge      x                jt 212	jf 211
(211) ja       590
(212) ld       M[2]
(213) jeq      #0x2c            jt 215	jf 214
(214) jeq      #0x33            jt 217	jf 222
(215) ld       #0x8
(216) ja       226
(217) ldx      M[3]
(218) ldb      [x + 1]
(219) add      #0x2
(220) lsh      #2
(221) ja       226
(222) ldx      M[3]
(223) ldb      [x + 1]
(224) add      #0x1
(225) lsh      #3
(226) st       M[5]
(227) ld       M[3]
(228) ldx      M[5]
(229) add      x
(230) st       M[6]
(231) tax
(232) ld       #pktlen
(233) jge      x                jt 235	jf 234
(234) ja       590
(235) ld       M[2]
(236) jeq      #0x2c            jt 237	jf 244
(237) ld       #0x1
(238) ldx      M[3]
(239) ldh      [x + 2]
(240) and      #0xfff8
(241) jeq      #0x0             jt 244	jf 242
(242) ld       #0x0
(243) st       M[4]
(244) ldx      M[3]
(245) ldb      [x + 0]
(246) st       M[2]
(247) ld       M[6]
(248) st       M[3]
(249) ld       M[2]
(250) jeq      #0x0             jt 257	jf 251
(251) jeq      #0x2b            jt 257	jf 252
(252) jeq      #0x2c            jt 257	jf 253
(253) jeq      #0x33            jt 257	jf 254
(254) jeq      #0x3c            jt 257	jf 255
(255) jeq      #0x87            jt 257	jf 256
(256) ja       590
(257) ld       M[3]
(258) add      #0x8
(259) tax
(260) ld       #pktlen
(261) jge      x                jt 263	jf 262
(262) ja       590
(263) ld       M[2]
(264) jeq      #0x2c            jt 266	jf 265
(265) jeq      #0x33            jt 268	jf 273
(266) ld       #0x8
(267) ja       277
(268) ldx      M[3]
(269) ldb      [x + 1]
(270) add      #0x2
(271) lsh      #2
(272) ja       277
(273) ldx      M[3]
(274) ldb      [x + 1]
(275) add      #0x1
(276) lsh      #3
(277) st       M[5]
(278) ld       M[3]
(279) ldx      M[5]
(280) add      x
(281) st       M[6]
(282) tax
(283) ld       #pktlen
(284) jge      x                jt 286	jf 285
(285) ja       590
(286) ld       M[2]
(287) jeq      #0x2c            jt 288	jf 295
(288) ld       #0x1
(289) ldx      M[3]
(290) ldh      [x + 2]
(291) and      #0xfff8
(292) jeq      #0x0             jt 295	jf 293
(293) ld       #0x0
(294) st       M[4]
(295) ldx      M[3]
(296) ldb      [x + 0]
(297) st       M[2]
(298) ld       M[6]
(299) st       M[3]
(300) ld       M[2]
(301) jeq      #0x0             jt 308	jf 302
(302) jeq      #0x2b            jt 308	jf 303
(303) jeq      #0x2c            jt 308	jf 304
(304) jeq      #0x33            jt 308	jf 305
(305) jeq      #0x3c            jt 308	jf 306
(306) jeq      #0x87            jt 308	jf 307
(307) ja       590
(308) ld       M[3]
(309) add      #0x8
(310) tax
(311) ld       #pktlen
(312) jge      x                jt 314	jf 313
(313) ja       590
(314) ld       M[2]
(315) jeq      #0x2c            jt 317	jf 316
(316) jeq      #0x33            jt 319	jf 324
(317) ld       #0x8
(318) ja       328
(319) ldx      M[3]
(320) ldb      [x + 1]
(321) add      #0x2
(322) lsh      #2
(323) ja       328
(324) ldx      M[3]
(325) ldb      [x + 1]
(326) add      #0x1
(327) lsh      #3
(328) st       M[5]
(329) ld       M[3]
(330) ldx      M[5]
(331) add      x
(332) st       M[6]
(333) tax
(334) ld       #pktlen
(335) jge      x                jt 336	jf 590
(336) ld       M[2]
(337) jeq      #0x2c            jt 338	jf 345
(338) ld       #0x1
(339) ldx      M[3]
(340) ldh      [x + 2]
(341) and      #0xfff8
(342) jeq      #0x0             jt 345	jf 343
(343) ld       #0x0
(344) st       M[4]
(345) ldx      M[3]
(346) ldb      [x + 0]
(347) st       M[2]
(348) ld       M[6]
(349) st       M[3]
(350) ld       M[2]
(351) jeq      #0x0             jt 357	jf 352
(352) jeq      #0x2b            jt 357	jf 353
(353) jeq      #0x2c            jt 357	jf 354
(354) jeq      #0x33            jt 357	jf 355
(355) jeq      #0x3c            jt 357	jf 356
(356) jeq      #0x87            jt 357	jf 590
(357) ld       M[3]
(358) add      #0x8
(359) tax
(360) ld       #pktlen
(361) jge      x                jt 362	jf 590
(362) ld       M[2]
(363) jeq      #0x2c            jt 365	jf 364
(364) jeq      #0x33            jt 367	jf 372
(365) ld       #0x8
(366) ja       376
(367) ldx      M[3]
(368) ldb      [x + 1]
(369) add      #0x2
(370) lsh      #2
(371) ja       376
(372) ldx      M[3]
(373) ldb      [x + 1]
(374) add      #0x1
(375) lsh      #3
(376) st       M[5]
(377) ld       M[3]
(378) ldx      M[5]
(379) add      x
(380) st       M[6]
(381) tax
(382) ld       #pktlen
(383) jge      x                jt 384	jf 590
(384) ld       M[2]
(385) jeq      #0x2c            jt 386	jf 393
(386) ld       #0x1
(387) ldx      M[3]
(388) ldh      [x + 2]
(389) and      #0xfff8
(390) jeq      #0x0             jt 393	jf 391
(391) ld       #0x0
(392) st       M[4]
(393) ldx      M[3]
(394) ldb      [x + 0]
(395) st       M[2]
(396) ld       M[6]
(397) st       M[3]
(398) ld       M[2]
(399) jeq      #0x0             jt 405	jf 400
(400) jeq      #0x2b            jt 405	jf 401
(401) jeq      #0x2c            jt 405	jf 402
(402) jeq      #0x33            jt 405	jf 403
(403) jeq      #0x3c            jt 405	jf 404
(404) jeq      #0x87            jt 405	jf 590
(405) ld       M[3]
(406) add      #0x8
(407) tax
(408) ld       #pktlen
(409) jge      x                jt 410	jf 590
(410) ld       M[2]
(411) jeq      #0x2c            jt 413	jf 412
(412) jeq      #0x33            jt 415	jf 420
(413) ld       #0x8
(414) ja       424
(415) ldx      M[3]
(416) ldb      [x + 1]
(417) add      #0x2
(418) lsh      #2
(419) ja       424
(420) ldx      M[3]
(421) ldb      [x + 1]
(422) add      #0x1
(423) lsh      #3
(424) st       M[5]
(425) ld       M[3]
(426) ldx      M[5]
(427) add      x
(428) st       M[6]
(429) tax
(430) ld       #pktlen
(431) jge      x                jt 432	jf 590
(432) ld       M[2]
(433) jeq      #0x2c            jt 434	jf 441
(434) ld       #0x1
(435) ldx      M[3]
(436) ldh      [x + 2]
(437) and      #0xfff8
(438) jeq      #0x0             jt 441	jf 439
(439) ld       #0x0
(440) st       M[4]
(441) ldx      M[3]
(442) ldb      [x + 0]
(443) st       M[2]
(444) ld       M[6]
(445) st       M[3]
(446) ld       M[2]
(447) jeq      #0x0             jt 453	jf 448
(448) jeq      #0x2b            jt 453	jf 449
(449) jeq      #0x2c            jt 453	jf 450
(450) jeq      #0x33            jt 453	jf 451
(451) jeq      #0x3c            jt 453	jf 452
(452) jeq      #0x87            jt 453	jf 590
(453) ld       M[3]
(454) add      #0x8
(455) tax
(456) ld       #pktlen
(457) jge      x                jt 458	jf 590
(458) ld       M[2]
(459) jeq      #0x2c            jt 461	jf 460
(460) jeq      #0x33            jt 463	jf 468
(461) ld       #0x8
(462) ja       472
(463) ldx      M[3]
(464) ldb      [x + 1]
(465) add      #0x2
(466) lsh      #2
(467) ja       472
(468) ldx      M[3]
(469) ldb      [x + 1]
(470) add      #0x1
(471) lsh      #3
(472) st       M[5]
(473) ld       M[3]
(474) ldx      M[5]
(475) add      x
(476) st       M[6]
(477) tax
(478) ld       #pktlen
(479) jge      x                jt 480	jf 590
(480) ld       M[2]
(481) jeq      #0x2c            jt 482	jf 489
(482) ld       #0x1
(483) ldx      M[3]
(484) ldh      [x + 2]
(485) and      #0xfff8
(486) jeq      #0x0             jt 489	jf 487
(487) ld       #0x0
(488) st       M[4]
(489) ldx      M[3]
(490) ldb      [x + 0]
(491) st       M[2]
(492) ld       M[6]
(493) st       M[3]
(494) ld       M[2]
(495) jeq      #0x0             jt 501	jf 496
(496) jeq      #0x2b            jt 501	jf 497
(497) jeq      #0x2c            jt 501	jf 498
(498) jeq      #0x33            jt 501	jf 499
(499) jeq      #0x3c            jt 501	jf 500
(500) jeq      #0x87            jt 501	jf 590
(501) ld       M[3]
(502) add      #0x8
(503) tax
(504) ld       #pktlen
(505) jge      x                jt 506	jf 590
(506) ld       M[2]
(507) jeq      #0x2c            jt 509	jf 508
(508) jeq      #0x33            jt 511	jf 516
(509) ld       #0x8
(510) ja       520
(511) ldx      M[3]
(512) ldb      [x + 1]
(513) add      #0x2
(514) lsh      #2
(515) ja       520
(516) ldx      M[3]
(517) ldb      [x + 1]
(518) add      #0x1
(519) lsh      #3
(520) st       M[5]
(521) ld       M[3]
(522) ldx      M[5]
(523) add      x
(524) st       M[6]
(525) tax
(526) ld       #pktlen
(527) jge      x                jt 528	jf 590
(528) ld       M[2]
(529) jeq      #0x2c            jt 530	jf 537
(530) ld       #0x1
(531) ldx      M[3]
(532) ldh      [x + 2]
(533) and      #0xfff8
(534) jeq      #0x0             jt 537	jf 535
(535) ld       #0x0
(536) st       M[4]
(537) ldx      M[3]
(538) ldb      [x + 0]
(539) st       M[2]
(540) ld       M[6]
(541) st       M[3]
(542) ld       M[2]
(543) jeq      #0x0             jt 549	jf 544
(544) jeq      #0x2b            jt 549	jf 545
(545) jeq      #0x2c            jt 549	jf 546
(546) jeq      #0x33            jt 549	jf 547
(547) jeq      #0x3c            jt 549	jf 548
(548) jeq      #0x87            jt 549	jf 590
(549) ld       M[3]
(550) add      #0x8
(551) tax
(552) ld       #pktlen
(553) jge      x                jt 554	jf 590
(554) ld       M[2]
(555) jeq      #0x2c            jt 557	jf 556
(556) jeq      #0x33            jt 559	jf 564
(557) ld       #0x8
(558) ja       568
(559) ldx      M[3]
(560) ldb      [x + 1]
(561) add      #0x2
(562) lsh      #2
(563) ja       568
(564) ldx      M[3]
(565) ldb      [x + 1]
(566) add      #0x1
(567) lsh      #3
(568) st       M[5]
(569) ld       M[3]
(570) ldx      M[5]
(571) add      x
(572) st       M[6]
(573) tax
(574) ld       #pktlen
(575) jge      x                jt 576	jf 590
(576) ld       M[2]
(577) jeq      #0x2c            jt 578	jf 585
(578) ld       #0x1
(579) ldx      M[3]
(580) ldh      [x + 2]
(581) and      #0xfff8
(582) jeq      #0x0             jt 585	jf 583
(583) ld       #0x0
(584) st       M[4]
(585) ldx      M[3]
(586) ldb      [x + 0]
(587) st       M[2]
(588) ld       M[6]
(589) st       M[3]
(590) ld       M[2]
(591) st       M[1]
(592) jeq      #0x0             jt 606	jf 593
(593) jeq      #0x2b            jt 606	jf 594
(594) jeq      #0x2c            jt 606	jf 595
(595) jeq      #0x33            jt 606	jf 596
(596) jeq      #0x3c            jt 606	jf 597
(597) jeq      #0x87            jt 606	jf 598
(598) jeq      #0x3b            jt 606	jf 599
(599) ld       M[4]
(600) jeq      #0x0             jt 606	jf 601
(601) ldx      M[3]
(602) ld       #pktlen
(603) jgt      x                jt 604	jf 606
(604) ld       M[3]
(605) st       M[0]
(606) ld       M[1]
(607) jeq      #0x6             jt 608	jf 629
(608) ld       M[0]
(609) jeq      #0x0             jt 614	jf 610
(610) ldx      M[0]
(611) ld       #pktlen
(612) sub      x
(613) ja       615
(614) ld       #0x0
(615) jge      #0x4             jt 616	jf 629
(616) ld       M[0]
(617) st       M[1]
(618) jgt      #0x7ffe0000      jt 630	jf 619
(619) ldx      M[1]
(620) ldh      [x + 2]
(621) jeq      #0x50            jt 628	jf 622
(622) ld       M[0]
(623) st       M[1]
(624) jgt      #0x7ffe0000      jt 630	jf 625
(625) ldx      M[1]
(626) ldh      [x + 2]
(627) jeq      #0x1bb           jt 628	jf 629
(628) ret      #262144
(629) ret      #0
(630) ret      #0
