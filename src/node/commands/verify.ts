// `vfm verify FILTER`: run the sound verifier and report the facts it established.

import { defineCommand } from '../command.js';
import { FILTER_SOURCE_OPTIONS, takeVerifiedFilter } from '../load-filter.js';
import { EXIT_OK } from '../exit-codes.js';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'check that a program is safe to run (exit 0 when valid, else the reason)',
  usage: 'FILTER | -e EXPR',
  options: {
    legacy: { type: 'boolean', help: 'read .bin bytecode with the C project\'s original 33-opcode numbering' },
    quiet: { type: 'boolean', short: 'q', help: 'print nothing when the program is valid' },
    ...FILTER_SOURCE_OPTIONS,
  },
  details: "FILTER is raw bytecode (.bin), assembly (.vfm), VFLisp (.vfl) or a tcpdump expression (recognised by content; --lang forces), or give the filter inline with -e 'EXPR' (tcpdump), -F FILE or --lisp 'EXPR'.",
  async run(opts, positionals, io) {
    const { program: vp, label: path, rest } = await takeVerifiedFilter(io, opts, positionals, 'verify');
    if (rest.length > 0) throw new UsageError('ERR_USAGE', `verify takes one filter; unexpected argument '${rest[0]}'; see 'vfm verify --help'`);
    const bytes = vp.bytes;
    if (opts.quiet !== true) {
      const loops = vp.hasBackwardJumps
        ? 'has backward jumps (bounded by the instruction limit at run time)'
        : `no backward jumps (longest path ${vp.maxPathLength} instructions)`;
      io.stdout.write(`${path}: valid: ${bytes.length} bytes, ${vp.insns.length} instructions, max stack depth ${vp.maxDepth}, ${loops}\n`);
    }
    return EXIT_OK;
  },
});

import { UsageError } from '../../diag/errors.js';

/** Exactly one positional argument, or a usage error naming the command. */
export function requireOne(positionals: string[], command: string): string {
  if (positionals.length !== 1) {
    throw new UsageError('ERR_USAGE', `${command} takes exactly one FILTER argument, got ${positionals.length}; see 'vfm ${command} --help'`);
  }
  return positionals[0];
}
