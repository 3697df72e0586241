// What `vfm test` and `vfm filter` share: the options that pick the filter's tier, limits,
// flow table and capture format, turning them into compiled filters, and the streaming loop
// that pushes a capture through a CaptureReader with progress and back-pressure.

import { CaptureReader, type CaptureReaderOptions } from '../capture/reader.js';
import type { CaptureFormat } from '../capture/types.js';
import { CaptureError, UsageError } from '../diag/errors.js';
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
