// The ELF relocatable object for eBPF programs (EM_BPF, little-endian), laid out like
// clang's output so that libbpf, bpftool and llvm-objdump read it: one executable section per
// program (`socket`, `xdp`) with a global function symbol, a `license` section, and for the
// flow table and each set table a BTF-defined map in `.maps` (libbpf 1.0 dropped the legacy
// BTF-less `maps` section) with the `.rel<section>` entries that point each map `lddw` at it.

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
  /**
   * The maps, in `.maps` order: the flow table (BPF_MAP_TYPE_LRU_HASH, u64 -> u64) when some
   * program uses it, then one map per set table. A program's `mapLoads` name the flow map,
   * its `setLoads` the set maps by table number (`setMaps[table]` is the map's index here).
   */
  readonly maps?: readonly ElfMap[];
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

/** A map of the object: the flow table (u64 keys and values, as BTF types) or a set (sizes only). */
export type ElfMap =
  | { readonly kind: 'flow'; readonly name: string; readonly maxEntries: number }
  | { readonly kind: 'set'; readonly name: string; readonly type: number; readonly maxEntries: number; readonly keySize: number; readonly valueSize: number; readonly flags: number };

/** Bytes of a map's definition in `.maps`: one pointer a member. */
const defSize = (m: ElfMap): number => (m.kind === 'flow' ? MAP_DEF_SIZE : 40);

/**
 * BTF describing the maps as libbpf's BTF-defined maps in `.maps`: the flow table as
 * `struct { __uint(type, LRU_HASH); __uint(max_entries, N); __type(key, u64); __type(value, u64); }`,
 * a set as `struct { __uint(type, T); __uint(max_entries, N); __uint(key_size, K); __uint(value_size, 1); __uint(map_flags, F); }`
 * (sizes, not types: an LPM trie's key type would have to be a struct).
 */
