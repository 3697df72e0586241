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
import { FILTER_SOURCE_OPTIONS, takeFilterBytes } from '../load-filter.js';

export const disCommand = defineCommand({
  name: 'dis',
  summary: 'disassemble bytecode into assembly that re-assembles to the same bytes',
  usage: "IN.bin [OUT.asm] | -e 'EXPR' [OUT.asm]",
  options: {
    addresses: { type: 'boolean', short: 'a', help: 'show the address (pc) of each instruction in a comment column' },
    hex: { type: 'boolean', short: 'x', help: 'show the bytes of each instruction in a comment column' },
    verbose: { type: 'boolean', short: 'v', help: 'add a header and a footer with the program size and instruction count' },
    legacy: { type: 'boolean', help: "read the C project's original 33-opcode numbering" },
    compat: { type: 'boolean', help: 'print exactly what the C vfm-dis prints (does not re-assemble)' },
    output: { type: 'string', short: 'o', arg: 'OUT', help: 'write to OUT instead of standard output' },
    ...FILTER_SOURCE_OPTIONS,
  },
  details: "IN.bin may be - for standard input. With -e 'EXPR' (a tcpdump expression), -F FILE, --lisp 'EXPR' or --lang, the filter is compiled first: vfm dis -e 'tcp port 80' shows the VFM code as tcpdump -d shows libpcap's. Exit status: 0 written, 1 unreadable program (empty, too large, bad legacy code), 2 bad usage.",
  async run(opts, positionals, io) {
    const compiled = opts.expression !== undefined || opts['filter-file'] !== undefined || opts.lisp !== undefined || opts.lang !== undefined;
    const filter = compiled ? await takeFilterBytes(io, opts, positionals, 'dis') : undefined;
    const args = filter?.rest ?? positionals;
    const inputs = compiled ? 0 : 1;
    if (args.length < inputs || args.length > inputs + 1 || (args.length === inputs + 1 && opts.output !== undefined)) {
      throw new UsageError('ERR_USAGE', "dis takes IN.bin (or -e 'EXPR') and an optional output file (or -o OUT); see 'vfm dis --help'");
    }
    const input = filter?.label ?? args[0];
    const out = opts.output ?? args[inputs] ?? '-';
    let bytes: Uint8Array;
    if (filter !== undefined) bytes = filter.bytes;
    else {
      bytes = await readInput(io, input);
      try {
        checkProgramSize(bytes);
        if (opts.legacy === true) bytes = fromLegacy(bytes);
      } catch (e) {
        throw e instanceof FilterError ? e.inFile(input) : e;
      }
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
