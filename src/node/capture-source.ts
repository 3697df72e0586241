// Where `vfm test` and `vfm filter` take packets from, with tcpdump's spellings: capture files
// as arguments or with -r FILE, `-` for standard input (the default when no capture is named,
// refused when standard input is a terminal, as `tcpdump -r -` would wait forever), or a live
// capture on an interface with -i IFACE.

import { UsageError } from '../diag/errors.js';
import type { CliIo } from './io.js';

/** Options of the commands that read captures. */
export const CAPTURE_SOURCE_OPTIONS = {
  read: { type: 'string', short: 'r', arg: 'FILE', multiple: true, help: "read the capture FILE (tcpdump's -r; - for standard input)" },
  interface: { type: 'string', short: 'i', arg: 'IFACE', help: 'capture live on IFACE through tcpdump -i IFACE -U -w - (or dumpcap); Ctrl-C ends the capture' },
} as const;

export type CaptureSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'live'; readonly iface: string };

/** How a source is named in reports and messages. */
export function sourceLabel(s: CaptureSource): string {
  return s.kind === 'file' ? s.path : `${s.iface} (live)`;
}

/**
 * The capture sources of a command from its CAPTURE arguments, -r and -i.
 * @throws {UsageError} for -i with files, `-` twice, or standard input on a terminal
 */
export function captureSources(io: CliIo, command: string, captures: readonly string[], opts: { read?: string[]; interface?: string }): CaptureSource[] {
  const files = [...captures, ...(opts.read ?? [])];
  if (opts.interface !== undefined) {
    if (files.length > 0) throw new UsageError('ERR_USAGE', `-i ${opts.interface} captures live; it cannot be combined with capture files (${files.join(', ')})`);
    if (opts.interface === '') throw new UsageError('ERR_USAGE', '-i takes an interface name, e.g. -i lo');
    return [{ kind: 'live', iface: opts.interface }];
  }
  if (files.length === 0) files.push('-');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('ERR_USAGE', 'standard input (-) can be read only once');
  if (files.includes('-') && io.stdinIsTTY === true) {
    throw new UsageError(
      'ERR_USAGE',
      `vfm ${command} reads the capture from standard input, which is a terminal; give a capture file, -r FILE, -i IFACE, or pipe one in (tcpdump -w - | vfm ${command} ...)`,
    );
  }
  return files.map((path) => ({ kind: 'file', path }));
}