export function mapBtf(maps: readonly ElfMap[]): Uint8Array {
  const strings = new StringTable();
  const t = new ByteWriter();
  let nextId = 1;
  const type = (nameOff: number, kind: number, vlen: number, sizeOrType: number): number => {
    t.u32le(nameOff);
    t.u32le(((kind & 0x1f) << 24) | (vlen & 0xffff));
    t.u32le(sizeOrType);
    return nextId++;
  };
  const INT = 1;
  const PTR = 2;
  const ARRAY = 3;
  const STRUCT = 4;
  const VAR = 14;
  const DATASEC = 15;
  const int = type(strings.add('int'), INT, 0, 4); // 1
  t.u32le((1 << 24) | 32); // signed, 32 bits
  /** `int (*)[n]`: the __uint(name, n) idiom. */
  const uintPtr = (n: number): number => {
    const arr = type(0, ARRAY, 0, 0);
    t.u32le(int);
    t.u32le(int);
    t.u32le(n);
    return type(0, PTR, 0, arr);
  };
  const vars: number[] = [];
  for (const m of maps) {
    let members: [string, number][];
    if (m.kind === 'flow') {
      const typePtr = uintPtr(BPF_MAP_TYPE_LRU_HASH);
      const maxPtr = uintPtr(m.maxEntries);
      const ull = type(strings.add('unsigned long long'), INT, 0, 8);
      t.u32le(64);
      const ullPtr = type(0, PTR, 0, ull);
      members = [
        ['type', typePtr],
        ['max_entries', maxPtr],
        ['key', ullPtr],
        ['value', ullPtr],
      ];
    } else {
      members = [
        ['type', uintPtr(m.type)],
        ['max_entries', uintPtr(m.maxEntries)],
        ['key_size', uintPtr(m.keySize)],
        ['value_size', uintPtr(m.valueSize)],
        ['map_flags', uintPtr(m.flags)],
      ];
    }
    const struct = type(0, STRUCT, members.length, defSize(m));
    members.forEach(([name, id], k) => {
      t.u32le(strings.add(name));
      t.u32le(id);
      t.u32le(k * 64);
    });
    vars.push(type(strings.add(m.name), VAR, 0, struct));
    t.u32le(1); // global
  }
  const total = maps.reduce((n, m) => n + defSize(m), 0);
  type(strings.add('.maps'), DATASEC, maps.length, total);
  let offset = 0;
  maps.forEach((m, k) => {
    t.u32le(vars[k]);
    t.u32le(offset);
    t.u32le(defSize(m));
    offset += defSize(m);
  });
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
  const symbols: { name: string; info: number; shndx: number; size: number; value: number }[] = [];
  const relocs: { section: number; entries: [number, number][] }[] = [];
  const maps = options.maps ?? [];
  /** Symbol index of each map (symbol 0 is the null symbol). */
  const mapSymbols: number[] = [];
  if (maps.length > 0) {
    const size = maps.reduce((n, m) => n + defSize(m), 0);
    const mapsIndex = add({ name: '.maps', type: SHT_PROGBITS, flags: SHF_WRITE | SHF_ALLOC, data: new Uint8Array(size), align: 8 });
    let offset = 0;
    for (const m of maps) {
      symbols.push({ name: m.name, info: (STB_GLOBAL << 4) | STT_OBJECT, shndx: mapsIndex, size: defSize(m), value: offset });
      mapSymbols.push(symbols.length);
      offset += defSize(m);
    }
  }
  const flowSymbol = mapSymbols[maps.findIndex((m) => m.kind === 'flow')];
  const setSymbols = mapSymbols.filter((_, k) => maps[k].kind === 'set');
  for (const p of options.programs) {
    const code = encodeEbpf(p.program.insns);
    const index = add({ name: p.section, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: code, align: 8 });
    symbols.push({ name: p.name, info: (STB_GLOBAL << 4) | STT_FUNC, shndx: index, size: code.length, value: 0 });
    const entries: [number, number][] = [];
    if (p.program.mapLoads.length > 0) {
      if (flowSymbol === undefined) throw new Error(`program ${p.name} loads the flow map but the object defines none`);
      for (const n of p.program.mapLoads) entries.push([n * 8, flowSymbol]);
    }
    for (const [n, table] of p.program.setLoads) {
      const sym = setSymbols[table];
      if (sym === undefined) throw new Error(`program ${p.name} loads set map ${table} but the object defines none`);
      entries.push([n * 8, sym]);
    }
    if (entries.length > 0) relocs.push({ section: index, entries: entries.sort((a, b) => a[0] - b[0]) });
  }
  const license = ascii((options.license ?? 'Dual MIT/GPL') + '\0');
  const licenseIndex = add({ name: 'license', type: SHT_PROGBITS, flags: SHF_WRITE | SHF_ALLOC, data: license, align: 1 });
  symbols.push({ name: '_license', info: (STB_GLOBAL << 4) | STT_OBJECT, shndx: licenseIndex, size: license.length, value: 0 });
  if (maps.length > 0) add({ name: '.BTF', type: SHT_PROGBITS, flags: 0, data: mapBtf(maps), align: 4 });

  const symtab = new ByteWriter();
  for (let k = 0; k < 24; k++) symtab.u8(0);
  for (const s of symbols) {
    symtab.u32le(names.add(s.name));
    symtab.u8(s.info);
    symtab.u8(0);
    symtab.u16le(s.shndx);
    symtab.u64le(BigInt(s.value));
    symtab.u64le(BigInt(s.size));
  }
  const symtabIndex = add({ name: '.symtab', type: SHT_SYMTAB, flags: 0, data: symtab.finish(), align: 8, link: strtabIndex, info: 1, entsize: 24 });
  for (const r of relocs) {
    const w = new ByteWriter();
    for (const [offset, symbol] of r.entries) {
      w.u64le(BigInt(offset));
      w.u64le((BigInt(symbol) << 32n) | BigInt(R_BPF_64_64));
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
