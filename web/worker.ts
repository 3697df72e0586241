// The playground's worker: reads the capture (streamed, with progress), keeps every packet's
// frame in one arena, compiles filters (VFLisp, assembly, pcap-filter when the core has it),
// runs them over the whole capture on the tier detectTiers/createFilter pick under the page's
// Content-Security-Policy, and answers the page's questions: row summaries, one packet's
// bytes with the bytes the filter read, and the accepted packets as `vfm filter` writes them.

import {
  type CapturePacket,
  CaptureReader,
  type CaptureFormat,
  FilterError,
  FlowTable,
  DEFAULT_FLOW_TABLE_SIZE,
  PassThroughWriter,
  type SourceText,
  type Span,
  type VerifiedProgram,
  assemble,
  cbpf,
  compileVflisp,
  createFilter,
  detectTiers,
  disassemble,
  ebpf,
  flattenErrors,
  formatError,
  formatTimeOfDay,
  frameWireLength,
  linkTypeName,
  runReference,
  summarizePacket,
  verifyProgram,
  faultName,
  type PacketFilter,
} from '../src/index.js';
import * as core from '../src/index.js';
import { NS, nsHalves } from '../src/capture/timestamp.js';
import type { Diagnostic, FromWorker, Language, RowData, ToWorker } from './protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

/** Every packet of the loaded capture, column-wise, with the frames (as filters see them) in one arena. */
class PacketStore {
  count = 0;
  arena = new Uint8Array(1 << 16);
  arenaUsed = 0;
  offset = new Uint32Array(1024);
  length = new Uint32Array(1024);
  wireLength = new Uint32Array(1024);
  originalLength = new Uint32Array(1024);
  sec = new Float64Array(1024);
  nsec = new Uint32Array(1024);
  linkType = new Uint16Array(1024);

  constructor(expectedBytes: number) {
    this.arena = new Uint8Array(Math.max(1 << 16, expectedBytes));
  }

  add(p: CapturePacket): void {
    if (this.count === this.offset.length) this.growRows();
    if (this.arenaUsed + p.frameLength > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + p.frameLength));
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
    }
    const k = this.count++;
    this.arena.set(p.frame.subarray(p.frameOffset, p.frameOffset + p.frameLength), this.arenaUsed);
    this.offset[k] = this.arenaUsed;
    this.length[k] = p.frameLength;
    this.wireLength[k] = frameWireLength(p);
    this.originalLength[k] = p.originalLength;
    this.sec[k] = p.timestampSec;
    this.nsec[k] = p.timestampNsec;
    this.linkType[k] = p.dataLinkType;
    this.arenaUsed += p.frameLength;
  }

  private growRows(): void {
    const n = this.offset.length * 2;
    const grow = <T extends Uint32Array | Float64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a as never);
      return b;
    };
    this.offset = grow(this.offset, (m) => new Uint32Array(m));
    this.length = grow(this.length, (m) => new Uint32Array(m));
    this.wireLength = grow(this.wireLength, (m) => new Uint32Array(m));
    this.originalLength = grow(this.originalLength, (m) => new Uint32Array(m));
    this.sec = grow(this.sec, (m) => new Float64Array(m));
    this.nsec = grow(this.nsec, (m) => new Uint32Array(m));
    this.linkType = grow(this.linkType, (m) => new Uint16Array(m));
  }

  frame(k: number): Uint8Array {
    return this.arena.subarray(this.offset[k], this.offset[k] + this.length[k]);
  }
}

interface Compiled {
  readonly program: VerifiedProgram;
  readonly id: number;
}

let file: Blob | undefined;
let fileName = '';
let format: CaptureFormat | undefined;
let store: PacketStore | undefined;
let loading = false;
let compiled: Compiled | undefined;
let verdicts = new Int8Array(0);
let lastRunId = -1;
/** Link type of the frames filters see (pcap-filter code depends on it): Ethernet unless the capture has another. */
let filterLinkType = 1;
let lastRequest: { id: number; language: Language; source: string } | undefined;

const tiers = detectTiers();
post({ type: 'tiers', tiers: tiers.map((t) => ({ tier: t.tier, available: t.available, reason: t.reason })) });

function fatal(e: unknown): void {
  post({ type: 'fatal', message: e instanceof FilterError ? formatError(e) : String((e as Error).stack ?? e) });
}

