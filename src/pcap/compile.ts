// The pcap-filter front end's entry point: parse a tcpdump expression, generate code with
// libpcap's semantics for the capture's link type, refuse a filter libpcap's optimizer
// proves empty, emit VFM bytecode through the shared back end and verify it.

import { CompileError, type FilterError } from '../diag/errors.js';
import { guardCompile } from '../diag/limits.js';
import { SourceText } from '../diag/source.js';
import { type VerifiedProgram, verifyProgram } from '../verify/verify.js';
import { rejectsAll } from './analyze.js';
import { emitProgram } from './emit.js';
import { PCAP_LINK, generate } from './gen.js';
import { type Cond, TRUE } from './ir.js';
import { BUILTIN_NAMES, type PcapNames } from './names.js';
import { parsePcapFilter } from './parser.js';

/** libpcap's default snapshot length (MAXIMUM_SNAPLEN), the value returned on a match. */
export const DEFAULT_SNAPLEN = 262144;

export interface PcapFilterOptions {
  /** LINKTYPE_* of the packets: 1 Ethernet (default), 113 SLL, 276 SLL2, 101/228/229 raw IP, 0 NULL, 108 LOOP. */
  readonly linkType?: number;
  /** Snapshot length; a matching packet returns it, as libpcap's program does (default 262144). */
  readonly snaplen?: number;
  /** Protocol, service and host names (default: the built-in table, no host names). */
  readonly names?: PcapNames;
  /**
   * Refuse filters that libpcap's optimizer reports as "expression rejects all packets"
   * (default true, as pcap_compile with optimize=1; false compiles them to a drop-all program).
   */
  readonly optimize?: boolean;
  /** Name used in error positions (default `<expr>`). */
  readonly sourceName?: string;
}

export interface PcapFilterProgram {
  readonly bytes: Uint8Array;
  readonly program: VerifiedProgram;
  readonly source: SourceText;
  readonly linkType: number;
  readonly snaplen: number;
}

/**
 * The condition of a tcpdump expression (for embedding in another front end: VFLisp's
 * `(pcap "EXPR")`); Ethernet unless `linkType` says otherwise. The "rejects all packets"
 * check is not applied (the expression is one part of a larger filter).
 * @throws {FilterError} with a span in `expr`
 */
export function pcapCondition(expr: string, options: PcapFilterOptions = {}): Cond {
  const source = new SourceText(options.sourceName ?? '<pcap>', expr);
  const ast = parsePcapFilter(source);
  return ast === undefined ? TRUE : generate(ast, source, { linkType: options.linkType ?? PCAP_LINK.ETHERNET, names: options.names ?? BUILTIN_NAMES }).cond;
}

/**
 * Compile a tcpdump (pcap-filter) expression to verified VFM bytecode with libpcap's
 * verdict on every packet of the given link type. The empty expression accepts everything.
 * @throws {FilterError} ParseError (ERR_PCAP_SYNTAX, ERR_PCAP_DEPTH) or CompileError (ERR_PCAP_*) with the span of the offending text
 */
export function compilePcapFilter(expr: string, options: PcapFilterOptions = {}): PcapFilterProgram {
  const source = new SourceText(options.sourceName ?? '<expr>', expr);
  return guardCompile('the pcap-filter expression', source, { start: 0, end: expr.length }, () => compileSource(expr, source, options));
}

function compileSource(expr: string, source: SourceText, options: PcapFilterOptions): PcapFilterProgram {
  const linkType = options.linkType ?? PCAP_LINK.ETHERNET;
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > 0xffffffff) {
    throw new CompileError('ERR_PCAP_FILTER', `snaplen must be 1 to ${0xffffffff}, got ${snaplen}`, {});
  }
  const ast = parsePcapFilter(source);
  const whole = { start: 0, end: expr.length };
  const gen = ast === undefined ? { cond: TRUE, noOptimize: false } : generate(ast, source, { linkType, names: options.names ?? BUILTIN_NAMES });
  const cond = gen.cond;
  if ((options.optimize ?? true) && !gen.noOptimize && rejectsAll(cond)) {
    throw new CompileError('ERR_PCAP_EMPTY', 'expression rejects all packets', { span: whole, source });
  }
  let bytes: Uint8Array;
  try {
    bytes = emitProgram(cond, snaplen);
  } catch (e) {
    const err = e as FilterError;
    throw new CompileError(err.code === 'ERR_ASM_TOO_LARGE' || err.code === 'ERR_ASM_JUMP_RANGE' ? 'ERR_PCAP_TOO_LARGE' : err.code, `the expression compiles to a program too large for VFM: ${err.message}`, { span: whole, source });
  }
  let program: VerifiedProgram;
  try {
    program = verifyProgram(bytes);
  } catch (e) {
    const err = e as FilterError;
    throw new CompileError(err.code === 'ERR_VERIFY_OVERFLOW' ? 'ERR_PCAP_TOO_LARGE' : err.code, err.code === 'ERR_VERIFY_OVERFLOW' ? `the expression needs more than 255 stack slots: ${err.message}` : `internal compiler error, generated code failed verification: ${err.message}`, { span: whole, source });
  }
  return { bytes, program, source, linkType, snaplen };
}
