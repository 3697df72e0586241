// Helpers for capture tests: small filters built with ProgramBuilder, captures written with
// our writers into memory, a seeded PRNG, and a whole-capture reader that copies packets.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgramBuilder } from '../../src/bytecode/builder.js';
import { rng } from '../../bench/mix.js';
import { CaptureReader, type CaptureReaderOptions } from '../../src/capture/reader.js';
import { CaptureError } from '../../src/diag/errors.js';
import { PcapWriter, type PcapWriterOptions, PcapngWriter } from '../../src/capture/writer.js';

/** push 1; ret */
export function acceptAllFilter(): Uint8Array {
  const b = new ProgramBuilder();
  b.emitImm('push', 1n);
  b.emit('ret');
  return b.build().bytes;
}

/** Accept IPv4 (EtherType 0x0800 at offset 12), drop the rest. */
export function ipv4Filter(): Uint8Array {
  return etherTypeFilter(0x0800);
}

/** Accept frames whose EtherType (offset 12) is `etherType`, drop the rest. */
export function etherTypeFilter(etherType: number): Uint8Array {
  const b = new ProgramBuilder();
  const yes = b.newLabel('yes');
  b.emit('ld16', 12);
  b.emitImm('push', BigInt(etherType));
  b.emitJump('jeq', yes);
  b.emitImm('push', 0n);
  b.emit('ret');
  b.bind(yes);
  b.emitImm('push', 1n);
  b.emit('ret');
  return b.build().bytes;
}

/** ld8 OFF; ret: accepts with the byte's value, drops on 0, faults (BOUNDS) on shorter packets. */
export function byteAtFilter(off: number): Uint8Array {
  const b = new ProgramBuilder();
  b.emit('ld8', off);
  b.emit('ret');
  return b.build().bytes;
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export interface TestPacket {
  readonly data: Uint8Array;
  readonly sec: number;
  readonly nsec: number;
  readonly originalLength?: number;
  readonly interfaceId?: number;
}

export function writePcap(packets: readonly TestPacket[], options: PcapWriterOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c), options);
  for (const p of packets) w.writePacket(p.data, p.sec, p.nsec, p.originalLength);
  w.flush();
  return concat(chunks);
}

export function writePcapng(packets: readonly TestPacket[], linkTypes: readonly number[] = [1], littleEndian = true): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new PcapngWriter((c) => chunks.push(c), { littleEndian });
  for (const lt of linkTypes) w.addInterface({ linkType: lt });
  for (const p of packets) w.writePacket(p.interfaceId ?? 0, p.data, p.sec, p.nsec, p.originalLength);
  w.flush();
  return concat(chunks);
}

export interface ReadPacket {
  readonly data: Uint8Array;
  readonly stored: Uint8Array;
  readonly sec: number;
  readonly nsec: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly linkType: number;
  readonly dataLinkType: number;
  readonly interfaceId: number;
  readonly byteOffset: number;
}

export interface ReadAll {
  readonly packets: ReadPacket[];
  readonly error: CaptureError | undefined;
  readonly reader: CaptureReader;
  readonly warnings: string[];
}

/** Read `bytes` fed in chunks of `chunkBytes`, copying every packet; damage ends it with `error`. */
export function readAll(bytes: Uint8Array, chunkBytes = bytes.length || 1, options: Omit<CaptureReaderOptions, 'onPacket'> = {}): ReadAll {
  const packets: ReadPacket[] = [];
  const warnings: string[] = [];
  const reader = new CaptureReader({
    ...options,
    onWarning: (m) => warnings.push(m),
    onPacket: (p) =>
      packets.push({
        data: p.data.slice(),
        stored: p.buffer.slice(p.dataStart, p.dataStart + p.capturedLength),
        sec: p.timestampSec,
        nsec: p.timestampNsec,
        capturedLength: p.capturedLength,
        originalLength: p.originalLength,
        linkType: p.linkType,
        dataLinkType: p.dataLinkType,
        interfaceId: p.interfaceId,
        byteOffset: p.byteOffset,
      }),
  });
  let error: CaptureError | undefined;
  try {
    for (let at = 0; at < bytes.length; at += chunkBytes) reader.feed(bytes.subarray(at, at + chunkBytes));
    reader.end();
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    error = e;
  }
  return { packets, error, reader, warnings };
}

/** A seeded PRNG (bench/mix.ts's mulberry32); the seed comes from VFM_SEED or `fallback`. */
export function seededRandom(fallback: number): { seed: number; next: () => number } {
  const seed = process.env.VFM_SEED !== undefined ? Number(process.env.VFM_SEED) >>> 0 : fallback;
  return { seed, next: rng(seed) };
}

/** A fresh temporary directory; `file(name, bytes)` writes into it and returns the path. */
export function tempDir(): { dir: string; file(name: string, bytes: Uint8Array | string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'vfm-capture-'));
  return {
    dir,
    file(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
  };
}

/** A minimal Ethernet frame: zero MACs, EtherType, then `payload`. */
export function etherFrame(etherType: number, payload: readonly number[]): Uint8Array {
  return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, etherType >> 8, etherType & 0xff, ...payload]);
}

/** True when the command-line tool `name` runs (`name --version`). */
export function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
