// The man page vfm(1), generated from the command registry and each command's option table
// (the same tables that drive parsing and --help), in the classic man(7) macros. The package
// installs man/vfm.1 through package.json's `man` field; `npm run gen:docs` rewrites it and a
// test fails while it is out of date.

import type { Command, OptionSpec } from './command.js';

/** Escape text for roff: backslashes, a leading dot or quote, and hyphens in option names. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .split('\n')
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join('\n');
}

function optionName(name: string, o: OptionSpec): string {
  const long = `\\-\\-${name.replace(/-/g, '\\-')}`;
  const short = o.short !== undefined ? `\\-${o.short}, ` : '';
  const arg = o.type === 'string' ? ` \\fI${roff(o.arg ?? 'VALUE')}\\fR` : '';
  return `\\fB${short}${long}\\fR${arg}`;
}

export interface ManPageInfo {
  readonly name: string;
  readonly version: string;
  readonly summary: string;
}

/** vfm(1) for the given commands. */
export function renderManPage(commands: readonly Command[], info: ManPageInfo): string {
  const out: string[] = [
    `.\\" Generated from the vfm command option tables by scripts/gen-cli-doc.ts: do not edit; run npm run gen:docs.`,
    `.TH VFM 1 "" "${info.name} ${info.version}" "User Commands"`,
    '.SH NAME',
    `vfm \\- ${roff(info.summary)}`,
    '.SH SYNOPSIS',
    '.B vfm',
    '.I COMMAND',
    '[\\fIoptions\\fR] [\\fIargs\\fR]',
    '.br',
    '.B vfm',
    '.BR \\-\\-help " | " \\-\\-version',
    '.SH DESCRIPTION',
    'VFM decides, for every packet, accept or drop. Filters are programs for a verified 64\\-bit stack',
    'machine, written in VFLisp (\\fI.vfl\\fR), VFM assembly (\\fI.vfm\\fR) or given as bytecode (\\fI.bin\\fR).',
    'They run over pcap, pcapng and \\fI.pkt\\fR captures, files, standard input or a live interface,',
    'and compile ahead of time to classic BPF and eBPF. The original tool names',
    '\\fBvfm\\-asm\\fR, \\fBvfm\\-dis\\fR, \\fBvfm\\-test\\fR and \\fBvflispc\\fR run the matching commands.',
    '.SH COMMANDS',
  ];
  for (const cmd of commands) {
    out.push(`.SS "vfm ${cmd.name} ${roff(cmd.usage).replace(/"/g, '\\(dq')}"`.replace(/ "$/, '"'), roff(cmd.summary));
    for (const [name, o] of Object.entries(cmd.options)) out.push('.TP', optionName(name, o), roff(o.help));
    out.push('.TP', '\\fB\\-h, \\-\\-help\\fR', 'show the help of this command');
    if (cmd.details !== undefined) out.push('.PP', '.nf', roff(cmd.details), '.fi');
  }
  out.push(
    '.SH EXIT STATUS',
    '.TP',
    '.B 0',
    'success: the program is valid, the run completed, the file was written',
    '.TP',
    '.B 1',
    'the input was rejected: an invalid program, a filter fault, a damaged capture',
    '.TP',
    '.B 2',
    'bad usage, a file that cannot be read or written, or a live capture that cannot start',
    '.TP',
    '.B 130',
    'Ctrl\\-C interrupted the reading of a capture file (the report covers what was read)',
    '.SH EXAMPLES',
    '.nf',
    'vfm test \\-s examples/web_filter.vfl examples/sample.pcap',
    'tcpdump \\-i any \\-U \\-w \\- | vfm filter web.vfl | tcpdump \\-nn \\-r \\-',
    'vfm filter \\-i eth0 \\-c 100 web.vfl \\-w web.pcap',
    "vfm lisp \\-e '(and (= proto 6) (= dst\\-port 80))' \\-o web.bin",
    'vfm compile web.vfl \\-\\-target=cbpf \\-\\-format ddd',
    '.fi',
    '.SH SEE ALSO',
    '.BR tcpdump (8),',
    '.BR pcap\\-filter (7),',
    '.BR tshark (1)',
  );
  return out.join('\n') + '\n';
}
