// The compiled-code cache: compiled code is keyed by a browser-safe hash of the bytecode plus
// the tier and the options that change the generated code (instruction limit, whether a flow
// table exists). A hit is confirmed by comparing the bytes, so a hash collision can never hand
// out the wrong code. Least recently used entries go first beyond CACHE_LIMIT.

/** Most compiled programs kept. */
export const CACHE_LIMIT = 256;

/** FNV-1a over the bytes, 32 bits, as 8 hex digits. */
export function hashBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Entry {
  readonly bytes: Uint8Array;
  readonly code: unknown;
}

const entries = new Map<string, Entry[]>();
let size = 0;
const stats = { compiles: 0, hits: 0 };

/** Cached code for (key, bytes), or the result of `compile`, which is then cached. */
export function cachedCompile<T>(key: string, bytes: Uint8Array, compile: () => T): T {
  const full = `${key}:${hashBytes(bytes)}:${bytes.length}`;
  const list = entries.get(full);
  if (list !== undefined) {
    const hit = list.find((e) => sameBytes(e.bytes, bytes));
    if (hit !== undefined) {
      stats.hits++;
      // Re-insert to mark as recently used.
      entries.delete(full);
      entries.set(full, list);
      return hit.code as T;
    }
  }
  const code = compile();
  stats.compiles++;
  const next = list ?? [];
  next.push({ bytes: bytes.slice(), code });
  entries.delete(full);
  entries.set(full, next);
  size++;
  while (size > CACHE_LIMIT) {
    const oldest = entries.keys().next().value as string;
    size -= entries.get(oldest)!.length;
    entries.delete(oldest);
  }
  return code;
}

/** How many programs were compiled and how many compilations the cache saved. */
export function filterCacheStats(): { readonly compiles: number; readonly hits: number; readonly entries: number } {
  return { compiles: stats.compiles, hits: stats.hits, entries: size };
}

/** Forget every cached program (statistics too). */
export function clearFilterCache(): void {
  entries.clear();
  size = 0;
  stats.compiles = 0;
  stats.hits = 0;
}
