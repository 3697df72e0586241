// Seeded random VFLisp programs: each compiles to bytecode that the verifier accepts, and its
// verdict on many packets (whole, truncated, tagged, IPv6 with extension headers) equals a
// direct evaluation of the checked tree here, with every guard tested explicitly. This checks
// the optimiser (facts, hoisted guards, folded tests) against the language's meaning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVflisp } from '../../../src/lang/compile.js';
import type { Expr } from '../../../src/lang/ir.js';
import { foldArith, foldCmp, isBool } from '../../../src/lang/ir.js';
import { LEN_ATOM, REQUIRE_IP4, REQUIRE_IP6, type Requirement } from '../../../src/lang/fields.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { createFilter } from '../../../src/tiers/select.js';
import { HDR, headerField, locateHeaders } from '../../../src/vm/packet-ops.js';
import { readBigBE } from '../../../src/util/bytes.js';
import { P1, P2, P3, P4, buildFrame, icmp, tcp, udp } from '../../helpers/vflisp-packets.js';
import { seededRandom } from '../../helpers/capture.js';

const { seed: SEED, next: random } = seededRandom(20261124);

// ---- the meaning of a checked tree, evaluated directly ----

function holds(r: Requirement, p: Uint8Array): boolean {
  if (r.t === 'ports') return HDR.portsOffset !== 0;
  const v = r.atom === LEN_ATOM ? p.length : headerField(r.atom);
  if (r.t === 'oneof') return r.values.includes(v);
  return r.op === 'eq' ? v === r.c : r.op === 'ne' ? v !== r.c : v >= r.c;
}

function present(e: Expr, p: Uint8Array): boolean {
  switch (e.k) {
    case 'field': {
      const reqs = e.f.access.k === 'addr' ? [e.family === 6 ? REQUIRE_IP6 : REQUIRE_IP4] : e.f.guard;
      return reqs.every((r) => holds(r, p));
    }
    case 'load': {
      const base = e.base === 'frame' ? 0 : e.base === 'l3' ? HDR.l3 : HDR.l4;
      if (e.base !== 'frame' && base === 0) return false;
      return base + e.off + e.width <= p.length;
    }
    case 'arith':
      return present(e.a, p) && present(e.b, p);
    default:
      return true;
  }
}

function fieldValue(e: Expr & { k: 'field' }, p: Uint8Array): bigint {
  const a = e.f.access;
  switch (a.k) {
    case 'hdr':
      return BigInt(headerField(a.sel));
    case 'len':
      return BigInt(p.length);
    case 'ext':
      throw new Error('ext fields are not generated');
    case 'ldx':
      return readBigBE(p, (a.base === 'l3' ? HDR.l3 : HDR.l4) + a.off, a.width);
    case 'addr':
      return e.family === 6 ? readBigBE(p, HDR.l3 + (a.dir === 'src' ? 8 : 24), 16) : readBigBE(p, HDR.l3 + (a.dir === 'src' ? 12 : 16), 4);
    case 'byVersion': {
      const v = HDR.ipVersion === 4 ? a.v4 : a.v6;
      return readBigBE(p, HDR.l3 + v.off, v.width) + BigInt(v.add);
    }
  }
}

function value(e: Expr, p: Uint8Array): bigint {
  switch (e.k) {
    case 'const':
      return e.v;
    case 'field':
    case 'load':
    case 'arith':
      if (!present(e, p)) return 0n;
      if (e.k === 'field') return fieldValue(e, p);
      if (e.k === 'load') return readBigBE(p, (e.base === 'frame' ? 0 : e.base === 'l3' ? HDR.l3 : HDR.l4) + e.off, e.width);
      return foldArith(e.op, value(e.a, p), value(e.b, p))!;
    case 'cmp':
      return cond(e, p) ? 1n : 0n;
    case 'not':
      return cond(e.a, p) ? 0n : 1n;
    case 'and': {
      for (const a of e.args.slice(0, -1)) if (!cond(a, p)) return 0n;
      return value(e.args[e.args.length - 1], p);
    }
    case 'or': {
      for (const a of e.args.slice(0, -1)) {
        const v = value(a, p);
        if (v !== 0n) return isBool(a) ? 1n : v;
      }
      return value(e.args[e.args.length - 1], p);
    }
    case 'if':
      return cond(e.c, p) ? value(e.t, p) : value(e.e, p);
    default:
      throw new Error(`stateful form ${e.k} is not generated here`);
  }
}

function cond(e: Expr, p: Uint8Array): boolean {
  if (e.k === 'cmp') {
    if (!present(e.a, p) || !present(e.b, p)) return false;
    return foldCmp(e.op, value(e.a, p), value(e.b, p));
  }
  return value(e, p) !== 0n;
}

// ---- random programs ----

const U64_FIELDS = ['proto', 'src-port', 'dst-port', 'ethertype', 'ip-len', 'tcp-flags', 'ip-version', 'src-ip4', 'dst-ip4', 'next-hdr', 'hop-limit', 'len', 'ttl', 'icmp-type', 'icmp-code', 'vlan-id', 'vlan-tags', 'ip-frag'];
const CONSTS = ['0', '1', '2', '4', '6', '17', '53', '80', '443', '58', '64', '0x800', '0x86dd', '1000', '65535', '-1'];