scope.onmessage = (event) => {
  const m = event.data;
  try {
    switch (m.type) {
      case 'load':
        load(m.file, m.name).catch(fatal);
        break;
      case 'compile':
        compile(m.id, m.language, m.source);
        break;
      case 'rows':
        post({ type: 'rows', id: m.id, rows: rows(m.indices) });
        break;
      case 'packet':
        packet(m.id, m.index);
        break;
      case 'download':
        download(m.id).catch(fatal);
        break;
    }
  } catch (e) {
    fatal(e);
  }
};

/** Read the capture in chunks; progress goes to the page at most every 50 ms. */
async function load(blob: Blob, name: string): Promise<void> {
  file = blob;
  fileName = name;
  loading = true;
  const s = new PacketStore(blob.size + 4096);
  store = s;
  verdicts = new Int8Array(0);
  let warning: string | null = null;
  const reader = new CaptureReader({ onPacket: (p) => s.add(p), onWarning: (w) => (warning = w) });
  let bytes = 0;
  let lastPost = 0;
  let error: string | null = null;
  post({ type: 'progress', bytes: 0, size: blob.size, packets: 0 });
  try {
    const chunks = blob.stream().getReader();
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) break;
      if (store !== s) return; // a newer file replaced this one
      reader.feed(value);
      bytes += value.length;
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        post({ type: 'progress', bytes, size: blob.size, packets: s.count });
      }
    }
    reader.end();
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    error = formatError(e.inFile(name));
  }
  format = reader.format;
  loading = false;
  const frameLinkTypes = new Set(s.linkType.subarray(0, s.count));
  const linkType = frameLinkTypes.size === 0 || frameLinkTypes.has(1) ? 1 : [...frameLinkTypes][0];
  post({ type: 'progress', bytes: blob.size, size: blob.size, packets: s.count });
  post({
    type: 'loaded',
    name,
    packets: s.count,
    bytes: blob.size,
    format: reader.format ?? 'unknown',
    linkTypes: reader.linkTypes.map((t) => `${t} (${linkTypeName(t)})`).join(', ') || 'none',
    error,
    warning,
  });
  if (lastRequest?.language === 'pcap' && linkType !== filterLinkType) {
    filterLinkType = linkType;
    compile(lastRequest.id, lastRequest.language, lastRequest.source);
  } else if (compiled !== undefined) run(compiled);
  filterLinkType = linkType;
}

const SOURCE_NAMES: Record<Language, string> = { vflisp: 'filter.vfl', asm: 'filter.vfm', pcap: 'filter.pcap' };

interface PcapCompiler {
  (expr: string, options: { linkType: number; snaplen: number; sourceName: string }): { bytes: Uint8Array; source?: SourceText };
}

/** The pcap-filter front end (issue 12), when this build of the core has it. */
const PCAP_ENTRY = 'compilePcapFilter';
const pcapFront = (core as unknown as Record<string, unknown>)[PCAP_ENTRY] as PcapCompiler | undefined;

/** Bytecode for the source, or the errors with their places in it. */
function toBytecode(language: Language, source: string): { bytes: Uint8Array; spans?: ReadonlyMap<number, Span>; text?: SourceText; warnings: readonly FilterError[] } {
  const name = SOURCE_NAMES[language];
  switch (language) {
    case 'vflisp': {
      const c = compileVflisp(source, name);
      return { bytes: c.bytes, spans: c.spans, text: c.source, warnings: c.warnings };
    }
    case 'asm': {
      const a = assemble(source, name);
      return { bytes: a.bytes, spans: a.spans, text: a.source, warnings: [] };
    }
    case 'pcap': {
      if (typeof pcapFront !== 'function') throw new PcapUnavailable();
      // Filters see the frames as presented (Ethernet for cooked, raw-IP and loopback captures).
      const r = pcapFront(source, { linkType: filterLinkType, snaplen: 262144, sourceName: name });
      return { bytes: r.bytes, text: r.source, warnings: [] };
    }
  }
}

class PcapUnavailable extends Error {
  constructor() {
    super('pcap-filter expressions are not available in this build: the pcap-filter front end is not part of the core yet; choose VFLisp or VFM assembly');
  }
}

