// The ELF relocatable object for eBPF programs (EM_BPF, little-endian), laid out like
// clang's output so that libbpf, bpftool and llvm-objdump read it: one executable section per
// program (`socket`, `xdp`) with a global function symbol, a `license` section, and for the
// flow table a BTF-defined map in `.maps` (libbpf 1.0 dropped the legacy BTF-less `maps`
// section) with the `.rel<section>` entries that point each map `lddw` at it.

import { ByteWriter } from '../../util/bytes.js';
import { encodeEbpf } from './insn.js';
import type { EbpfProgram } from './lower.js';

export interface ElfProgram {
  /** Section name that tells libbpf the program type: `socket` or `xdp`. */
  readonly section: string;
  /** Function symbol name (bpftool shows it as the program name). */
  readonly name: string;
  readonly program: EbpfProgram;
}

export interface ElfOptions {
  readonly programs: readonly ElfProgram[];
  /** Flow-table map (BPF_MAP_TYPE_LRU_HASH, u64 -> u64) when some program uses it. */
  readonly map?: { readonly name: string; readonly maxEntries: number };
  readonly license?: string;
}

const BPF_MAP_TYPE_LRU_HASH = 9;
const EM_BPF = 247;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_REL = 9;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const STB_GLOBAL = 1;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const R_BPF_64_64 = 1;
const MAP_DEF_SIZE = 32;

/** Section, symbol and BTF names are ASCII. */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);
}

class StringTable {
  private readonly w = new ByteWriter();
  private readonly seen = new Map<string, number>();
  constructor() {
    this.w.u8(0);
  }
  add(s: string): number {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    const at = this.w.length;
    this.w.bytes(ascii(s));
    this.w.u8(0);
    this.seen.set(s, at);
    return at;
  }
  finish(): Uint8Array {
    return this.w.finish();
  }
}

/** BTF describing `struct { __uint(type, LRU_HASH); __uint(max_entries, N); __type(key, u64); __type(value, u64); } NAME SEC(".maps")`. */
export function mapBtf(name: string, maxEntries: number): Uint8Array {
  const strings = new StringTable();
  const t = new ByteWriter();
  const type = (nameOff: number, kind: number, vlen: number, sizeOrType: number): void => {
    t.u32le(nameOff);
    t.u32le(((kind & 0x1f) << 24) | (vlen & 0xffff));
    t.u32le(sizeOrType);
  };
  const INT = 1;
  const PTR = 2;
  const ARRAY = 3;
  const STRUCT = 4;
  const VAR = 14;
  const DATASEC = 15;
  type(strings.add('int'), INT, 0, 4); // 1
  t.u32le((1 << 24) | 32); // signed, 32 bits
  type(0, ARRAY, 0, 0); // 2: int[LRU_HASH]
  t.u32le(1);
  t.u32le(1);
  t.u32le(BPF_MAP_TYPE_LRU_HASH);
  type(0, PTR, 0, 2); // 3
  type(0, ARRAY, 0, 0); // 4: int[maxEntries]
  t.u32le(1);
  t.u32le(1);
  t.u32le(maxEntries);
  type(0, PTR, 0, 4); // 5
  type(strings.add('unsigned long long'), INT, 0, 8); // 6
  t.u32le(64);
  type(0, PTR, 0, 6); // 7
  type(0, STRUCT, 4, MAP_DEF_SIZE); // 8
  const members: [string, number][] = [
    ['type', 3],
    ['max_entries', 5],
    ['key', 7],
    ['value', 7],
  ];
  members.forEach(([m, id], k) => {
    t.u32le(strings.add(m));
    t.u32le(id);
    t.u32le(k * 64);
  });
  type(strings.add(name), VAR, 0, 8); // 9
  t.u32le(1); // global
  type(strings.add('.maps'), DATASEC, 1, MAP_DEF_SIZE); // 10
  t.u32le(9);
  t.u32le(0);
  t.u32le(MAP_DEF_SIZE);
  const types = t.finish();
  const str = strings.finish();
  const out = new ByteWriter();
  out.u16le(0xeb9f);
  out.u8(1);
  out.u8(0);
  out.u32le(24);
  out.u32le(0);
  out.u32le(types.length);
  out.u32le(types.length);
  out.u32le(str.length);
  out.bytes(types);
  out.bytes(str);
  return out.finish();
}

interface Section {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly data: Uint8Array;
  readonly align: number;
  link?: number;
  info?: number;
  readonly entsize?: number;
}

