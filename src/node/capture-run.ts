// What `vfm test` and `vfm filter` share: the options that pick the filter's tier, limits,
// flow table and capture format, turning them into compiled filters, and the streaming loop
// that pushes a capture through a CaptureReader with progress and back-pressure.

import { CaptureReader, type CaptureReaderOptions } from '../capture/reader.js';
import { type CaptureFormat, type CapturePacket, LINKTYPE, frameWireLength, linkTypeName, storedWireLength } from '../capture/types.js';
import { NS, nsHalves } from '../capture/timestamp.js';
import { CaptureError, CompileError, FilterError, UsageError } from '../diag/errors.js';
import type { TcpdumpSource } from './load-filter.js';
import { type PacketFilter, TIER_NAMES, type TierName, createFilter, isTierName } from '../tiers/select.js';
import { DEFAULT_FLOW_TABLE_SIZE, FlowTable, MAX_FLOW_TABLE_SIZE } from '../vm/flow-table.js';
import type { VerifiedProgram } from '../verify/verify.js';
import { type CaptureInput, openCaptureInput } from './capture-io.js';
export { batchRunner, needsTimestamps } from './batch-run.js';
import { untilAborted } from './interrupt.js';
import type { CliIo } from './io.js';
import { startProgress } from './progress.js';
import { parsePositiveInt } from './commands/run.js';

/** Options of every command that runs a filter over a capture. */
export const CAPTURE_FILTER_OPTIONS = {
  tier: { type: 'string', arg: 'NAME', help: `run on this tier: ${TIER_NAMES.join(', ')} (default: the fastest available)` },
  'no-jit': { type: 'boolean', help: 'run on the interpreter (same as --tier interpreter)' },
  legacy: { type: 'boolean', help: "read .bin bytecode with the C project's original 33-opcode numbering" },
  'insn-limit': { type: 'string', arg: 'N', help: 'instruction limit per packet (default 10000)' },
  'flow-table': { type: 'string', arg: 'N', help: `flow table of N slots, rounded up to a power of two (default ${DEFAULT_FLOW_TABLE_SIZE}; 0: none, as in the C vfm-test)` },
  format: { type: 'string', arg: 'FMT', help: 'capture format: auto (default, by magic), pcap, pcapng or pkt' },
} as const;

interface CaptureFilterOpts {
  tier?: string;
  'no-jit'?: boolean;
  'insn-limit'?: string;
  'flow-table'?: string;
  format?: string;
}

export interface FilterSetup {
  readonly insnLimit: number;
  readonly flowTableSlots: number | undefined;
  readonly tier: TierName | 'auto';
  readonly format: CaptureFormat | 'auto';
}

/** Validate the shared options. @throws {UsageError} */
export function parseFilterSetup(opts: CaptureFilterOpts): FilterSetup {
  if (opts['no-jit'] === true && opts.tier !== undefined && opts.tier !== 'interpreter') {
    throw new UsageError('ERR_USAGE', `--no-jit conflicts with --tier ${opts.tier}`);
  }
  const tierText = opts['no-jit'] === true ? 'interpreter' : (opts.tier ?? 'auto');
  if (tierText !== 'auto' && !isTierName(tierText)) {
    throw new UsageError('ERR_USAGE', `unknown tier '${tierText}'; the tiers are ${TIER_NAMES.join(', ')}`);
  }
  const format = opts.format ?? 'auto';
  if (format !== 'auto' && format !== 'pcap' && format !== 'pcapng' && format !== 'pkt') {
    throw new UsageError('ERR_USAGE', `unknown capture format '${format}'; use auto, pcap, pcapng or pkt`);
  }
  return {
    insnLimit: parsePositiveInt(opts['insn-limit'], '--insn-limit', 10000),
    flowTableSlots: flowTableSlots(opts['flow-table']),
    tier: tierText as TierName | 'auto',
    format,
  };
}

/** --flow-table: the default size when absent, none for 0. @throws {UsageError} */
function flowTableSlots(text: string | undefined): number | undefined {
  if (text === undefined) return DEFAULT_FLOW_TABLE_SIZE;
  if (!/^[0-9]+$/.test(text) || Number(text) > MAX_FLOW_TABLE_SIZE) {
    throw new UsageError('ERR_USAGE', `--flow-table takes a number of slots from 0 (no table) to ${MAX_FLOW_TABLE_SIZE}, got '${text}'`);
  }
  return Number(text) === 0 ? undefined : Number(text);
}