function generator(next: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const num = (depth: number): string => {
    const r = next();
    if (depth <= 0 || r < 0.35) return pick(U64_FIELDS);
    if (r < 0.55) return pick(CONSTS);
    if (r < 0.65) return `(${pick(['u8', 'u16', 'u32'])} ${pick(['', 'l3 ', 'l4 '])}${pick(['0', '2', '12', '13', '40', '70', '65000'])})`;
    if (r < 0.85) return `(${pick(['+', '-', '*', '&', '|', '^', '<<', '>>'])} ${num(depth - 1)} ${num(depth - 1)})`;
    if (r < 0.9) return `(${pick(['/', '%'])} ${num(depth - 1)} ${pick(['3', '10', '256'])})`;
    return `(if ${bool(depth - 1)} ${num(depth - 1)} ${num(depth - 1)})`;
  };
  const bool = (depth: number): string => {
    const r = next();
    if (depth <= 0 || r < 0.4) return `(${pick(['=', '!=', '<', '<=', '>', '>='])} ${num(depth - 1)} ${num(depth - 1)})`;
    if (r < 0.5) return pick(['(= src-ip 10.0.0.0/8)', '(!= dst-ip 192.168.1.0/24)', '(= src-ip 2001:db8::/32)', '(= dst-ip6 2001:db8::2)', '(> src-ip6 ::1)', '(tcp-flag syn)', '(tcp-flag ack psh)', '(in dst-port 80 443 53)', '(range src-port 1000 60000)']);
    if (r < 0.65) return `(and ${bool(depth - 1)} ${bool(depth - 1)}${next() < 0.3 ? ' ' + num(depth - 1) : ''})`;
    if (r < 0.8) return `(or ${bool(depth - 1)} ${bool(depth - 1)}${next() < 0.3 ? ' ' + num(depth - 1) : ''})`;
    if (r < 0.9) return `(not ${bool(depth - 1)})`;
    return `(if ${bool(depth - 1)} ${bool(depth - 1)} ${bool(depth - 1)})`;
  };
  return { num, bool };
}

const FRAMES: Uint8Array[] = [
  P1, P2, P3, P4,
  buildFrame({ ip: 4, vlans: [100], options: [1, 1, 1, 0], proto: 6, l4: tcp(443, 80, 0x12) }),
  buildFrame({ ip: 4, vlans: [5, 6], proto: 17, l4: udp(53, 1000, [1, 2, 3]) }),
  buildFrame({ ip: 4, proto: 17, frag: 0x2000, l4: udp(53, 53) }),
  buildFrame({ ip: 4, proto: 17, frag: 0x0003, l4: udp(53, 53) }),
  buildFrame({ ip: 4, proto: 1, ttl: 1, l4: icmp(8, 0) }),
  buildFrame({ ip: 6, hopByHop: true, proto: 58, l4: icmp(128, 0) }),
  buildFrame({ ip: 6, vlans: [0], proto: 6, l4: tcp(22, 2222, 0x18) }),
  buildFrame({ ip: 6, src: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], proto: 132, l4: [0, 80, 1, 187, 0, 0, 0, 0] }),
  buildFrame({ ip: 4, proto: 17, l4: udp(7, 9, new Array<number>(70000).fill(7)) }), // over 64 KiB
  new Uint8Array(0),
  new Uint8Array([0xff, 0xff, 0x81, 0x00]),
];
for (const len of [13, 14, 20, 33, 34, 35, 37, 38, 46, 47, 53, 54, 60, 70]) {
  FRAMES.push(P1.subarray(0, Math.min(len, P1.length)), P3.subarray(0, Math.min(len, P3.length)));
}

test(`random VFLisp programs verify and match their meaning (seed ${SEED}, VFM_SEED to change)`, () => {
  const next = random;
  const gen = generator(next);
  let compiled = 0;
  const outcomes = { accept: 0, drop: 0 };
  for (let i = 0; i < 400; i++) {
    const src = next() < 0.8 ? gen.bool(4) : gen.num(3);
    let c;
    try {
      c = compileVflisp(src);
    } catch (e) {
      throw new Error(`seed ${SEED}: ${src} did not compile: ${(e as Error).message}`);
    }
    compiled++;
    const vm = createFilter(verifyProgram(c.bytes));
    for (const frame of FRAMES) {
      locateHeaders(frame, 0, frame.length);
      const want = value(c.ir, frame);
      const r = vm.run(frame);
      const got = r.kind === 'accept' ? r.value : r.kind === 'drop' ? 0n : `fault ${r.name}`;
      assert.equal(got, want, `seed ${SEED}: ${src} on ${frame.length}-byte frame`);
      outcomes[r.kind === 'accept' ? 'accept' : 'drop']++;
    }
  }
  assert.equal(compiled, 400);
  // The programs are not trivial: both verdicts are common.
  const total = outcomes.accept + outcomes.drop;
  assert.ok(outcomes.accept > total / 10 && outcomes.drop > total / 10, JSON.stringify(outcomes));
});