/** Write the object file. */
export function writeEbpfElf(options: ElfOptions): Uint8Array {
  const names = new StringTable();
  const sections: Section[] = [{ name: '', type: 0, flags: 0, data: new Uint8Array(0), align: 0 }];
  const add = (s: Section): number => {
    sections.push(s);
    return sections.length - 1;
  };
  const strtabIndex = add({ name: '.strtab', type: SHT_STRTAB, flags: 0, data: new Uint8Array(0), align: 1 });
  const symbols: { name: string; info: number; shndx: number; size: number }[] = [];
  const relocs: { section: number; entries: number[] }[] = [];
  let mapSymbol = -1;
  if (options.map !== undefined) {
    const mapsIndex = add({ name: '.maps', type: SHT_PROGBITS, flags: SHF_WRITE | SHF_ALLOC, data: new Uint8Array(MAP_DEF_SIZE), align: 8 });
    symbols.push({ name: options.map.name, info: (STB_GLOBAL << 4) | STT_OBJECT, shndx: mapsIndex, size: MAP_DEF_SIZE });
    mapSymbol = symbols.length; // symbol 0 is the null symbol
  }
  for (const p of options.programs) {
    const code = encodeEbpf(p.program.insns);
    const index = add({ name: p.section, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: code, align: 8 });
    symbols.push({ name: p.name, info: (STB_GLOBAL << 4) | STT_FUNC, shndx: index, size: code.length });
    if (p.program.mapLoads.length > 0) {
      if (mapSymbol < 0) throw new Error(`program ${p.name} loads a map but the object defines none`);
      relocs.push({ section: index, entries: p.program.mapLoads.map((n) => n * 8) });
    }
  }
  const license = ascii((options.license ?? 'Dual MIT/GPL') + '\0');
  const licenseIndex = add({ name: 'license', type: SHT_PROGBITS, flags: SHF_WRITE | SHF_ALLOC, data: license, align: 1 });
  symbols.push({ name: '_license', info: (STB_GLOBAL << 4) | STT_OBJECT, shndx: licenseIndex, size: license.length });
  if (options.map !== undefined) add({ name: '.BTF', type: SHT_PROGBITS, flags: 0, data: mapBtf(options.map.name, options.map.maxEntries), align: 4 });

  const symtab = new ByteWriter();
  for (let k = 0; k < 24; k++) symtab.u8(0);
  for (const s of symbols) {
    symtab.u32le(names.add(s.name));
    symtab.u8(s.info);
    symtab.u8(0);
    symtab.u16le(s.shndx);
    symtab.u64le(0n);
    symtab.u64le(BigInt(s.size));
  }
  const symtabIndex = add({ name: '.symtab', type: SHT_SYMTAB, flags: 0, data: symtab.finish(), align: 8, link: strtabIndex, info: 1, entsize: 24 });
  for (const r of relocs) {
    const w = new ByteWriter();
    for (const offset of r.entries) {
      w.u64le(BigInt(offset));
      w.u64le((BigInt(mapSymbol) << 32n) | BigInt(R_BPF_64_64));
    }
    add({ name: `.rel${sections[r.section].name}`, type: SHT_REL, flags: 0, data: w.finish(), align: 8, link: symtabIndex, info: r.section, entsize: 16 });
  }
  const nameOffsets = sections.map((s) => names.add(s.name));
  const strtab = names.finish();
  sections[strtabIndex] = { ...sections[strtabIndex], data: strtab };

  // Layout: header, section data (aligned), section header table.
  const out = new ByteWriter(4096);
  const pad = (align: number): void => {
    while (align > 1 && out.length % align !== 0) out.u8(0);
  };
  for (let k = 0; k < 64; k++) out.u8(0);
  const offsets = sections.map((s, k) => {
    if (k === 0) return 0;
    pad(s.align);
    const at = out.length;
    out.bytes(s.data);
    return at;
  });
  pad(8);
  const shoff = out.length;
  sections.forEach((s, k) => {
    out.u32le(nameOffsets[k]);
    out.u32le(s.type);
    out.u64le(BigInt(s.flags));
    out.u64le(0n);
    out.u64le(BigInt(offsets[k]));
    out.u64le(BigInt(s.data.length));
    out.u32le(s.link ?? 0);
    out.u32le(s.info ?? 0);
    out.u64le(BigInt(s.align));
    out.u64le(BigInt(s.entsize ?? 0));
  });
  const bytes = out.finish();
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0); // ELF64, little-endian, version 1
  view.setUint16(16, 1, true); // ET_REL
  view.setUint16(18, EM_BPF, true);
  view.setUint32(20, 1, true);
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint16(52, 64, true); // e_ehsize
  view.setUint16(58, 64, true); // e_shentsize
  view.setUint16(60, sections.length, true);
  view.setUint16(62, strtabIndex, true);
  return bytes;
}
