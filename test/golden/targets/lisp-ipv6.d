(000) ld       #0x0
(001) st       M[0]
(002) ld       #pktlen
(003) jge      #0xe             jt 5	jf 4
(004) ja       569
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
(016) ja       569
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
(029) ja       569
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
(041) ja       569
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
(053) ja       569
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
(065) ja       569
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
(077) ja       569
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
(089) ja       569
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
(101) ja       569
(102) ldh      [44]
(103) jeq      #0x8100          jt 104	jf 105
(104) ja       569
(105) jeq      #0x88a8          jt 106	jf 107
(106) ja       569
(107) jeq      #0x9100          jt 108	jf 109
(108) ja       569
(109) st       M[1]
(110) ld       #0x2e
(111) st       M[2]
(112) st       M[3]
(113) ld       M[1]
(114) jeq      #0x800           jt 117	jf 115
(115) jeq      #0x86dd          jt 118	jf 116
(116) ja       569
(117) ret      #0
(118) ld       M[3]
(119) add      #0x28
(120) tax
(121) ld       #pktlen
(122) jge      x                jt 124	jf 123
(123) ja       569
(124) ldx      M[3]
(125) ldb      [x + 0]
(126) rsh      #4
(127) jeq      #0x6             jt 129	jf 128
(128) ja       569
(129) ldb      [x + 6]
(130) st       M[1]
(131) txa
(132) add      #0x28
(133) st       M[3]
(134) ld       #0x1
(135) st       M[4]
(136) ld       M[1]
(137) jeq      #0x0             jt 144	jf 138
(138) jeq      #0x2b            jt 144	jf 139
(139) jeq      #0x2c            jt 144	jf 140
(140) jeq      #0x33            jt 144	jf 141
(141) jeq      #0x3c            jt 144	jf 142
(142) jeq      #0x87            jt 144	jf 143
(143) ja       520
(144) ld       M[3]
(145) add      #0x8
(146) tax
(147) ld       #pktlen
(148) jge      x                jt 150	jf 149
(149) ja       520
(150) ld       M[1]
(151) jeq      #0x2c            jt 153	jf 152
(152) jeq      #0x33            jt 155	jf 160
(153) ld       #0x8
(154) ja       164
(155) ldx      M[3]
(156) ldb      [x + 1]
(157) add      #0x2
(158) lsh      #2
(159) ja       164
(160) ldx      M[3]
(161) ldb      [x + 1]
(162) add      #0x1
(163) lsh      #3
(164) st       M[5]
(165) ld       M[3]
(166) ldx      M[5]
(167) add      x
(168) st       M[6]
(169) tax
(170) ld       #pktlen
(171) jge      x                jt 173	jf 172
(172) ja       520
(173) ld       M[1]
(174) jeq      #0x2c            jt 175	jf 181
(175) ldx      M[3]
(176) ldh      [x + 2]
(177) and      #0xfff8
(178) jeq      #0x0             jt 181	jf 179
(179) ld       #0x0
(180) st       M[4]
(181) ldx      M[3]
(182) ldb      [x + 0]
(183) st       M[1]
(184) ld       M[6]
(185) st       M[3]
(186) ld       M[1]
(187) jeq      #0x0             jt 194	jf 188
(188) jeq      #0x2b            jt 194	jf 189
(189) jeq      #0x2c            jt 194	jf 190
(190) jeq      #0x33            jt 194	jf 191
(191) jeq      #0x3c            jt 194	jf 192
(192) jeq      #0x87            jt 194	jf 193
(193) ja       520
(194) ld       M[3]
(195) add      #0x8
(196) tax
(197) ld       #pktlen
(198) jge      x                jt 200	jf 199
(199) ja       520
(200) ld       M[1]
(201) jeq      #0x2c            jt 203	jf 202
(202) jeq      #0x33            jt 205	jf 210
(203) ld       #0x8
(204) ja       214
(205) ldx      M[3]
(206) ldb      [x + 1]
(207) add      #0x2
(208) lsh      #2
(209) ja       214
(210) ldx      M[3]
(211) ldb      [x + 1]
(212) add      #0x1
(213) lsh      #3
(214) st       M[5]
(215) ld       M[3]
(216) ldx      M[5]
(217) add      x
(218) st       M[6]
(219) tax
(220) ld       #pktlen
(221) jge      x                jt 223	jf 222
(222) ja       520
(223) ld       M[1]
(224) jeq      #0x2c            jt 225	jf 231
(225) ldx      M[3]
(226) ldh      [x + 2]
(227) and      #0xfff8
(228) jeq      #0x0             jt 231	jf 229
(229) ld       #0x0
(230) st       M[4]
(231) ldx      M[3]
(232) ldb      [x + 0]
(233) st       M[1]
(234) ld       M[6]
(235) st       M[3]
(236) ld       M[1]
(237) jeq      #0x0             jt 244	jf 238
(238) jeq      #0x2b            jt 244	jf 239
(239) jeq      #0x2c            jt 244	jf 240
(240) jeq      #0x33            jt 244	jf 241
(241) jeq      #0x3c            jt 244	jf 242
(242) jeq      #0x87            jt 244	jf 243
(243) ja       520
(244) ld       M[3]
(245) add      #0x8
(246) tax
(247) ld       #pktlen
(248) jge      x                jt 250	jf 249
(249) ja       520
(250) ld       M[1]
(251) jeq      #0x2c            jt 253	jf 252
(252) jeq      #0x33            jt 255	jf 260
(253) ld       #0x8
(254) ja       264
(255) ldx      M[3]
(256) ldb      [x + 1]
(257) add      #0x2
(258) lsh      #2
(259) ja       264
(260) ldx      M[3]
(261) ldb      [x + 1]
(262) add      #0x1
(263) lsh      #3
(264) st       M[5]
(265) ld       M[3]
(266) ldx      M[5]
(267) add      x
(268) st       M[6]
(269) tax
(270) ld       #pktlen
(271) jge      x                jt 272	jf 520
(272) ld       M[1]
(273) jeq      #0x2c            jt 274	jf 280
(274) ldx      M[3]
(275) ldh      [x + 2]
(276) and      #0xfff8
(277) jeq      #0x0             jt 280	jf 278
(278) ld       #0x0
(279) st       M[4]
(280) ldx      M[3]
(281) ldb      [x + 0]
(282) st       M[1]
(283) ld       M[6]
(284) st       M[3]
(285) ld       M[1]
(286) jeq      #0x0             jt 292	jf 287
(287) jeq      #0x2b            jt 292	jf 288
(288) jeq      #0x2c            jt 292	jf 289
(289) jeq      #0x33            jt 292	jf 290
(290) jeq      #0x3c            jt 292	jf 291
(291) jeq      #0x87            jt 292	jf 520
(292) ld       M[3]
(293) add      #0x8
(294) tax
(295) ld       #pktlen
(296) jge      x                jt 297	jf 520
(297) ld       M[1]
(298) jeq      #0x2c            jt 300	jf 299
(299) jeq      #0x33            jt 302	jf 307
(300) ld       #0x8
(301) ja       311
(302) ldx      M[3]
(303) ldb      [x + 1]
(304) add      #0x2
(305) lsh      #2
(306) ja       311
(307) ldx      M[3]
(308) ldb      [x + 1]
(309) add      #0x1
(310) lsh      #3
(311) st       M[5]
(312) ld       M[3]
(313) ldx      M[5]
(314) add      x
(315) st       M[6]
(316) tax
(317) ld       #pktlen
(318) jge      x                jt 319	jf 520
(319) ld       M[1]
(320) jeq      #0x2c            jt 321	jf 327
(321) ldx      M[3]
(322) ldh      [x + 2]
(323) and      #0xfff8
(324) jeq      #0x0             jt 327	jf 325
(325) ld       #0x0
(326) st       M[4]
(327) ldx      M[3]
(328) ldb      [x + 0]
(329) st       M[1]
(330) ld       M[6]
(331) st       M[3]
(332) ld       M[1]
(333) jeq      #0x0             jt 339	jf 334
(334) jeq      #0x2b            jt 339	jf 335
(335) jeq      #0x2c            jt 339	jf 336
(336) jeq      #0x33            jt 339	jf 337
(337) jeq      #0x3c            jt 339	jf 338
(338) jeq      #0x87            jt 339	jf 520
(339) ld       M[3]
(340) add      #0x8
(341) tax
(342) ld       #pktlen
(343) jge      x                jt 344	jf 520
(344) ld       M[1]
(345) jeq      #0x2c            jt 347	jf 346
(346) jeq      #0x33            jt 349	jf 354
(347) ld       #0x8
(348) ja       358
(349) ldx      M[3]
(350) ldb      [x + 1]
(351) add      #0x2
(352) lsh      #2
(353) ja       358
(354) ldx      M[3]
(355) ldb      [x + 1]
(356) add      #0x1
(357) lsh      #3
(358) st       M[5]
(359) ld       M[3]
(360) ldx      M[5]
(361) add      x
(362) st       M[6]
(363) tax
(364) ld       #pktlen
(365) jge      x                jt 366	jf 520
(366) ld       M[1]
(367) jeq      #0x2c            jt 368	jf 374
(368) ldx      M[3]
(369) ldh      [x + 2]
(370) and      #0xfff8
(371) jeq      #0x0             jt 374	jf 372
(372) ld       #0x0
(373) st       M[4]
(374) ldx      M[3]
(375) ldb      [x + 0]
(376) st       M[1]
(377) ld       M[6]
(378) st       M[3]
(379) ld       M[1]
(380) jeq      #0x0             jt 386	jf 381
(381) jeq      #0x2b            jt 386	jf 382
(382) jeq      #0x2c            jt 386	jf 383
(383) jeq      #0x33            jt 386	jf 384
(384) jeq      #0x3c            jt 386	jf 385
(385) jeq      #0x87            jt 386	jf 520
(386) ld       M[3]
(387) add      #0x8
(388) tax
(389) ld       #pktlen
(390) jge      x                jt 391	jf 520
(391) ld       M[1]
(392) jeq      #0x2c            jt 394	jf 393
(393) jeq      #0x33            jt 396	jf 401
(394) ld       #0x8
(395) ja       405
(396) ldx      M[3]
(397) ldb      [x + 1]
(398) add      #0x2
(399) lsh      #2
(400) ja       405
(401) ldx      M[3]
(402) ldb      [x + 1]
(403) add      #0x1
(404) lsh      #3
(405) st       M[5]
(406) ld       M[3]
(407) ldx      M[5]
(408) add      x
(409) st       M[6]
(410) tax
(411) ld       #pktlen
(412) jge      x                jt 413	jf 520
(413) ld       M[1]
(414) jeq      #0x2c            jt 415	jf 421
(415) ldx      M[3]
(416) ldh      [x + 2]
(417) and      #0xfff8
(418) jeq      #0x0             jt 421	jf 419
(419) ld       #0x0
(420) st       M[4]
(421) ldx      M[3]
(422) ldb      [x + 0]
(423) st       M[1]
(424) ld       M[6]
(425) st       M[3]
(426) ld       M[1]
(427) jeq      #0x0             jt 433	jf 428
(428) jeq      #0x2b            jt 433	jf 429
(429) jeq      #0x2c            jt 433	jf 430
(430) jeq      #0x33            jt 433	jf 431
(431) jeq      #0x3c            jt 433	jf 432
(432) jeq      #0x87            jt 433	jf 520
(433) ld       M[3]
(434) add      #0x8
(435) tax
(436) ld       #pktlen
(437) jge      x                jt 438	jf 520
(438) ld       M[1]
(439) jeq      #0x2c            jt 441	jf 440
(440) jeq      #0x33            jt 443	jf 448
(441) ld       #0x8
(442) ja       452
(443) ldx      M[3]
(444) ldb      [x + 1]
(445) add      #0x2
(446) lsh      #2
(447) ja       452
(448) ldx      M[3]
(449) ldb      [x + 1]
(450) add      #0x1
(451) lsh      #3
(452) st       M[5]
(453) ld       M[3]
(454) ldx      M[5]
(455) add      x
(456) st       M[6]
(457) tax
(458) ld       #pktlen
(459) jge      x                jt 460	jf 520
(460) ld       M[1]
(461) jeq      #0x2c            jt 462	jf 468
(462) ldx      M[3]
(463) ldh      [x + 2]
(464) and      #0xfff8
(465) jeq      #0x0             jt 468	jf 466
(466) ld       #0x0
(467) st       M[4]
(468) ldx      M[3]
(469) ldb      [x + 0]
(470) st       M[1]
(471) ld       M[6]
(472) st       M[3]
(473) ld       M[1]
(474) jeq      #0x0             jt 480	jf 475
(475) jeq      #0x2b            jt 480	jf 476
(476) jeq      #0x2c            jt 480	jf 477
(477) jeq      #0x33            jt 480	jf 478
(478) jeq      #0x3c            jt 480	jf 479
(479) jeq      #0x87            jt 480	jf 520
(480) ld       M[3]
(481) add      #0x8
(482) tax
(483) ld       #pktlen
(484) jge      x                jt 485	jf 520
(485) ld       M[1]
(486) jeq      #0x2c            jt 488	jf 487
(487) jeq      #0x33            jt 490	jf 495
(488) ld       #0x8
(489) ja       499
(490) ldx      M[3]
(491) ldb      [x + 1]
(492) add      #0x2
(493) lsh      #2
(494) ja       499
(495) ldx      M[3]
(496) ldb      [x + 1]
(497) add      #0x1
(498) lsh      #3
(499) st       M[5]
(500) ld       M[3]
(501) ldx      M[5]
(502) add      x
(503) st       M[6]
(504) tax
(505) ld       #pktlen
(506) jge      x                jt 507	jf 520
(507) ld       M[1]
(508) jeq      #0x2c            jt 509	jf 515
(509) ldx      M[3]
(510) ldh      [x + 2]
(511) and      #0xfff8
(512) jeq      #0x0             jt 515	jf 513
(513) ld       #0x0
(514) st       M[4]
(515) ldx      M[3]
(516) ldb      [x + 0]
(517) st       M[1]
(518) ld       M[6]
(519) st       M[3]
(520) ld       M[1]
(521) st       M[1]
(522) jeq      #0x0             jt 536	jf 523
(523) jeq      #0x2b            jt 536	jf 524
(524) jeq      #0x2c            jt 536	jf 525
(525) jeq      #0x33            jt 536	jf 526
(526) jeq      #0x3c            jt 536	jf 527
(527) jeq      #0x87            jt 536	jf 528
(528) jeq      #0x3b            jt 536	jf 529
(529) ld       M[4]
(530) jeq      #0x0             jt 536	jf 531
(531) ldx      M[3]
(532) ld       #pktlen
(533) jgt      x                jt 534	jf 536
(534) txa
(535) st       M[0]
(536) ld       M[2]
(537) tax
(538) ld       [x + 20]
(539) ld       [x + 16]
(540) ld       [x + 12]
(541) ld       [x + 8]
(542) jeq      #0x20010db8      jt 543	jf 557
(543) ld       [x + 36]
(544) st       M[2]
(545) ld       [x + 32]
(546) st       M[3]
(547) ld       [x + 28]
(548) st       M[4]
(549) ld       [x + 24]
(550) jeq      #0x20010db8      jt 551	jf 568
(551) ld       M[4]
(552) jeq      #0x0             jt 553	jf 568
(553) ld       M[3]
(554) jeq      #0x0             jt 555	jf 568
(555) ld       M[2]
(556) jeq      #0x53            jt 557	jf 568
(557) ld       M[1]
(558) jeq      #0x1             jt 560	jf 559
(559) jeq      #0x3a            jt 560	jf 569
(560) ld       M[0]
(561) jeq      #0x0             jt 569	jf 562
(562) tax
(563) ld       #pktlen
(564) sub      x
(565) jge      #0x1             jt 566	jf 569
(566) ldb      [x + 0]
(567) jeq      #0x80            jt 568	jf 569
(568) ret      #262144
(569) ret      #0
