// `vfm demo` (what `npm start` runs): every bundled example filter (examples/*.vfm, *.vfl,
// *.bin) goes through `vfm test` over the bundled examples/sample.pcap, and every stateful
// example (examples/stateful/NAME.vfl, .vfm) over its own attack capture NAME.pcap; tables of
// the results follow, then one full `vfm test -s` report as an example of the tool's output.

import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { FilterError, formatError } from '../../diag/errors.js';
import { defineCommand } from '../command.js';
import { EXIT_OK, EXIT_REJECTED } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { testCommand } from './test.js';

/** examples/ of the package. */
export const PACKAGE_EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');
const FILTER_EXTENSIONS = ['.vfm', '.vfl', '.bin'];
const SHOWCASE = 'tcp_syn_filter.vfm';

interface TestSummary {
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly tier: string;
}

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'run the bundled example filters over the bundled sample capture with vfm test',
  usage: '',
  options: {
    examples: { type: 'string', arg: 'DIR', help: 'take the filters and sample.pcap from DIR (default: the package examples)' },
  },
  async run(opts, _positionals, io) {
    const dir = opts.examples ?? PACKAGE_EXAMPLES_DIR;
    const sample = join(dir, 'sample.pcap');
    const shown = (p: string): string => relative(process.cwd(), p) || p;
    const filters = readdirSync(dir)
      .filter((f) => FILTER_EXTENSIONS.some((ext) => f.endsWith(ext)))
      .sort();
    io.stdout.write(`VFM demo: ${filters.length} example filters over ${shown(sample)}, each with 'vfm test --json'\n\n`);
    const statefulDir = join(dir, 'stateful');
    const stateful = existsSync(statefulDir)
      ? readdirSync(statefulDir)
          .filter((f) => FILTER_EXTENSIONS.some((ext) => f.endsWith(ext)) && existsSync(join(statefulDir, captureOf(f))))
          .sort()
      : [];
    const width = Math.max(6, ...filters.map((f) => f.length), ...stateful.map((f) => `stateful/${f}`.length));
    const header = `${'filter'.padEnd(width)}  ${'packets'.padStart(7)}  ${'accepted'.padStart(8)}  ${'dropped'.padStart(7)}  ${'errors'.padStart(6)}  tier\n`;
    let failures = 0;
    const row = async (label: string, filter: string, capture: string): Promise<void> => {
      const out = captureStdout(io);
      let s: TestSummary;
      try {
        await testCommand.run(testOptions({ json: true }), [filter, capture], out.io);
        s = JSON.parse(out.text()) as TestSummary;
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        failures++;
        io.stdout.write(`${label.padEnd(width)}  does not load: ${formatError(e).split('\n')[0]}\n`);
        return;
      }
      io.stdout.write(
        `${label.padEnd(width)}  ${String(s.total).padStart(7)}  ${String(s.accepted).padStart(8)}  ${String(s.dropped).padStart(7)}  ${String(s.errors).padStart(6)}  ${s.tier}\n`,
      );
    };
    io.stdout.write(header);
    for (const f of filters) await row(f, join(dir, f), sample);
    if (stateful.length > 0) {
      io.stdout.write(`\nStateful examples, each over its own capture of attack and benign traffic (flow table on):\n\n${header}`);
      for (const f of stateful) await row(`stateful/${f}`, join(statefulDir, f), join(statefulDir, captureOf(f)));
    }
    if (filters.includes(SHOWCASE)) {
      const cmd = `vfm test -s ${shown(join(dir, SHOWCASE))} ${shown(sample)}`;
      io.stdout.write(`\nThe full report of one of them, '${cmd}':\n\n`);
      await testCommand.run(testOptions({ stats: true }), [shown(join(dir, SHOWCASE)), shown(sample)], io);
    }
    return failures === 0 ? EXIT_OK : EXIT_REJECTED;
  },
});

/** examples/stateful/NAME.vfl and NAME.vfm run over NAME.pcap. */
function captureOf(filterFile: string): string {
  return filterFile.replace(/\.[a-z]+$/, '.pcap');
}

type TestOptions = Parameters<typeof testCommand.run>[0];

/** `vfm test` options with every option absent but the given ones. */
function testOptions(given: Partial<TestOptions>): TestOptions {
  return given as TestOptions;
}

/** An io whose stdout is collected (stderr and files pass through). */
function captureStdout(io: CliIo): { io: CliIo; text(): string } {
  const parts: string[] = [];
  const dec = new TextDecoder();
  return {
    io: { ...io, stdout: { write: (c) => void parts.push(typeof c === 'string' ? c : dec.decode(c)), isTTY: false } },
    text: () => parts.join(''),
  };
}