/** A packet count (`-c N`): a whole number from 1. @throws {UsageError} with our own message */
export function parseCount(text: string, name: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError('ERR_USAGE', `${name} takes a number of packets from 1, got '${text}'`);
  }
  return Number(text);
}

/**
 * A stateful filter run without a flow table would silently see every lookup miss and every
 * store dropped (counters that never grow): refuse it.
 * @throws {UsageError}
 */
export function checkFlowTable(program: VerifiedProgram, setup: FilterSetup): void {
  if (setup.flowTableSlots !== undefined || !program.usesFlowTable) return;
  const insn = program.insns.find((x) => x.op.family === 'flow')!;
  throw new UsageError(
    'ERR_USAGE',
    `the filter keeps per-flow state (${insn.op.name.toUpperCase()} at pc ${insn.pc}), but --flow-table 0 gives it no flow table: every lookup would miss and its counters would never grow; give a table size or leave --flow-table out`,
  );
}

/** Compile the program for `tier` with its own flow table (so tiers never share state). */
export function compileFilter(program: VerifiedProgram, setup: FilterSetup, tier: TierName | 'auto' = setup.tier): PacketFilter {
  const flowTable = setup.flowTableSlots === undefined ? undefined : new FlowTable(setup.flowTableSlots);
  return createFilter(program, { tier, insnLimit: setup.insnLimit, flowTable });
}

/**
 * The filters a run uses, by the link type of the packets. A tcpdump expression is compiled
 * for each link type it meets and runs on the stored bytes, as tcpdump runs it (so a pcapng
 * capture whose interfaces have different link types gets the right code on each); any
 * other filter is one program that sees the Ethernet presentation of SLL, raw IP, NULL and
 * LOOP packets (docs/captures.md).
 */
export class LinkFilters {
  /** True when filters run on the stored bytes (a tcpdump expression). */
  readonly stored: boolean;
  private readonly byLink = new Map<number, PacketFilter>();
  private lastLink = -1;
  private last: PacketFilter;

  constructor(
    program: VerifiedProgram,
    private readonly setup: FilterSetup,
    private readonly tier: TierName | 'auto' = setup.tier,
    private readonly tcpdump?: TcpdumpSource,
    /** Where the filter came from (messages). */
    private readonly label = 'the filter',
  ) {
    this.stored = tcpdump !== undefined;
    this.last = compileFilter(program, setup, tier);
    if (this.stored) {
      this.byLink.set(LINKTYPE.ETHERNET, this.last);
      this.lastLink = LINKTYPE.ETHERNET;
    }
  }

  /** The filter of the first link type (Ethernet before any packet): for its tier and statistics. */
  get first(): PacketFilter {
    return this.byLink.values().next().value ?? this.last;
  }

  /**
   * The filter for packets of `linkType` (as stored).
   * @throws {CompileError} when the tcpdump expression has no code for that link type
   */
  filterFor(linkType: number): PacketFilter {
    if (!this.stored || linkType === this.lastLink) return this.last;
    let f = this.byLink.get(linkType);
    if (f === undefined) {
      let program: VerifiedProgram;
      try {
        program = this.tcpdump!.forLink(linkType);
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        throw new CompileError(e.code, `cannot run ${this.label} on packets of link type ${linkType} (${linkTypeName(linkType)}): ${e.message}`, e.where);
      }
      f = compileFilter(program, this.setup, this.tier);
      this.byLink.set(linkType, f);
    }
    this.lastLink = linkType;
    this.last = f;
    return f;
  }

  /** Run the filter on a packet: its stored bytes for a tcpdump expression, else its frame. */
  exec(p: CapturePacket): number {
    nsHalves(p.timestampSec, p.timestampNsec);
    if (!this.stored) return this.last.execAt(p.frame, p.frameOffset, p.frameLength, NS.hi, NS.lo, frameWireLength(p));
    return this.filterFor(p.linkType).execAt(p.buffer, p.dataStart, p.capturedLength, NS.hi, NS.lo, storedWireLength(p));
  }

