// `vfm lisp` (alias `vflispc`): compile VFLisp with the original tool's flags: -e EXPR or a
// file, -o OUT.bin (else raw bytes to stdout), -a syntax tree, -d disassembly (re-assemblable,
// with addresses), -t run on the
// built-in sample packet, -v progress lines. -a stops before compiling; -d and -t write
// no bytecode.

import { FilterError, UsageError, formatError } from '../../diag/errors.js';
import { MAX_LISTED_ERRORS } from '../../diag/limits.js';
import { disassemble } from '../../asm/disassemble.js';
import { FIELDS } from '../../lang/fields.js';
import { FORMS, RESERVED_FORMS } from '../../lang/forms.js';
import { verifyProgram } from '../../verify/verify.js';
import { createFilter } from '../../tiers/select.js';
import { describeFault } from '../../diag/codes.js';
import { defineCommand } from '../command.js';
import { readInput, readSetFileText, refuseBinaryOnTerminal, writeOutput } from '../io.js';
import { EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';

/** The `-t` packet of the C tool: IPv4 TCP SYN 192.168.1.100:1234 -> 8.8.8.8:80, 54 bytes. */
export const SAMPLE_PACKET = new Uint8Array([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00,
  0x45, 0x00, 0x00, 0x3c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 192, 168, 1, 100, 8, 8, 8, 8,
  0x04, 0xd2, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x72, 0x10, 0, 0, 0, 0,
]);

function helpDetails(): string {
  const forms = FORMS.map((f) => `  ${f.usage.padEnd(40)} ${f.doc}`);
  const fields = FIELDS.map((f) => `  ${f.name.padEnd(14)} ${f.doc}`);
  return [
    'Exactly one of -e EXPR or FILE. Without -o the raw bytecode goes to standard output.',
    'Literals: 42, -1, 0x800, 0b101, 192.0.2.1, 10.0.0.0/8, 2001:db8::1, 2001:db8::/32; ; starts a comment.',
    '',
    'functions:',
    ...forms,
    ...(RESERVED_FORMS.size > 0 ? [`  reserved (not supported yet): ${[...RESERVED_FORMS.keys()].join(', ')}`] : []),
    '',
    'fields (a comparison that reads a field the packet lacks is false):',
    ...fields,
    '',
    'See docs/vflisp.md for the full reference.',
  ].join('\n');
}

export const lispCommand = defineCommand({
  name: 'lisp',
  aliases: ['vflispc'],
  summary: 'compile a VFLisp filter to verified bytecode',
  usage: '[-e EXPR | FILE.vfl] [options]',
  options: {
    expression: { type: 'string', short: 'e', arg: 'EXPR', help: 'compile EXPR instead of a file' },
    output: { type: 'string', short: 'o', arg: 'FILE', help: 'write the bytecode to FILE' },
    ast: { type: 'boolean', short: 'a', help: 'print the syntax tree and stop' },
    disasm: { type: 'boolean', short: 'd', help: 'print the disassembly with addresses (no bytecode output)' },
    test: { type: 'boolean', short: 't', help: 'run on the built-in IPv4 TCP SYN packet (no bytecode output)' },
    verbose: { type: 'boolean', short: 'v', help: 'print each step' },
  },
  get details() {
    return helpDetails();
  },
  async run(opts, positionals, io) {
    if (opts.expression !== undefined && positionals.length > 0) throw new UsageError('ERR_USAGE', 'cannot specify both -e and an input file');
    if (positionals.length > 1) throw new UsageError('ERR_USAGE', `lisp takes at most one input file, got ${positionals.length}`);
    if (opts.expression === undefined && positionals.length === 0) {
      throw new UsageError('ERR_USAGE', "no input: give -e EXPR or a FILE.vfl; see 'vfm lisp --help'");
    }
    const verbose = opts.verbose === true;
    const say = (line: string): void => {
      if (verbose) io.stdout.write(line + '\n');
    };
    let text: string;
    let name: string;
    if (opts.expression !== undefined) {
      text = opts.expression;
      name = '<expr>';
      say(`Parsing expression: ${text}`);
    } else {
      name = positionals[0];
      say(`Parsing file: ${name}`);
      text = new TextDecoder().decode(await readInput(io, name));
    }
    if (opts.ast === true) {
      const { formatAst, parseVflisp } = await import('../../lang/compile.js');
      io.stdout.write(`Abstract Syntax Tree:\n${formatAst(parseVflisp(text, name))}\n`);
      return EXIT_OK;
    }
    say('Compiling to bytecode...');
    // Loaded on use, so other commands start without the compiler.
    const { compileVflisp } = await import('../../lang/compile.js');
    const compiled = compileVflisp(text, name, { readFile: readSetFileText });
    for (const w of compiled.warnings.slice(0, MAX_LISTED_ERRORS)) io.stderr.write(formatError(w).replace(': error ', ': warning ') + '\n');
    if (compiled.warnings.length > MAX_LISTED_ERRORS) io.stderr.write(`... and ${compiled.warnings.length - MAX_LISTED_ERRORS} more warnings\n`);
    const bytes = compiled.bytes;
    say(`Compilation successful (${bytes.length} bytes)`);
    const program = verifyProgram(bytes);
    say('Bytecode verification passed');
    if (opts.disasm === true) io.stdout.write(`Disassembly:\n${disassemble(bytes, { addresses: true })}\n`);
    if (opts.test === true) {
      io.stdout.write('Testing bytecode with example packet...\n');
      if (verbose) {
        io.stdout.write(`Test packet (${SAMPLE_PACKET.length} bytes):\n`);
        for (let i = 0; i < SAMPLE_PACKET.length; i += 16) {
          io.stdout.write([...SAMPLE_PACKET.subarray(i, i + 16)].map((b) => b.toString(16).padStart(2, '0') + ' ').join('') + '\n');
        }
      }
      const result = createFilter(program).run(SAMPLE_PACKET);
      if (result.kind === 'fault') {
        io.stderr.write(`Error: Filter execution failed: ${describeFault(result.code)} at pc ${result.pc}\n`);
        return EXIT_REJECTED;
      }
      say('Filter executed successfully');
      io.stdout.write(result.kind === 'accept' ? `Filter result: ACCEPT (${result.value})\n` : 'Filter result: DROP (0)\n');
    }
    if (opts.disasm === true || opts.test === true) return EXIT_OK;
    const out = opts.output ?? '-';
    refuseBinaryOnTerminal(io, out, 'binary bytecode', 'use -o FILE, -d to list it, or redirect standard output');
    if (out !== '-') {
      await writeOutput(io, out, bytes);
      io.stdout.write(`Bytecode written to ${out} (${bytes.length} bytes)\n`);
    } else {
      io.stdout.write(bytes);
    }
    return EXIT_OK;
  },
});
