// `vfm dis IN.bin [OUT.asm]`: disassemble bytecode. The default output re-assembles to the same
// bytes; --compat prints what the C vfm-dis prints. Like vfm-dis, a second positional argument
// names the output file.

import { disassemble } from '../../asm/disassemble.js';
import { checkProgramSize } from '../../bytecode/decode.js';
import { fromLegacy } from '../../bytecode/legacy.js';
import { FilterError, UsageError } from '../../diag/errors.js';
import { defineCommand } from '../command.js';
import { readInput, writeOutput } from '../io.js';
import { EXIT_OK } from '../exit-codes.js';

export const disCommand = defineCommand({
  name: 'dis',
  summary: 'disassemble bytecode into assembly that re-assembles to the same bytes',
  usage: 'IN.bin [OUT.asm]',
  options: {
    addresses: { type: 'boolean', short: 'a', help: 'show the address (pc) of each instruction in a comment column' },
    hex: { type: 'boolean', short: 'x', help: 'show the bytes of each instruction in a comment column' },
    verbose: { type: 'boolean', short: 'v', help: 'add a header and a footer with the program size and instruction count' },
    legacy: { type: 'boolean', help: "read the C project's original 33-opcode numbering" },
    compat: { type: 'boolean', help: 'print exactly what the C vfm-dis prints (does not re-assemble)' },
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT instead of standard output' },
  },
  details: 'IN.bin may be - for standard input. Exit status: 0 written, 1 unreadable program (empty, too large, bad legacy code), 2 bad usage.',
  async run(opts, positionals, io) {
    if (positionals.length < 1 || positionals.length > 2 || (positionals.length === 2 && opts.output !== undefined)) {
      throw new UsageError('ERR_USAGE', "dis takes IN.bin and an optional output file (or -o OUT); see 'vfm dis --help'");
    }
    const input = positionals[0];
    const out = opts.output ?? positionals[1] ?? '-';
    let bytes = await readInput(io, input);
    try {
      checkProgramSize(bytes);
      if (opts.legacy === true) bytes = fromLegacy(bytes);
    } catch (e) {
      throw e instanceof FilterError ? e.inFile(input) : e;
    }
    const compatVerbose = opts.compat === true && opts.verbose === true;
    if (compatVerbose) io.stderr.write(`Loaded program: ${bytes.length} bytes from '${input}'\n`);
    const text = disassemble(bytes, {
      addresses: opts.addresses,
      hex: opts.hex,
      compat: opts.compat,
      verbose: opts.verbose,
      onWarning: (w) => io.stderr.write(w + '\n'),
    });
    if (out === '-') io.stdout.write(text);
    else await writeOutput(io, out, new TextEncoder().encode(text));
    if (compatVerbose) io.stderr.write('Disassembly complete\n');
    return EXIT_OK;
  },
});
