// The CLI's window on the world: output streams and files, injected so tests can call
// `main(argv, io)` directly and capture everything. `nodeIo()` is the real one.

import { readFile, writeFile } from 'node:fs/promises';
import { FilterError } from '../diag/errors.js';

export interface OutStream {
  /** Returns false when the stream is backed up (then await `drain` before writing much more). */
  write(chunk: string | Uint8Array): void | boolean;
  /** Resolves when a backed-up stream can take more (streams without back-pressure omit it). */
  drain?(): Promise<void>;
  /** True when the stream is an interactive terminal (progress bars, colours). */
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** Read a whole file; `-` reads standard input. */
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Standard input as a stream of chunks (captures read from `-`). */
  stdin(): AsyncIterable<Uint8Array>;
}

/** Read a file or standard input, turning operating-system errors into FilterError ERR_IO. */
export async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (e) {
    throw ioError(path, e, 'read');
  }
}

export async function writeOutput(io: CliIo, path: string, data: Uint8Array): Promise<void> {
  try {
    await io.writeFile(path, data);
  } catch (e) {
    throw ioError(path, e, 'write');
  }
}

export function ioError(path: string, e: unknown, verb: 'read' | 'write'): FilterError {
  if (e instanceof FilterError) return e;
  const code = (e as { code?: string }).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new FilterError('ERR_IO', `cannot ${verb} '${path}': ${reason}`, { file: path });
}

async function* processStdin(): AsyncIterable<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
}

export function nodeIo(): CliIo {
  // A reader that went away (`vfm filter f - | head -c 100`) ends us quietly, like SIGPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    stdout: {
      write: (c) => process.stdout.write(c),
      drain: () => new Promise<void>((resolve) => process.stdout.once('drain', resolve)),
      get isTTY() {
        return process.stdout.isTTY === true;
      },
    },
    stderr: {
      write: (c) => void process.stderr.write(c),
      get isTTY() {
        return process.stderr.isTTY === true;
      },
    },
    async readFile(path) {
      if (path === '-') {
        const chunks: Uint8Array[] = [];
        for await (const c of processStdin()) chunks.push(c);
        return Buffer.concat(chunks);
      }
      return new Uint8Array(await readFile(path));
    },
    async writeFile(path, data) {
      if (path === '-') {
        process.stdout.write(data);
        return;
      }
      await writeFile(path, data);
    },
    stdin: processStdin,
  };
}
