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
  if (text === '0') return undefined;
  const n = parsePositiveInt(text, '--flow-table', DEFAULT_FLOW_TABLE_SIZE);
  if (n > MAX_FLOW_TABLE_SIZE) throw new UsageError('ERR_USAGE', `--flow-table takes 0 to ${MAX_FLOW_TABLE_SIZE} slots, got ${n}`);
  return n;
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
}

/**
 * Stream the capture at `path` (`-` for stdin) through a reader, with a progress bar on a
 * terminal and `afterChunk` awaited between chunks (output back-pressure).
 * @throws {FilterError} ERR_IO when the file cannot be read
 */
export async function streamCapture(
  io: CliIo,
  path: string,
  options: CaptureReaderOptions,
  afterChunk?: () => Promise<void>,
  onInput?: (input: CaptureInput) => void,
): Promise<StreamResult> {
  const input = await openCaptureInput(io, path);
  onInput?.(input);
  const reader = new CaptureReader(options);
  const progress = startProgress(io, input.sizeBytes);
  let bytes = 0;
  try {
    for await (const chunk of input.chunks) {
      bytes += chunk.length;
      reader.feed(chunk);
      progress.update(bytes, reader.packets);
      if (afterChunk !== undefined) await afterChunk();
      if (reader.stopped) break;
    }
    reader.end();
    return { reader, error: undefined };
  } catch (e) {
    if (e instanceof CaptureError) return { reader, error: e.inFile(path) };
    throw e;
  } finally {
    progress.stop();
  }
}
