// The pcap-filter scanner: turns a tcpdump expression into tokens the way libpcap 1.10's
// scanner.l does (keywords, named constants such as tcp-syn, numbers in decimal, hex and
// octal, dotted IPv4 prefixes, IPv6 and MAC addresses, identifiers with backslash escapes),
// with the longest match winning and, between equally long matches, libpcap's rule order.

import { ParseError } from '../diag/errors.js';
import type { SourceText, Span } from '../diag/source.js';

export type TokKind =
  | 'num' // a number (value in `num`)
  | 'hid' // dotted IPv4 text: N.N, N.N.N or N.N.N.N
  | 'hid6' // IPv6 address text
  | 'eid' // MAC address text
  | 'aid' // ARCnet address ($hex)
  | 'id' // a name (backslash escape removed)
  | 'kw' // a keyword (text in `text`, canonical spelling)
  | 'op' // punctuation and operators
  | 'eof';

export interface Token {
  readonly kind: TokKind;
  /** Keyword (canonical), operator, or the token's text. */
  readonly text: string;
  readonly num: number;
  readonly span: Span;
}

/** Keywords, mapped to their canonical name (aliases such as `ether` for link share one). */
const KEYWORDS: Readonly<Record<string, string>> = (() => {
  const k: Record<string, string> = {};
  const same = (...names: string[]) => names.forEach((n) => (k[n] = n));
  same(
    'dst', 'src', 'host', 'gateway', 'net', 'port', 'portrange', 'proto', 'protochain', 'arp', 'rarp', 'ip', 'sctp',
    'tcp', 'udp', 'icmp', 'igmp', 'igrp', 'pim', 'vrrp', 'carp', 'radio', 'ip6', 'icmp6', 'ah', 'esp', 'atalk', 'aarp',
    'decnet', 'lat', 'sca', 'moprc', 'mopdl', 'iso', 'esis', 'isis', 'l1', 'l2', 'iih', 'lsp', 'snp', 'csnp', 'psnp',
    'clnp', 'stp', 'ipx', 'netbeui', 'less', 'greater', 'byte', 'broadcast', 'multicast', 'inbound', 'outbound',
    'ifindex', 'vlan', 'mpls', 'pppoed', 'pppoes', 'geneve', 'lane', 'llc', 'metac', 'bcc', 'oam', 'oamf4', 'oamf4ec',
    'oamf4sc', 'sc', 'ilmic', 'vpi', 'vci', 'connectmsg', 'metaconnect', 'on', 'ifname', 'rnr', 'rulenum', 'reason',
    'rset', 'ruleset', 'srnr', 'subrulenum', 'action', 'fisu', 'lssu', 'lsu', 'msu', 'hfisu', 'hlssu', 'hmsu', 'sio',
    'opc', 'dpc', 'sls', 'hsio', 'hopc', 'hdpc', 'hsls', 'type', 'subtype', 'ra', 'ta',
  );
  for (const l of ['link', 'ether', 'ppp', 'slip', 'fddi', 'tr', 'wlan']) k[l] = 'link';
  k['es-is'] = 'esis';
  k['is-is'] = 'isis';
  k['mask'] = 'mask';
  k['len'] = 'len';
  k['length'] = 'len';
  k['direction'] = 'dir';
  k['dir'] = 'dir';
  k['and'] = 'and';
  k['or'] = 'or';
  k['not'] = '!';
  for (const n of [1, 2, 3, 4]) {
    k[`address${n}`] = `addr${n}`;
    k[`addr${n}`] = `addr${n}`;
  }
  return k;
})();

