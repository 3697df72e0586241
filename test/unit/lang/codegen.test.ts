// VFLisp code quality: conditions are direct jumps, constants fold, dead branches vanish,
// guards implied by earlier tests are dropped, and the compiler's output is no longer than
// careful hand-written assembly for the same filter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVflisp } from '../../../src/lang/compile.js';
import { decodeProgram } from '../../../src/bytecode/decode.js';
import { verifyProgram } from '../../../src/verify/verify.js';
import { createFilter } from '../../../src/tiers/select.js';
import { disassemble } from '../../../src/asm/disassemble.js';
import { assemble } from '../../../src/asm/assemble.js';
import { P1, P2, P3, P4, buildFrame, tcp, udp } from '../../helpers/vflisp-packets.js';

function insns(src: string): string[] {
  return decodeProgram(compileVflisp(src).bytes).map((i) => i.op.name);
}

const listing = (bytes: Uint8Array): string => disassemble(bytes, { addresses: true });

/** Hand-written: `proto == 6 && dst-port == 80` with every bounds guard a safe filter needs. */
const HAND_WRITTEN_TCP_PORT_80 = `
    hdr 5          ; transport protocol
    push 6
    jne drop
    hdr 8          ; bytes after the transport offset: the port must be inside the packet
    push 4
    jlt drop
    hdr 4          ; transport offset
    ldx16 2        ; destination port
    push 80
    jne drop
    push 1
    ret
drop:
    push 0
    ret
`;

test('(and (= proto 6) (= dst-port 80)) is no longer than hand-written bytecode', () => {
  const ours = compileVflisp('(and (= proto 6) (= dst-port 80))').bytes;
  const hand = assemble(HAND_WRITTEN_TCP_PORT_80, 'hand.vfm').bytes;
  const n = decodeProgram(ours).length;
  const m = decodeProgram(hand).length;
  assert.ok(n <= m, `compiler ${n} instructions, hand-written ${m}:\n${listing(ours)}`);
  assert.ok(ours.length <= hand.length, `compiler ${ours.length} bytes, hand-written ${hand.length}`);
  // Same verdicts on every test packet, including ones without ports.
  const a = createFilter(verifyProgram(ours));
  const b = createFilter(verifyProgram(hand));
  const frames = [P1, P2, P3, P4, buildFrame({ ip: 4, proto: 6, l4: tcp(1, 80, 2).slice(0, 3) }), buildFrame({ ip: 4, proto: 17, l4: udp(1, 80) }), buildFrame({ ip: 6, vlans: [5], proto: 6, l4: tcp(9, 80, 2) })];
  for (const f of frames) assert.deepEqual(a.run(f), b.run(f));
});

test('the port protocol check is implied by (= proto 6) and dropped', () => {
  const alone = insns('(= dst-port 80)');
  const withProto = insns('(and (= proto 6) (= dst-port 80))');
  assert.ok(alone.includes('hdr') && !alone.includes('dup'));
  // Without proto the guard asks HDR 9 (ports present); after (= proto 6) it asks only for 4 bytes.
  const b = compileVflisp('(and (= proto 6) (= dst-port 80))').bytes;
  const hdrs = decodeProgram(b).filter((i) => i.op.name === 'hdr').map((i) => i.arg);
  assert.deepEqual(hdrs, [5, 8, 4]);
  assert.equal(withProto.length, alone.length + 3);
});

test('conditions compile to direct jumps: no 0/1 values are built and re-tested', () => {
  for (const src of ['(and (= proto 6) (or (= dst-port 80) (= dst-port 443)))', '(not (= ip-version 4))', '(if (= ip-version 4) (= proto 6) (= next-hdr 6))', '(in dst-port 22 80 443)']) {
    const ops = insns(src);
    assert.ok(!ops.includes('dup') && !ops.includes('eq') && !ops.includes('pop'), `${src}: ${ops.join(' ')}`);
    // Values 0/1 are pushed only right before RET: the accept and drop exits.
    const bytes = compileVflisp(src).bytes;
    const list = decodeProgram(bytes);
    const results = list.filter((i, k) => i.op.name === 'push' && list[k + 1]?.op.name !== 'ret' && list[k + 1]?.op.name !== 'jne' && list[k + 1]?.op.name !== 'jeq' && list[k + 1]?.op.name !== 'jlt');
    assert.deepEqual(results, [], `${src}\n${listing(bytes)}`);
    assert.equal(list.filter((i) => i.op.name === 'ret').length, 2);
  }
});

test('guards shared by every arm of an or are checked once', () => {
  const bytes = compileVflisp('(in dst-port 22 80 443 8080)').bytes;
  const hdr9 = decodeProgram(bytes).filter((i) => i.op.name === 'hdr' && i.arg === 9);
  assert.equal(hdr9.length, 1, listing(bytes));
  const range = compileVflisp('(range dst-port 1024 65535)').bytes;
  assert.equal(decodeProgram(range).filter((i) => i.op.name === 'hdr' && i.arg === 9).length, 1);
});

test('constant folding and dead-branch removal', () => {
  assert.deepEqual(insns('(+ 1 (* 2 3) (- 10 4))'), ['push', 'ret']);
  assert.deepEqual(insns('(if (> 2 1) (= proto 6) (= dst-port 80))'), insns('(= proto 6)'));
  assert.deepEqual(insns('(and 1 (= proto 6))'), insns('(= proto 6)'));
  assert.deepEqual(insns('(if (= proto 6) 1 0)'), insns('(= proto 6)'));
  assert.deepEqual(insns('(if (= proto 6) 0 1)'), insns('(not (= proto 6))'));
  assert.deepEqual(insns('(or 0 (= proto 6))'), insns('(= proto 6)'));
  // Contradictions known from header facts: the second test is decided, the program is constant.
  assert.deepEqual(insns('(and (= proto 6) (= proto 17))'), ['hdr', 'push', 'jne', 'push', 'ret']);
  assert.deepEqual(insns('(and (= ip-version 4) (= ip-version 4) (= proto 6))'), insns('(and (= ip-version 4) (= proto 6))'));
  // Division by a constant zero is left to run time (it faults), not folded away.
  assert.ok(insns('(/ 7 0)').includes('div'));
});

test('every program the compiler emits passes the verifier (a mixed bag)', () => {
  const sources = [
    '(= (if (= proto 6) src-ip dst-ip) 10.0.0.1)',
    '(= (if (= ip-version 6) src-ip6 dst-ip6) 2001:db8::1)',
    '(or (+ dst-port 0) (and (= proto 17) src-port) 3)',
    '(= (+ ip-len ttl (u8 14) (u16 l3 2) (u32 l4 4)) 9)',
    '(and (= src-ip 2001:db8::/32) (!= dst-ip 2001:db8::2/128) (= src-ip 10.0.0.0/8))',
    '(not (or (tcp-flag syn) (= icmp-type 8) (= vlan-id 0) (= ethertype 0) (< len 60)))',
    '(and has-ext-hdr (= frag-offset 0) (range final-proto 6 17) (in ext-hdr-count 1 2))',
    '(if (tcp-flag syn ack) (if (= ip-len 40) 1 2) (if (= ttl 1) 3 (u64 0)))',
  ];
  for (const s of sources) verifyProgram(compileVflisp(s).bytes);
});
