// The CLI's window on the world: output streams and files, injected so tests can call
// `main(argv, io)` directly and capture everything. `nodeIo()` is the real one. Every
// operating-system error becomes a FilterError ERR_IO (exit 2); a file given with -o is written
// through a temporary file beside it and renamed into place only when complete.

import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FilterError, UsageError } from '../diag/errors.js';

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
  /** True when standard input is an interactive terminal (nothing to read a capture from). */
  readonly stdinIsTTY?: boolean;
  /**
   * Wait until everything written to stdout has reached the system.
   * @throws {FilterError} ERR_IO when a write to standard output failed (a full disk)
   */
  finish?(): Promise<void>;
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

/**
 * Binary output (bytecode, captures, objects) never goes to a terminal.
 * @throws {UsageError} when `path` is `-` and standard output is a terminal
 */
export function refuseBinaryOnTerminal(io: CliIo, path: string, what: string, hint: string): void {
  if (path === '-' && io.stdout.isTTY === true) throw new UsageError('ERR_USAGE', `not writing ${what} to a terminal: ${hint}`);
}

/** Plain words for the errno codes a user meets; others keep the system's text. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  EPIPE: 'broken pipe',
  ENXIO: 'no such device or address',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** True for an error raised by the operating system (it has an errno code and a syscall). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!) && 'syscall' in e;
}

/** The file name as the user knows it: `-` is standard input or output. */
function shownPath(path: string, verb: 'read' | 'write'): string {
  if (path === '') return 'a file';
  return path === '-' ? (verb === 'read' ? 'standard input' : 'standard output') : `'${path}'`;
}

/** The text of a VFLisp set file (`(file "PATH")`), PATH relative to the working directory. @throws {FilterError} ERR_IO */
export function readSetFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw ioError(path, e, 'read');
  }
}

export function ioError(path: string, e: unknown, verb: 'read' | 'write'): FilterError {
  if (e instanceof FilterError) return e;
  const code = (e as { code?: string }).code;
  const text = (e as Error).message ?? String(e);
  const reason = (code !== undefined ? ERRNO_TEXT[code] : undefined) ?? text.replace(/^E[A-Z0-9]+: /, '').replace(/, [a-z]+( '[^']*')*$/, '');
  return new FilterError('ERR_IO', `cannot ${verb} ${shownPath(path, verb)}: ${reason}`, path === '-' || path === '' ? {} : { file: path });
}

/**
 * Where to write `path` so that a reader never sees a partial file under its name: a temporary
 * file beside it, renamed into place by `commit`. Devices, FIFOs and other non-regular files
 * (`/dev/stdout`, `/dev/full`) are written directly.
 */
export function outputTarget(path: string): { readonly writePath: string; commit(): void; abort(): void } {
  let st;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st !== undefined && !st.isFile()) {
    if (st.isDirectory()) throw ioError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }), 'write');
    return { writePath: path, commit() {}, abort() {} };
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  return {
    writePath: temp,
    commit() {
      try {
        renameSync(temp, path);
      } catch (e) {
        try {
          unlinkSync(temp);
        } catch {
          // already gone
        }
        throw ioError(path, e, 'write');
      }
    },
    abort() {
      try {
        unlinkSync(temp);
      } catch {
        // never created or already gone
      }
    },
  };
}

/**
 * Write a whole file through a temporary file and a rename (`-o FILE` of asm, lisp, compile).
 * @throws {FilterError} ERR_IO; nothing is left under `path` or beside it on failure
 */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const target = outputTarget(path);
  let fd: number | undefined;
  try {
    fd = openSync(target.writePath, 'w', 0o666);
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
    closeSync(fd);
    fd = undefined;
    target.commit();
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    target.abort();
    throw ioError(path, e, 'write');
  }
}

/** Identity of an open or named file, to refuse writing a capture over the one being read. */
export function sameFile(a: string, b: string): boolean {
  if (a === '-' || b === '-') return false;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.isFile() && sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

let stdinUsed = false;

async function* processStdin(): AsyncIterable<Uint8Array> {
  stdinUsed = true;
  try {
    for await (const chunk of process.stdin) yield chunk as Uint8Array;
  } catch (e) {
    throw ioError('-', e, 'read');
  }
}

/**
 * Let the process end although standard input is still open (Ctrl-C stopped reading a pipe
 * whose writer goes on): called by the process entry once the command is done.
 */
export function releaseStdin(): void {
  if (stdinUsed) process.stdin.destroy();
}

export function nodeIo(): CliIo {
  // A write to standard output that failed (a full disk) is reported on the next write or at
  // the end of the command as ERR_IO; a reader that went away (`| head -c 100`) ends us quietly,
  // like SIGPIPE.
  let stdoutFailure: unknown;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    stdoutFailure ??= e;
  });
  const check = (): void => {
    if (stdoutFailure !== undefined) throw ioError('-', stdoutFailure, 'write');
  };
  const write = (c: string | Uint8Array): boolean => {
    check();
    return process.stdout.write(c);
  };
  return {
    stdout: {
      write,
      drain: () =>
        new Promise<void>((resolve, reject) => {
          const onDrain = (): void => {
            process.stdout.off('error', onError);
            resolve();
          };
          const onError = (e: unknown): void => {
            process.stdout.off('drain', onDrain);
            reject(ioError('-', e, 'write'));
          };
          process.stdout.once('drain', onDrain);
          process.stdout.once('error', onError);
        }),
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
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
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
        write(data);
        return;
      }
      writeFileAtomic(path, data);
    },
    stdin: processStdin,
    async finish() {
      check();
      // Errors of the last writes arrive as events: let them, then report the first.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      await new Promise<void>((resolve) => setImmediate(resolve));
      check();
    },
  };
}