/** Named numbers (scanner.l returns them as NUM). */
export const NAMED_NUMBERS: Readonly<Record<string, number>> = {
  icmptype: 0, icmpcode: 1,
  'icmp-echoreply': 0, 'icmp-unreach': 3, 'icmp-sourcequench': 4, 'icmp-redirect': 5, 'icmp-echo': 8,
  'icmp-routeradvert': 9, 'icmp-routersolicit': 10, 'icmp-timxceed': 11, 'icmp-paramprob': 12, 'icmp-tstamp': 13,
  'icmp-tstampreply': 14, 'icmp-ireq': 15, 'icmp-ireqreply': 16, 'icmp-maskreq': 17, 'icmp-maskreply': 18,
  icmp6type: 0, icmp6code: 1,
  'icmp6-destinationunreach': 1, 'icmp6-packettoobig': 2, 'icmp6-timeexceeded': 3, 'icmp6-parameterproblem': 4,
  'icmp6-echo': 128, 'icmp6-echoreply': 129, 'icmp6-multicastlistenerquery': 130, 'icmp6-multicastlistenerreportv1': 131,
  'icmp6-multicastlistenerdone': 132, 'icmp6-routersolicit': 133, 'icmp6-routeradvert': 134, 'icmp6-neighborsolicit': 135,
  'icmp6-neighboradvert': 136, 'icmp6-redirect': 137, 'icmp6-routerrenum': 138, 'icmp6-nodeinformationquery': 139,
  'icmp6-nodeinformationresponse': 140, 'icmp6-ineighbordiscoverysolicit': 141, 'icmp6-ineighbordiscoveryadvert': 142,
  'icmp6-multicastlistenerreportv2': 143, 'icmp6-homeagentdiscoveryrequest': 144, 'icmp6-homeagentdiscoveryreply': 145,
  'icmp6-mobileprefixsolicit': 146, 'icmp6-mobileprefixadvert': 147, 'icmp6-certpathsolicit': 148,
  'icmp6-certpathadvert': 149, 'icmp6-multicastrouteradvert': 151, 'icmp6-multicastroutersolicit': 152,
  'icmp6-multicastrouterterm': 153,
  tcpflags: 13, 'tcp-fin': 0x01, 'tcp-syn': 0x02, 'tcp-rst': 0x04, 'tcp-push': 0x08, 'tcp-ack': 0x10, 'tcp-urg': 0x20,
  'tcp-ece': 0x40, 'tcp-cwr': 0x80,
};

const OPERATORS = ['>=', '<=', '!=', '==', '<<', '>>', '&&', '||', '(', ')', '[', ']', ':', '/', '+', '-', '*', '%', '&', '|', '^', '>', '<', '=', '!'];

// Anchored ("sticky") patterns, tried at each position; the longest wins, ties go to the
// earlier entry (libpcap's rule order: numbers, dotted addresses, IPv6, MAC, names).
const N = '(?:0[xX][0-9A-Fa-f]+|[0-9]+)';
const B = '[0-9A-Fa-f]{1,2}';
const B2 = '[0-9A-Fa-f]{4}';
const PATTERNS: readonly [TokKind, RegExp][] = [
  ['num', new RegExp(N, 'y')],
  ['hid', new RegExp(`${N}\\.${N}(?:\\.${N}(?:\\.${N})?)?`, 'y')],
  ['hid6', /[0-9A-Fa-f:][0-9A-Fa-f:.]*/y],
  ['eid', new RegExp(`${B}:${B}:${B}:${B}:${B}:${B}|${B}-${B}-${B}-${B}-${B}-${B}|${B}\\.${B}\\.${B}\\.${B}\\.${B}\\.${B}|${B2}\\.${B2}\\.${B2}|${B2}${B2}${B2}`, 'y')],
  ['id', /[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?/y],
];

/** A 32-bit number from pcap-filter number text (decimal, 0x hex, leading-0 octal). */
export function parseNumber(text: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9A-Fa-f]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) v = text.length === 1 ? 0 : parseInt(text.slice(1), 8);
  else if (/^[1-9][0-9]*$/.test(text)) v = Number(text);
  else return undefined;
  return Number.isSafeInteger(v) && v <= 0xffffffff ? v : undefined;
}

function isIpv6Text(text: string): boolean {
  if (!text.includes(':')) return false;
  // Validity is checked by the address parser; here the shape: groups of hex, an optional
  // IPv4 tail, at most one '::'.
  return /^(?:[0-9A-Fa-f]{0,4}:){1,8}(?:[0-9A-Fa-f]{0,4}|[0-9]{1,3}(?:\.[0-9]{1,3}){3})$/.test(text) && (text.match(/::/g)?.length ?? 0) <= 1 && ipv6GroupsOk(text);
}