function diagnostic(err: FilterError, source: string, spans: ReadonlyMap<number, Span> | undefined, text: SourceText | undefined): Diagnostic {
  const src = err.where.source ?? text;
  let span = err.where.span;
  // A verifier error names a pc: the assembler and compilers know which source span emitted it.
  if (span === undefined && err.where.pc !== undefined) span = spans?.get(err.where.pc);
  span ??= { start: 0, end: source.length };
  const placed = err.where.span === undefined && src !== undefined ? new FilterError(err.code, err.message, { ...err.where, span, source: src }) : err;
  const pos = src?.position(span.start) ?? { line: 1, col: span.start + 1 };
  return { from: span.start, to: Math.max(span.end, span.start), line: pos.line, col: pos.col, code: err.code, message: err.message, text: formatError(placed) };
}

function compile(id: number, language: Language, source: string): void {
  lastRequest = { id, language, source };
  let spans: ReadonlyMap<number, Span> | undefined;
  let text: SourceText | undefined;
  try {
    const built = toBytecode(language, source);
    spans = built.spans;
    text = built.text;
    const program = verifyProgram(built.bytes);
    const lowered = lowerings(program);
    compiled = { program, id };
    post({
      type: 'compiled',
      id,
      ok: true,
      diagnostics: [],
      warnings: built.warnings.map((w) => diagnostic(w, source, spans, text)),
      disassembly: disassemble(program.bytes),
      cbpf: lowered.cbpf,
      ebpf: lowered.ebpf,
      programBytes: program.bytes.length,
      stateful: program.usesFlowTable,
    });
    if (!loading && store !== undefined) run(compiled);
  } catch (e) {
    let diagnostics: Diagnostic[];
    if (e instanceof PcapUnavailable) diagnostics = [{ from: 0, to: source.length, line: 1, col: 1, code: 'ERR_UNAVAILABLE', message: e.message, text: e.message }];
    else if (e instanceof FilterError) diagnostics = flattenErrors(e).map((x) => diagnostic(x, source, spans, text));
    else throw e;
    compiled = undefined;
    post({ type: 'compiled', id, ok: false, diagnostics, warnings: [], disassembly: '', cbpf: '', ebpf: '', programBytes: 0, stateful: false });
  }
}

/** The classic BPF (`tcpdump -d` style) and eBPF listings, or why the program does not lower. */
function lowerings(program: VerifiedProgram): { cbpf: string; ebpf: string } {
  const why = (e: unknown): string => {
    if (!(e instanceof FilterError)) throw e;
    return `; not lowered: ${formatError(e)}`;
  };
  let c: string;
  let b: string;
  try {
    c = cbpf.formatCbpfListing(cbpf.compileCbpf(program).insns);
  } catch (e) {
    c = why(e);
  }
  try {
    b = ebpf.formatEbpfObject(ebpf.compileEbpf(program));
  } catch (e) {
    b = why(e);
  }
  return { cbpf: c, ebpf: b };
}

function newFlowTable(program: VerifiedProgram): FlowTable | undefined {
  return program.usesFlowTable ? new FlowTable(DEFAULT_FLOW_TABLE_SIZE) : undefined;
}

/** One pass over every packet, as `vfm test` does (timestamp and wire length per packet); verdicts into `out` when given. */
function pass(s: PacketStore, filter: PacketFilter, out: Int8Array | undefined): { accepted: number; dropped: number; errors: number } {
  let accepted = 0;
  let dropped = 0;
  let errors = 0;
  const arena = s.arena;
  for (let k = 0; k < s.count; k++) {
    nsHalves(s.sec[k], s.nsec[k]);
    const status = filter.execAt(arena, s.offset[k], s.length[k], NS.hi, NS.lo, s.wireLength[k]);
    if (status > 0) accepted++;
    else if (status === 0) dropped++;
    else errors++;
    if (out !== undefined) out[k] = status > 0 ? 1 : status;
  }
  return { accepted, dropped, errors };
}

/** Least time spent timing a filter: small captures are run again (with fresh flow tables) until it is reached. */
const TIMING_MS = 60;