  /** The same filter on another tier, for every link type. */
  onTier(program: VerifiedProgram, tier: TierName): LinkFilters {
    return new LinkFilters(program, this.setup, tier, this.tcpdump, this.label);
  }
}

/**
 * For a run on worker threads: the tcpdump expression's program for the link type of the
 * capture at `path` (read from its first bytes; Ethernet for standard input or when unknown).
 * @throws {UsageError} for a pcapng capture whose first interfaces differ in link type
 */
export async function programForCapture(tcpdump: TcpdumpSource, program: VerifiedProgram, path: string, label: string): Promise<{ program: VerifiedProgram; linkType: number }> {
  const linkTypes = path === '-' ? [] : await probeLinkTypes(path);
  if (linkTypes.length > 1) {
    throw new UsageError('ERR_USAGE', `--workers runs ${label} compiled for one link type, but ${path} has interfaces of link types ${linkTypes.join(', ')}; run without --workers (it compiles the expression for each interface)`);
  }
  const linkType = linkTypes[0] ?? LINKTYPE.ETHERNET;
  if (linkType === LINKTYPE.ETHERNET) return { program, linkType };
  const filters = new LinkFilters(program, { insnLimit: 1, flowTableSlots: undefined, tier: 'interpreter', format: 'auto' }, 'interpreter', tcpdump, label);
  return { program: filters.filterFor(linkType).program, linkType };
}

/** Link types of the interfaces described in the first 1 MiB of a capture file (none when unreadable). */
async function probeLinkTypes(path: string): Promise<number[]> {
  const { open } = await import('node:fs/promises');
  try {
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(1 << 20);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const reader = new CaptureReader({ onPacket: () => undefined });
      try {
        reader.feed(head.subarray(0, bytesRead));
      } catch {
        // Damage after the header: the run reports it.
      }
      return reader.pcap !== undefined ? [reader.pcap.linkType] : [...reader.linkTypes];
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
}

export interface StreamResult {
  readonly reader: CaptureReader;
  /** The damage found, after every good packet was delivered. */
  readonly error: CaptureError | undefined;
  /** True when Ctrl-C ended the reading before the end of the input. */
  readonly interrupted: boolean;
}

/** What `streamCapture` reads: a path (`-` for stdin) or an opened input such as a live capture. */
export type StreamSource = string | CaptureInput;

/**
 * Stream a capture (a path, `-` for stdin, or an opened input) through a reader, with a
 * progress bar on a terminal and `afterChunk` awaited between chunks (output back-pressure).
 * Reading ends early, keeping what was read, when `signal` aborts (Ctrl-C). `onReader` gets the
 * reader before the first packet (to stop it from a packet callback).
 * @throws {FilterError} ERR_IO when the file cannot be read
 */
export async function streamCapture(
  io: CliIo,
  source: StreamSource,
  options: CaptureReaderOptions,
  afterChunk?: () => Promise<void>,
  signal?: AbortSignal,
  onReader?: (reader: CaptureReader) => void,
  onInput?: (input: CaptureInput) => void,
): Promise<StreamResult> {
  const input = typeof source === 'string' ? await openCaptureInput(io, source) : source;
  onInput?.(input);
  const label = typeof source === 'string' ? source : 'the live capture';
  const reader = new CaptureReader(options);
  onReader?.(reader);
  const progress = startProgress(io, input.sizeBytes);
  let bytes = 0;
  try {
    for await (const chunk of untilAborted(input.chunks, signal)) {
      bytes += chunk.length;
      reader.feed(chunk);
      progress.update(bytes, reader.packets);
      if (afterChunk !== undefined) await afterChunk();
      if (reader.stopped) break;
    }
    // An interrupted read may stop inside a record: that is not damage.
    if (signal?.aborted === true) return { reader, error: undefined, interrupted: true };
    reader.end();
    return { reader, error: undefined, interrupted: false };
  } catch (e) {
    if (e instanceof CaptureError) return { reader, error: e.inFile(label), interrupted: false };
    throw e;
  } finally {
    progress.stop();
  }
}