function ipv6GroupsOk(text: string): boolean {
  const double = text.includes('::');
  const parts = text.split(':').filter((p) => p !== '');
  let groups = parts.length;
  if (parts.length > 0 && parts[parts.length - 1].includes('.')) groups += 1;
  if (text.startsWith(':') && !text.startsWith('::')) return false;
  if (text.endsWith(':') && !text.endsWith('::')) return false;
  return double ? groups <= 7 : groups === 8;
}

/**
 * Scan an expression. Backslash-escaped words (`\tcp`) become names.
 * @throws {ParseError} ERR_PCAP_SYNTAX at a character no token starts with, or a malformed number
 */
export function scan(source: SourceText): Token[] {
  const text = source.text;
  const out: Token[] = [];
  let i = 0;
  const fail = (at: number, end: number, message: string): never => {
    throw new ParseError('ERR_PCAP_SYNTAX', message, { span: { start: at, end }, source });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\') {
      // libpcap: a backslash and the characters up to a blank, '!', '(' or ')' are a name.
      let j = i + 1;
      while (j < text.length && !' \t\n\r!()'.includes(text[j])) j++;
      if (j === i + 1) fail(i, i + 1, "a backslash must be followed by a name, as in 'ip proto \\tcp'");
      out.push({ kind: 'id', text: text.slice(i + 1, j).replace(/\\/g, ''), num: 0, span: { start: i, end: j } });
      i = j;
      continue;
    }
    if (c === '$') {
      const m = /\$[0-9A-Fa-f]{1,2}(?![0-9A-Za-z])/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r === null) fail(i, i + 1, "'$' must be followed by one or two hex digits (an ARCnet address)");
      out.push({ kind: 'aid', text: r![0], num: 0, span: { start: i, end: i + r![0].length } });
      i += r![0].length;
      continue;
    }
    // Longest match among the word-like patterns.
    let best: { kind: TokKind; len: number } | undefined;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m === null) continue;
      let len = m[0].length;
      if (kind === 'hid6') {
        // Take the longest prefix that is a complete IPv6 address.
        let t = m[0].slice(0, 45);
        while (t.length > 0 && !isIpv6Text(t)) t = t.slice(0, -1);
        len = t.length;
        if (len === 0) continue;
      }
      if (best === undefined || len > best.len) best = { kind, len };
    }
    if (best !== undefined) {
      const word = text.slice(i, i + best.len);
      const span = { start: i, end: i + best.len };
      i += best.len;
      if (best.kind === 'id') {
        const lower = word;
        if (Object.hasOwn(KEYWORDS, lower)) out.push({ kind: 'kw', text: KEYWORDS[lower], num: 0, span });
        else if (Object.hasOwn(NAMED_NUMBERS, lower)) out.push({ kind: 'num', text: word, num: NAMED_NUMBERS[lower], span });
        else out.push({ kind: 'id', text: word, num: 0, span });
      } else if (best.kind === 'num') {
        const v = parseNumber(word);
        if (v === undefined) fail(span.start, span.end, /^0[0-9]+$/.test(word) ? `number ${word} contains non-octal digits` : `number ${word} does not fit in 32 bits`);
        out.push({ kind: 'num', text: word, num: v!, span });
      } else {
        out.push({ kind: best.kind, text: word, num: 0, span });
      }
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      const span = { start: i, end: i + op.length };
      i += op.length;
      const canon = op === '&&' ? 'and' : op === '||' ? 'or' : op === '==' ? '=' : op;
      out.push(canon === 'and' || canon === 'or' || canon === '!' ? { kind: 'kw', text: canon, num: 0, span } : { kind: 'op', text: canon, num: 0, span });
      continue;
    }
    fail(i, i + 1, `unexpected character '${c}'`);
  }
  out.push({ kind: 'eof', text: '', num: 0, span: { start: text.length, end: text.length } });
  return out;
}
