// `vfm asm IN.vfm [-o OUT.bin]`: assemble, verify (unless --no-verify) and write the bytecode.
// Nothing is written when the source has an error or the program fails verification; a
// verifier error is shown at the source line of the instruction it names.

import { assemble } from '../../asm/assemble.js';
import { AsmError, FilterError, UsageError } from '../../diag/errors.js';
import { verifyProgram } from '../../verify/verify.js';
import { defineCommand } from '../command.js';
import { readInput, refuseBinaryOnTerminal, writeOutput } from '../io.js';
import { extensionOf } from '../load-filter.js';
import { EXIT_OK } from '../exit-codes.js';

/** IN.vfm -> IN.bin; any other name gets `.bin` appended; standard input goes to standard output. */
export function defaultAsmOutput(input: string): string {
  if (input === '-') return '-';
  return (extensionOf(input) === '.vfm' ? input.slice(0, -4) : input) + '.bin';
}

export const asmCommand = defineCommand({
  name: 'asm',
  summary: 'assemble VFM assembly (.vfm) into bytecode and verify it',
  usage: 'IN.vfm [-o OUT.bin]',
  options: {
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write the bytecode to OUT (default: IN with extension .bin; - for standard output)' },
    'no-verify': { type: 'boolean', help: 'write the bytecode without running the verifier' },
    compat: { type: 'boolean', help: 'accept only the language of the C vfm-asm (no extensions)' },
  },
  details:
    'The language is described in docs/assembly.md. Every error is reported as FILE:LINE:COL with the\n' +
    'source line; on any error nothing is written. Exit status: 0 written, 1 rejected, 2 bad usage.',
  async run(opts, positionals, io) {
    if (positionals.length !== 1) {
      throw new UsageError('ERR_USAGE', `asm takes exactly one IN.vfm argument, got ${positionals.length}; see 'vfm asm --help'`);
    }
    const input = positionals[0];
    const out = opts.output ?? defaultAsmOutput(input);
    if (out === input && out !== '-') throw new UsageError('ERR_USAGE', `output '${out}' would overwrite the input; give another name with -o`);
    refuseBinaryOnTerminal(io, out, 'binary bytecode', 'use -o FILE, or pipe it (vfm asm IN.vfm -o - | vfm dis -)');
    const text = new TextDecoder().decode(await readInput(io, input));
    const result = assemble(text, input, { compat: opts.compat });
    if (result.bytes.length === 0) throw new AsmError('ERR_ASM_EMPTY', 'empty program: the source has no instructions', { file: input });
    if (opts['no-verify'] !== true) {
      try {
        verifyProgram(result.bytes);
      } catch (e) {
        if (e instanceof FilterError && e.where.pc !== undefined) {
          const span = result.spans.get(e.where.pc);
          e.where = span !== undefined ? { ...e.where, span, source: result.source } : { ...e.where, file: input };
        }
        throw e;
      }
    }
    await writeOutput(io, out, result.bytes);
    const n = result.insnCount;
    const note = opts['no-verify'] === true ? ' (not verified)' : '';
    // With -o - the bytecode owns standard output, so the summary goes to standard error.
    (out === '-' ? io.stderr : io.stdout).write(
      `${input}: ${result.bytes.length} bytes, ${n} instruction${n === 1 ? '' : 's'} -> ${out}${note}\n`,
    );
    return EXIT_OK;
  },
});