/** Run the filter over the capture; the speed is the mean of the timed passes after the first (warm-up) one. */
function run(c: Compiled): void {
  const s = store!;
  const filter: PacketFilter = createFilter(c.program, { flowTable: newFlowTable(c.program) });
  const out = new Int8Array(s.count);
  let started = performance.now();
  const counts = pass(s, filter, out);
  let elapsedMs = performance.now() - started;
  let passes = 1;
  if (elapsedMs < TIMING_MS && s.count > 0) {
    // Stateless filters run again as they are; stateful ones get a fresh filter and flow table per pass, made outside the timing.
    let total = 0;
    passes = 0;
    while (total < TIMING_MS) {
      const again = c.program.usesFlowTable ? createFilter(c.program, { tier: filter.tier, flowTable: newFlowTable(c.program) }) : filter;
      started = performance.now();
      pass(s, again, undefined);
      total += performance.now() - started;
      passes++;
    }
    elapsedMs = total / passes;
  }
  verdicts = out;
  lastRunId = c.id;
  const copy = out.slice();
  post({ type: 'ran', id: c.id, total: s.count, ...counts, elapsedMs, tier: filter.tier, flow: filter.flowTable?.stats() ?? null, verdicts: copy }, [copy.buffer]);
}

/** Row data of the packet list for the given packet indices (0-based). */
function rows(indices: Uint32Array): RowData[] {
  const s = store;
  if (s === undefined) return [];
  const out: RowData[] = [];
  for (const k of indices) {
    if (k >= s.count) continue;
    const sum = summarizePacket(s.arena, s.offset[k], s.length[k], s.linkType[k], s.originalLength[k]);
    const withPorts = (addr: string, port: number): string => (port >= 0 ? `${addr}.${port}` : addr);
    const m = /^((?:vlan [^,]*, p \d+, (?:DEI, )?)*)(?:IP6? \S+ > \S+?: )(.*)$/.exec(sum.text);
    out.push({
      index: k,
      time: formatTimeOfDay(s.sec[k], s.nsec[k]),
      src: withPorts(sum.src, sum.srcPort),
      dst: withPorts(sum.dst, sum.dstPort),
      protocol: sum.protocol || '?',
      length: s.originalLength[k],
      info: m === null ? sum.text : m[1] + m[2],
    });
  }
  return out;
}

/** One packet: its bytes, its summary, and which bytes the filter's loads touched (reference run). */
function packet(id: number, k: number): void {
  const s = store;
  if (s === undefined || k >= s.count) return;
  const bytes = s.frame(k).slice();
  const read = new Uint8Array(bytes.length);
  const sum = summarizePacket(bytes, 0, bytes.length, s.linkType[k], s.originalLength[k]);
  let verdict = 'no filter';
  let readNote = '';
  if (compiled !== undefined) {
    // A proxy records every packet byte the reference machine reads (loads, header walks, hashes).
    const traced = new Proxy(bytes, {
      get(target, key) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) {
          const i = Number(key);
          if (i < read.length) read[i] = 1;
          return target[i];
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const result = runReference(compiled.program.bytes, traced, {
      flowTable: newFlowTable(compiled.program),
      timestampNs: BigInt(s.sec[k]) * 1_000_000_000n + BigInt(s.nsec[k]),
      wireLength: s.wireLength[k],
    });
    const v = verdicts[k];
    verdict = v > 0 ? 'accepted' : v === 0 ? 'dropped' : `error ${faultName(v) ?? v}`;
    if (result.kind === 'fault' && v >= 0) verdict += ` (a run with an empty flow table faults: ${result.name} at pc ${result.pc})`;
    readNote = compiled.program.usesFlowTable ? 'bytes read on a run with an empty flow table (this filter is stateful)' : '';
  }
  post({ type: 'packet', id, index: k, bytes, read, summary: sum.text, undecoded: sum.undecoded, verdict, readNote }, [bytes.buffer, read.buffer]);
}

/** The accepted packets, re-read from the file and copied record by record as `vfm filter` does. */
async function download(id: number): Promise<void> {
  if (file === undefined || lastRunId < 0) return;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const writer = new PassThroughWriter((c) => {
    chunks.push(c.slice());
    size += c.length;
  });
  const v = verdicts;
  const reader = new CaptureReader({
    onPacket: (p) => {
      if (v[p.index - 1] > 0) writer.writePacket(p);
    },
    onMeta: writer.writeMeta,
  });
  try {
    const r = file.stream().getReader();
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      reader.feed(value);
    }
    reader.end();
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
  }
  writer.flush();
  const data = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  post({ type: 'download', id, data, packets: writer.packets, extension: format ?? 'pcap' }, [data.buffer]);
}

