// The header walk of HDR/PARSE inlined into generated JS: the common frames (no tag or one
// VLAN tag; IPv4 with any IHL, fragments included; IPv6 whose first next header is the
// transport; any other EtherType) set the header-fact locals f0..f10 straight from the
// packet bytes, and everything else (stacked tags, IPv6 extension headers, truncated or
// malformed IP headers) calls packet-ops' locateHeaders, the full walk, and copies its facts.
// Same results as locateHeaders on every frame (test/tiers/header-walk.test.ts).

import { HDR_FIELDS } from '../../vm/packet-ops.js';

/** The local holding HDR selector n. */
export function factLocal(selector: number): string {
  return `f${selector}`;
}

/** Declarations of the fact locals and the walk's temporaries (for a `let` list). */
export function headerWalkLocals(): string[] {
  return [...HDR_FIELDS.map((_, s) => `${factLocal(s)} = 0`), 'wo = 0', 'wt = 0', 'wi = 0', 'wf = 0'];
}

const F = Object.fromEntries(HDR_FIELDS.map((name, s) => [name, factLocal(s)])) as Record<(typeof HDR_FIELDS)[number], string>;

/**
 * Statements setting every fact local for the packet `len` bytes at `p[b]`.
 * @param full the fallback call of the full walk, e.g. `locateHeaders(p, b, len)`
 */
export function headerWalkSource(full: string): string {
  const byte = (off: string): string => `p[b + ${off}]`;
  const be16 = (off: string): string => `(${byte(off)} << 8 | ${byte(`${off} + 1`)})`;
  const isVlan = (x: string): string => `(${x} === 0x8100 || ${x} === 0x88a8 || ${x} === 0x9100)`;
  const copyFull = `${full}; ${HDR_FIELDS.map((name) => `${F[name]} = HDR.${name};`).join(' ')}`;
  const noIp = `${F.ipVersion} = 0; ${F.l4} = 0; ${F.l4Proto} = 0; ${F.fragment} = 0; ${F.l4Bytes} = 0; ${F.portsOffset} = 0;`;
  const ports = (l4: string): string => `${F.portsOffset} = ${l4} !== 0 && (wt === 6 || wt === 17 || wt === 132) && len - ${l4} >= 4 ? ${l4} : 0;`;
  return [
    `wf = 0;`,
    `if (len >= 18) {`,
    `  wo = 14; wt = ${be16('12')}; ${F.vlanTags} = 0; ${F.vlanId} = 0;`,
    `  if (${isVlan('wt')}) { ${F.vlanId} = ${be16('14')} & 0xfff; ${F.vlanTags} = 1; wo = 18; wt = ${be16('16')}; if (${isVlan('wt')}) wf = 1; }`,
    `  ${F.l3} = wo; ${F.etherType} = wt; ${F.l3Bytes} = len - wo;`,
    `  if (wf === 1) {}`,
    `  else if (wt === 0x0800) {`,
    `    wi = (${byte('wo')} & 0x0f) * 4;`,
    `    if (wo + 20 > len || ${byte('wo')} >> 4 !== 4 || wi < 20 || wo + wi > len) wf = 1;`,
    `    else {`,
    `      ${F.ipVersion} = 4; wt = ${byte('wo + 9')}; ${F.l4Proto} = wt; wi += wo;`,
    `      wo = ${be16('wo + 6')}; ${F.fragment} = (wo & 0x3fff) !== 0 ? 1 : 0;`,
    `      ${F.l4} = (wo & 0x1fff) === 0 && wi < len ? wi : 0; ${F.l4Bytes} = ${F.l4} !== 0 ? len - wi : 0; ${ports(F.l4)}`,
    `    }`,
    `  } else if (wt === 0x86dd) {`,
    `    if (wo + 40 >= len || ${byte('wo')} >> 4 !== 6) wf = 1;`,
    `    else {`,
    `      wt = ${byte('wo + 6')};`,
    `      if (IPV6_NOT_TRANSPORT[wt] === 1) wf = 1;`,
    `      else { ${F.ipVersion} = 6; ${F.l4Proto} = wt; ${F.fragment} = 0; wi = wo + 40; ${F.l4} = wi; ${F.l4Bytes} = len - wi; ${ports('wi')} }`,
    `    }`,
    `  } else { ${noIp} }`,
    `} else wf = 1;`,
    `if (wf === 1) { ${copyFull} }`,
  ].join('\n');
}
