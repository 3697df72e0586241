// Loader for VM conformance vectors (test/vectors/vm/*.vec). A vector file holds one program
// and its expected behaviour:
//
//   ; free text
//   -- hex            the program bytes (current numbering); `;` comments allowed
//   -- asm            or the program as VFM assembly (assembled with src/asm)
//   -- verify         `ok`, or `ERR_CODE pc N` (then runs use the reference on unverified bytes)
//   -- options        `flow-table N`, `limit N`, `timestamp NS`, `wire-length N` (optional)
//   -- runs           `PACKET: RESULT` lines; PACKET is a name from packets.ts or `hex:...`;
//                     RESULT is `accept V`, `drop` or `fault NAME pc N`
//
// Every tier runs every verified vector (the tier tests iterate loadVmVectors()).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHex } from '../../src/util/bytes.js';
import { assemble } from '../../src/asm/index.js';
import type { RunResult } from '../../src/vm/result.js';
import { NAMED_PACKETS } from './packets.js';
import { VECTORS_DIR } from './paths.js';

export interface VmRun {
  readonly packetName: string;
  readonly packet: Uint8Array;
  /** `accept V`, `drop` or `fault NAME pc N`. */
  readonly expected: string;
}

export interface VmVector {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** undefined when the program must verify; else the expected error code and pc. */
  readonly verifyError: { readonly code: string; readonly pc: number } | undefined;
  readonly flowTableSize: number | undefined;
  readonly insnLimit: number | undefined;
  /** Capture timestamp given to every run (ns since the epoch), default 0. */
  readonly timestampNs: bigint;
  /** Wire length given to every run (WIRELEN), default each packet's own length. */
  readonly wireLength: number | undefined;
  readonly runs: readonly VmRun[];
}

/** The canonical text of a result, as used in vector files. */
export function resultText(r: RunResult): string {
  if (r.kind === 'accept') return `accept ${r.value}`;
  if (r.kind === 'drop') return 'drop';
  return `fault ${r.name} pc ${r.pc}`;
}

function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/;.*$/, '').trim();
    const header = /^--\s*(\S+)/.exec(raw.trim());
    if (header !== null) {
      current = [];
      out.set(header[1], current);
      continue;
    }
    if (current !== undefined && line !== '') current.push(line);
  }
  return out;
}

/** A section's text with comments and line structure kept (for assembly). */
function rawSection(text: string, name: string): string | undefined {
  const m = new RegExp(`^--\\s*${name}\\s*$([\\s\\S]*?)(?=^--|(?![\\s\\S]))`, 'm').exec(text);
  return m === null ? undefined : m[1];
}

export function parseVmVector(name: string, text: string): VmVector {
  const s = sections(text);
  const asm = rawSection(text, 'asm');
  const bytes = asm !== undefined ? assemble(asm, `${name}.vec`).bytes : parseHex((s.get('hex') ?? []).join(' '));
  if (bytes === undefined) throw new Error(`${name}: bad -- hex section`);
  const verifyLine = (s.get('verify') ?? ['ok'])[0];
  let verifyError: VmVector['verifyError'];
  if (verifyLine !== 'ok') {
    const m = /^(ERR_\w+) pc (\d+)$/.exec(verifyLine);
    if (m === null) throw new Error(`${name}: bad -- verify line '${verifyLine}'`);
    verifyError = { code: m[1], pc: Number(m[2]) };
  }
  let flowTableSize: number | undefined;
  let insnLimit: number | undefined;
  let timestampNs = 0n;
  let wireLength: number | undefined;
  for (const line of s.get('options') ?? []) {
    const [key, value] = line.split(/\s+/);
    if (key === 'flow-table') flowTableSize = Number(value);
    else if (key === 'limit') insnLimit = Number(value);
    else if (key === 'timestamp') timestampNs = BigInt(value);
    else if (key === 'wire-length') wireLength = Number(value);
    else throw new Error(`${name}: unknown option '${key}'`);
  }
  const runs: VmRun[] = [];
  for (const line of s.get('runs') ?? []) {
    const m = /^(\S+):\s*(.+)$/.exec(line);
    if (m === null) throw new Error(`${name}: bad run line '${line}'`);
    const packetName = m[1];
    const packet = packetName.startsWith('hex:') ? parseHex(packetName.slice(4)) : NAMED_PACKETS[packetName];
    if (packet === undefined) throw new Error(`${name}: unknown packet '${packetName}'`);
    runs.push({ packetName, packet, expected: m[2].trim() });
  }
  return { name, bytes, verifyError, flowTableSize, insnLimit, timestampNs, wireLength, runs };
}

/** Every vector under test/vectors/vm, sorted by file name. */
export function loadVmVectors(): VmVector[] {
  const dir = join(VECTORS_DIR, 'vm');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vec'))
    .sort()
    .map((f) => parseVmVector(f.replace(/\.vec$/, ''), readFileSync(join(dir, f), 'utf8')));
}
