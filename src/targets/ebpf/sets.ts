// Set tables (INSET/INSET128) as eBPF maps: a table of values becomes a BPF_MAP_TYPE_HASH
// whose keys are the values' big-endian bytes (8 for INSET, 16 for INSET128); a table of
// intervals (IPv4/IPv6 prefixes, ranges) becomes a BPF_MAP_TYPE_LPM_TRIE whose keys are a
// u32 prefix length (host order, as the kernel reads it) and the big-endian bytes, each
// interval split into the fewest prefixes that cover it. Values are one byte, 1. The maps are
// empty when libbpf creates them: the loader fills them with these keys (`setEntries`,
// `formatSetBatch` writes them as a bpftool batch file).

import { type SetTable, keyAt } from '../../bytecode/sets.js';

export const BPF_MAP_TYPE_HASH = 1;
export const BPF_MAP_TYPE_LPM_TRIE = 11;
/** LPM tries must be created with BPF_F_NO_PREALLOC. */
export const BPF_F_NO_PREALLOC = 1;

/** One set table's map. */
export interface EbpfSetMap {
  /** Map name in the object (`vfm_set0`, ...; at most 15 characters, the kernel's limit). */
  readonly name: string;
  readonly table: number;
  readonly type: typeof BPF_MAP_TYPE_HASH | typeof BPF_MAP_TYPE_LPM_TRIE;
  readonly keySize: number;
  readonly valueSize: 1;
  readonly flags: number;
  /** The keys the loader puts in, each with the value 1; max_entries is their number. */
  readonly keys: readonly Uint8Array[];
}

/** Name of the map of set table n. */
export const setMapName = (n: number): string => `vfm_set${n}`;

function bigEndian(v: bigint, bytes: number, out: Uint8Array, at: number): void {
  for (let k = 0; k < bytes; k++) out[at + k] = Number((v >> BigInt(8 * (bytes - 1 - k))) & 0xffn);
}

/** The fewest prefixes [address, length] of a `bits`-bit space covering [lo, hi]. */
export function rangePrefixes(lo: bigint, hi: bigint, bits: number): [bigint, number][] {
  const out: [bigint, number][] = [];
  const top = 1n << BigInt(bits);
  let at = lo;
  while (at <= hi) {
    let size = 1n;
    let len = bits;
    // Grow the block while it stays aligned and inside the range.
    while (len > 0 && at % (size * 2n) === 0n && at + size * 2n - 1n <= hi && size * 2n <= top) {
      size *= 2n;
      len--;
    }
    out.push([at, len]);
    at += size;
  }
  return out;
}

/** The map of set table `n`. */
export function setMap(table: SetTable, n: number): EbpfSetMap {
  const bytes = table.wide ? 16 : 8;
  const keys: Uint8Array[] = [];
  if (table.kind === 'values') {
    for (let i = 0; i < table.count; i++) {
      const key = new Uint8Array(bytes);
      bigEndian(keyAt(table.lo, i, table.wide), bytes, key, 0);
      keys.push(key);
    }
    return { name: setMapName(n), table: n, type: BPF_MAP_TYPE_HASH, keySize: bytes, valueSize: 1, flags: 0, keys };
  }
  for (let i = 0; i < table.count; i++) {
    for (const [address, len] of rangePrefixes(keyAt(table.lo, i, table.wide), keyAt(table.hi, i, table.wide), 8 * bytes)) {
      const key = new Uint8Array(4 + bytes);
      new DataView(key.buffer).setUint32(0, len, true);
      bigEndian(address, bytes, key, 4);
      keys.push(key);
    }
  }
  return { name: setMapName(n), table: n, type: BPF_MAP_TYPE_LPM_TRIE, keySize: 4 + bytes, valueSize: 1, flags: BPF_F_NO_PREALLOC, keys };
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * The maps' contents as a bpftool batch file (`bpftool batch file F` after loading the object
 * with its maps pinned under PIN, e.g. `bpftool prog loadall OBJ /sys/fs/bpf/vfm pinmaps PIN`).
 */
export function formatSetBatch(maps: readonly EbpfSetMap[], pin = '/sys/fs/bpf/vfm_maps'): string {
  const lines: string[] = [];
  for (const m of maps) {
    lines.push(`# ${m.name}: ${m.type === BPF_MAP_TYPE_HASH ? 'BPF_MAP_TYPE_HASH' : 'BPF_MAP_TYPE_LPM_TRIE'}, key ${m.keySize} bytes, ${m.keys.length} entries`);
    for (const k of m.keys) lines.push(`map update pinned ${pin}/${m.name} key hex ${hexBytes(k)} value hex 01`);
  }
  return lines.join('\n') + '\n';
}
