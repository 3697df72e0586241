// Live capture for `vfm test -i IFACE` and `vfm filter -i IFACE`: the packets come from
// `tcpdump -i IFACE -U -w -` (or, without tcpdump, `dumpcap -i IFACE -P -w -`) running as a
// child process, streamed into the capture reader as they arrive. Its own messages ("listening
// on ...", the packet counts at the end) go to our standard error, as a tcpdump user expects;
// a tool that is missing, an interface that does not exist or a capture that is not permitted
// is a FilterError ERR_LIVE_CAPTURE (exit 2).

import { type ChildProcess, spawn } from 'node:child_process';
import { FilterError } from '../diag/errors.js';
import type { CaptureInput } from './capture-io.js';
import type { CliIo } from './io.js';

/** The capture tools tried in order, with their arguments for unbuffered pcap on stdout. */
const TOOLS: readonly { readonly name: string; args(iface: string): string[] }[] = [
  { name: 'tcpdump', args: (iface) => ['-i', iface, '-U', '--immediate-mode', '-w', '-'] },
  { name: 'dumpcap', args: (iface) => ['-i', iface, '-P', '-q', '-w', '-'] },
];

export interface LiveCapture extends CaptureInput {
  /** The tool that captures, e.g. `tcpdump`. */
  readonly tool: string;
  /** End the capture (SIGINT to the tool, which flushes and exits); the chunks then end. */
  stop(): void;
}

function spawned(child: ChildProcess): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (e) => resolve(e));
  });
}

/**
 * Start capturing on `iface`.
 * @throws {FilterError} ERR_LIVE_CAPTURE when neither tcpdump nor dumpcap can be run
 */
export async function startLiveCapture(io: CliIo, iface: string): Promise<LiveCapture> {
  for (const tool of TOOLS) {
    const child = spawn(tool.name, tool.args(iface), { stdio: ['ignore', 'pipe', 'pipe'] });
    const failure = await spawned(child);
    if (failure?.code === 'ENOENT') continue;
    if (failure !== undefined) throw new FilterError('ERR_LIVE_CAPTURE', `cannot run ${tool.name}: ${failure.message}`);
    return liveInput(io, child, tool.name, iface);
  }
  throw new FilterError(
    'ERR_LIVE_CAPTURE',
    `live capture on '${iface}' needs tcpdump or dumpcap on the PATH (apt install tcpdump); neither was found`,
  );
}

function liveInput(io: CliIo, child: ChildProcess, tool: string, iface: string): LiveCapture {
  let stopped = false;
  const stderrLines: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    io.stderr.write(text);
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    stderrLines.push(...lines.filter((l) => l.trim() !== ''));
    if (stderrLines.length > 20) stderrLines.splice(0, stderrLines.length - 20);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  async function* chunks(): AsyncIterable<Uint8Array> {
    let bytes = 0;
    try {
      for await (const chunk of child.stdout!) {
        bytes += (chunk as Uint8Array).length;
        yield chunk as Uint8Array;
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    }
    const { code, signal } = await exited;
    if (partial.trim() !== '') stderrLines.push(partial);
    if (!stopped && (code !== 0 || signal !== null) && bytes === 0) {
      throw new FilterError('ERR_LIVE_CAPTURE', `cannot capture on '${iface}': ${explain(tool, stderrLines, code, signal)}`);
    }
  }
  return {
    tool,
    chunks: chunks(),
    sizeBytes: undefined,
    stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}

/** Why the capture tool failed, from its first complaint (`tcpdump: lo: You don't have permission ...`). */
function explain(tool: string, lines: readonly string[], code: number | null, signal: NodeJS.Signals | null): string {
  const complaint =
    lines.find((l) => l.startsWith(`${tool}: `) && !/listening on/.test(l)) ?? lines.find((l) => !/^(listening on|\d+ packets?)/.test(l));
  if (complaint === undefined) return `${tool} exited with ${signal ?? `status ${code}`}`;
  const text = complaint.replace(new RegExp(`^${tool}: ([^:]+: )?`), '').trim();
  if (/permission|not permitted/i.test(lines.join('\n'))) {
    return `permission denied (${tool}: ${text}); capturing needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN`;
  }
  return `${text} (${tool})`;
}
