(000) ld       #pktlen
(001) jge      #0xe             jt 3	jf 2
(002) ja       573
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
(013) ja       573
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
(025) ja       573
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
(036) ja       573
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
(047) ja       573
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
(058) ja       573
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
(069) ja       573
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
(080) ja       573
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
(091) ja       573
(092) ldh      [44]
(093) jeq      #0x8100          jt 94	jf 95
(094) ja       573
(095) jeq      #0x88a8          jt 96	jf 97
(096) ja       573
(097) jeq      #0x9100          jt 98	jf 99
(098) ja       573
(099) st       M[0]
(100) ld       #0x2e
(101) st       M[1]
(102) ld       M[0]
(103) jeq      #0x800           jt 106	jf 104
(104) jeq      #0x86dd          jt 144	jf 105
(105) ja       573
(106) ld       M[1]
(107) add      #0x14
(108) tax
(109) ld       #pktlen
(110) jge      x                jt 112	jf 111
(111) ja       573
(112) ldx      M[1]
(113) ldb      [x + 0]
(114) rsh      #4
(115) jeq      #0x4             jt 117	jf 116
(116) ja       573
(117) ldb      [x + 0]
(118) and      #0xf
(119) lsh      #2
(120) st       M[0]
(121) jge      #0x14            jt 123	jf 122
(122) ja       573
(123) txa
(124) ldx      M[0]
(125) add      x
(126) st       M[0]
(127) tax
(128) ld       #pktlen
(129) jge      x                jt 131	jf 130
(130) ja       573
(131) ldx      M[1]
(132) ldb      [x + 9]
(133) st       M[2]
(134) ldh      [x + 6]
(135) and      #0x1fff
(136) jeq      #0x0             jt 138	jf 137
(137) ja       573
(138) ldx      M[0]
(139) ld       #pktlen
(140) jgt      x                jt 142	jf 141
(141) ja       573
(142) txa
(143) ja       561
(144) ld       M[1]
(145) add      #0x28
(146) tax
(147) ld       #pktlen
(148) jge      x                jt 150	jf 149
(149) ja       573
(150) ldx      M[1]
(151) ldb      [x + 0]
(152) rsh      #4
(153) jeq      #0x6             jt 155	jf 154
(154) ja       573
(155) ldb      [x + 6]
(156) st       M[0]
(157) txa
(158) add      #0x28
(159) st       M[1]
(160) ld       #0x1
(161) st       M[3]
(162) ld       M[0]
(163) jeq      #0x0             jt 170	jf 164
(164) jeq      #0x2b            jt 170	jf 165
(165) jeq      #0x2c            jt 170	jf 166
(166) jeq      #0x33            jt 170	jf 167
(167) jeq      #0x3c            jt 170	jf 168
(168) jeq      #0x87            jt 170	jf 169
(169) ja       546
(170) ld       M[1]
(171) add      #0x8
(172) tax
(173) ld       #pktlen
(174) jge      x                jt 176	jf 175
(175) ja       546
(176) ld       M[0]
(177) jeq      #0x2c            jt 179	jf 178
(178) jeq      #0x33            jt 181	jf 186
(179) ld       #0x8
(180) ja       190
(181) ldx      M[1]
(182) ldb      [x + 1]
(183) add      #0x2
(184) lsh      #2
(185) ja       190
(186) ldx      M[1]
(187) ldb      [x + 1]
(188) add      #0x1
(189) lsh      #3
(190) st       M[4]
(191) ld       M[1]
(192) ldx      M[4]
(193) add      x
(194) st       M[5]
(195) tax
(196) ld       #pktlen
(197) jge      x                jt 199	jf 198
(198) ja       546
(199) ld       M[0]
(200) jeq      #0x2c            jt 201	jf 207
(201) ldx      M[1]
(202) ldh      [x + 2]
(203) and      #0xfff8
(204) jeq      #0x0             jt 207	jf 205
(205) ld       #0x0
(206) st       M[3]
(207) ldx      M[1]
(208) ldb      [x + 0]
(209) st       M[0]
(210) ld       M[5]
(211) st       M[1]
(212) ld       M[0]
(213) jeq      #0x0             jt 220	jf 214
(214) jeq      #0x2b            jt 220	jf 215
(215) jeq      #0x2c            jt 220	jf 216
(216) jeq      #0x33            jt 220	jf 217
(217) jeq      #0x3c            jt 220	jf 218
(218) jeq      #0x87            jt 220	jf 219
(219) ja       546
(220) ld       M[1]
(221) add      #0x8
(222) tax
(223) ld       #pktlen
(224) jge      x                jt 226	jf 225
(225) ja       546
(226) ld       M[0]
(227) jeq      #0x2c            jt 229	jf 228
(228) jeq      #0x33            jt 231	jf 236
(229) ld       #0x8
(230) ja       240
(231) ldx      M[1]
(232) ldb      [x + 1]
(233) add      #0x2
(234) lsh      #2
(235) ja       240
(236) ldx      M[1]
(237) ldb      [x + 1]
(238) add      #0x1
(239) lsh      #3
(240) st       M[4]
(241) ld       M[1]
(242) ldx      M[4]
(243) add      x
(244) st       M[5]
(245) tax
(246) ld       #pktlen
(247) jge      x                jt 249	jf 248
(248) ja       546
(249) ld       M[0]
(250) jeq      #0x2c            jt 251	jf 257
(251) ldx      M[1]
(252) ldh      [x + 2]
(253) and      #0xfff8
(254) jeq      #0x0             jt 257	jf 255
(255) ld       #0x0
(256) st       M[3]
(257) ldx      M[1]
(258) ldb      [x + 0]
(259) st       M[0]
(260) ld       M[5]
(261) st       M[1]
(262) ld       M[0]
(263) jeq      #0x0             jt 270	jf 264
(264) jeq      #0x2b            jt 270	jf 265
(265) jeq      #0x2c            jt 270	jf 266
(266) jeq      #0x33            jt 270	jf 267
(267) jeq      #0x3c            jt 270	jf 268
(268) jeq      #0x87            jt 270	jf 269
(269) ja       546
(270) ld       M[1]
(271) add      #0x8
(272) tax
(273) ld       #pktlen
(274) jge      x                jt 276	jf 275
(275) ja       546
(276) ld       M[0]
(277) jeq      #0x2c            jt 279	jf 278
(278) jeq      #0x33            jt 281	jf 286
(279) ld       #0x8
(280) ja       290
(281) ldx      M[1]
(282) ldb      [x + 1]
(283) add      #0x2
(284) lsh      #2
(285) ja       290
(286) ldx      M[1]
(287) ldb      [x + 1]
(288) add      #0x1
(289) lsh      #3
(290) st       M[4]
(291) ld       M[1]
(292) ldx      M[4]
(293) add      x
(294) st       M[5]
(295) tax
(296) ld       #pktlen
(297) jge      x                jt 298	jf 546
(298) ld       M[0]
(299) jeq      #0x2c            jt 300	jf 306
(300) ldx      M[1]
(301) ldh      [x + 2]
(302) and      #0xfff8
(303) jeq      #0x0             jt 306	jf 304
(304) ld       #0x0
(305) st       M[3]
(306) ldx      M[1]
(307) ldb      [x + 0]
(308) st       M[0]
(309) ld       M[5]
(310) st       M[1]
(311) ld       M[0]
(312) jeq      #0x0             jt 318	jf 313
(313) jeq      #0x2b            jt 318	jf 314
(314) jeq      #0x2c            jt 318	jf 315
(315) jeq      #0x33            jt 318	jf 316
(316) jeq      #0x3c            jt 318	jf 317
(317) jeq      #0x87            jt 318	jf 546
(318) ld       M[1]
(319) add      #0x8
(320) tax
(321) ld       #pktlen
(322) jge      x                jt 323	jf 546
(323) ld       M[0]
(324) jeq      #0x2c            jt 326	jf 325
(325) jeq      #0x33            jt 328	jf 333
(326) ld       #0x8
(327) ja       337
(328) ldx      M[1]
(329) ldb      [x + 1]
(330) add      #0x2
(331) lsh      #2
(332) ja       337
(333) ldx      M[1]
(334) ldb      [x + 1]
(335) add      #0x1
(336) lsh      #3
(337) st       M[4]
(338) ld       M[1]
(339) ldx      M[4]
(340) add      x
(341) st       M[5]
(342) tax
(343) ld       #pktlen
(344) jge      x                jt 345	jf 546
(345) ld       M[0]
(346) jeq      #0x2c            jt 347	jf 353
(347) ldx      M[1]
(348) ldh      [x + 2]
(349) and      #0xfff8
(350) jeq      #0x0             jt 353	jf 351
(351) ld       #0x0
(352) st       M[3]
(353) ldx      M[1]
(354) ldb      [x + 0]
(355) st       M[0]
(356) ld       M[5]
(357) st       M[1]
(358) ld       M[0]
(359) jeq      #0x0             jt 365	jf 360
(360) jeq      #0x2b            jt 365	jf 361
(361) jeq      #0x2c            jt 365	jf 362
(362) jeq      #0x33            jt 365	jf 363
(363) jeq      #0x3c            jt 365	jf 364
(364) jeq      #0x87            jt 365	jf 546
(365) ld       M[1]
(366) add      #0x8
(367) tax
(368) ld       #pktlen
(369) jge      x                jt 370	jf 546
(370) ld       M[0]
(371) jeq      #0x2c            jt 373	jf 372
(372) jeq      #0x33            jt 375	jf 380
(373) ld       #0x8
(374) ja       384
(375) ldx      M[1]
(376) ldb      [x + 1]
(377) add      #0x2
(378) lsh      #2
(379) ja       384
(380) ldx      M[1]
(381) ldb      [x + 1]
(382) add      #0x1
(383) lsh      #3
(384) st       M[4]
(385) ld       M[1]
(386) ldx      M[4]
(387) add      x
(388) st       M[5]
(389) tax
(390) ld       #pktlen
(391) jge      x                jt 392	jf 546
(392) ld       M[0]
(393) jeq      #0x2c            jt 394	jf 400
(394) ldx      M[1]
(395) ldh      [x + 2]
(396) and      #0xfff8
(397) jeq      #0x0             jt 400	jf 398
(398) ld       #0x0
(399) st       M[3]
(400) ldx      M[1]
(401) ldb      [x + 0]
(402) st       M[0]
(403) ld       M[5]
(404) st       M[1]
(405) ld       M[0]
(406) jeq      #0x0             jt 412	jf 407
(407) jeq      #0x2b            jt 412	jf 408
(408) jeq      #0x2c            jt 412	jf 409
(409) jeq      #0x33            jt 412	jf 410
(410) jeq      #0x3c            jt 412	jf 411
(411) jeq      #0x87            jt 412	jf 546
(412) ld       M[1]
(413) add      #0x8
(414) tax
(415) ld       #pktlen
(416) jge      x                jt 417	jf 546
(417) ld       M[0]
(418) jeq      #0x2c            jt 420	jf 419
(419) jeq      #0x33            jt 422	jf 427
(420) ld       #0x8
(421) ja       431
(422) ldx      M[1]
(423) ldb      [x + 1]
(424) add      #0x2
(425) lsh      #2
(426) ja       431
(427) ldx      M[1]
(428) ldb      [x + 1]
(429) add      #0x1
(430) lsh      #3
(431) st       M[4]
(432) ld       M[1]
(433) ldx      M[4]
(434) add      x
(435) st       M[5]
(436) tax
(437) ld       #pktlen
(438) jge      x                jt 439	jf 546
(439) ld       M[0]
(440) jeq      #0x2c            jt 441	jf 447
(441) ldx      M[1]
(442) ldh      [x + 2]
(443) and      #0xfff8
(444) jeq      #0x0             jt 447	jf 445
(445) ld       #0x0
(446) st       M[3]
(447) ldx      M[1]
(448) ldb      [x + 0]
(449) st       M[0]
(450) ld       M[5]
(451) st       M[1]
(452) ld       M[0]
(453) jeq      #0x0             jt 459	jf 454
(454) jeq      #0x2b            jt 459	jf 455
(455) jeq      #0x2c            jt 459	jf 456
(456) jeq      #0x33            jt 459	jf 457
(457) jeq      #0x3c            jt 459	jf 458
(458) jeq      #0x87            jt 459	jf 546
(459) ld       M[1]
(460) add      #0x8
(461) tax
(462) ld       #pktlen
(463) jge      x                jt 464	jf 546
(464) ld       M[0]
(465) jeq      #0x2c            jt 467	jf 466
(466) jeq      #0x33            jt 469	jf 474
(467) ld       #0x8
(468) ja       478
(469) ldx      M[1]
(470) ldb      [x + 1]
(471) add      #0x2
(472) lsh      #2
(473) ja       478
(474) ldx      M[1]
(475) ldb      [x + 1]
(476) add      #0x1
(477) lsh      #3
(478) st       M[4]
(479) ld       M[1]
(480) ldx      M[4]
(481) add      x
(482) st       M[5]
(483) tax
(484) ld       #pktlen
(485) jge      x                jt 486	jf 546
(486) ld       M[0]
(487) jeq      #0x2c            jt 488	jf 494
(488) ldx      M[1]
(489) ldh      [x + 2]
(490) and      #0xfff8
(491) jeq      #0x0             jt 494	jf 492
(492) ld       #0x0
(493) st       M[3]
(494) ldx      M[1]
(495) ldb      [x + 0]
(496) st       M[0]
(497) ld       M[5]
(498) st       M[1]
(499) ld       M[0]
(500) jeq      #0x0             jt 506	jf 501
(501) jeq      #0x2b            jt 506	jf 502
(502) jeq      #0x2c            jt 506	jf 503
(503) jeq      #0x33            jt 506	jf 504
(504) jeq      #0x3c            jt 506	jf 505
(505) jeq      #0x87            jt 506	jf 546
(506) ld       M[1]
(507) add      #0x8
(508) tax
(509) ld       #pktlen
(510) jge      x                jt 511	jf 546
(511) ld       M[0]
(512) jeq      #0x2c            jt 514	jf 513
(513) jeq      #0x33            jt 516	jf 521
(514) ld       #0x8
(515) ja       525
(516) ldx      M[1]
(517) ldb      [x + 1]
(518) add      #0x2
(519) lsh      #2
(520) ja       525
(521) ldx      M[1]
(522) ldb      [x + 1]
(523) add      #0x1
(524) lsh      #3
(525) st       M[4]
(526) ld       M[1]
(527) ldx      M[4]
(528) add      x
(529) st       M[5]
(530) tax
(531) ld       #pktlen
(532) jge      x                jt 533	jf 546
(533) ld       M[0]
(534) jeq      #0x2c            jt 535	jf 541
(535) ldx      M[1]
(536) ldh      [x + 2]
(537) and      #0xfff8
(538) jeq      #0x0             jt 541	jf 539
(539) ld       #0x0
(540) st       M[3]
(541) ldx      M[1]
(542) ldb      [x + 0]
(543) st       M[0]
(544) ld       M[5]
(545) st       M[1]
(546) ld       M[0]
(547) st       M[2]
(548) jeq      #0x0             jt 573	jf 549
(549) jeq      #0x2b            jt 573	jf 550
(550) jeq      #0x2c            jt 573	jf 551
(551) jeq      #0x33            jt 573	jf 552
(552) jeq      #0x3c            jt 573	jf 553
(553) jeq      #0x87            jt 573	jf 554
(554) jeq      #0x3b            jt 573	jf 555
(555) ld       M[3]
(556) jeq      #0x0             jt 573	jf 557
(557) ldx      M[1]
(558) ld       #pktlen
(559) jgt      x                jt 560	jf 573
(560) txa
(561) jeq      #0x0             jt 573	jf 562
(562) ld       #pktlen
(563) sub      x
(564) jge      #0x4             jt 565	jf 573
(565) ld       M[2]
(566) jeq      #0x6             jt 569	jf 567
(567) jeq      #0x11            jt 569	jf 568
(568) jeq      #0x84            jt 569	jf 573
(569) ldh      [x + 2]
(570) jge      #0x3e8           jt 571	jf 573
(571) jgt      #0x7d0           jt 573	jf 572
(572) ret      #262144
(573) ret      #0
