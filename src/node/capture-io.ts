// Streaming capture files for the CLI: input in large reads with read-ahead (a regular file
// has several reads in flight on the thread pool while the main thread parses the previous
// chunk; buffers are pooled and reused unless the consumer retains one), or standard input's
// chunks for `-`, so a capture larger than memory works; output through a sink that respects
// back-pressure of files and of standard output. A file output is written under a temporary
// name and renamed when complete, so a failed run leaves nothing behind.

import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import type { ByteSink } from '../capture/writer.js';
import { type CliIo, ioError, outputTarget } from './io.js';

/**
 * Bytes per read, and reads in flight (regular files). Measured: 1 MiB reads, two in flight,
 * keep the buffers in the caches while the main thread parses; larger buffers or more of them
 * made parsing several times slower (the data no longer in cache when it is read).
 */
const READ_BYTES = 1 << 20;
const READ_AHEAD = 2;

/**
 * Bytes skipped at the start of every read buffer. A large buffer from malloc starts 16 bytes
 * past a page boundary, and the kernel's copy out of the page cache (`rep movsb`) is about 5×
 * slower when the destination lies 1-63 bytes past the source's place in its page: reading a
 * page-aligned file position into such a buffer took 0.75 s per GiB here, against 0.15 s at
 * this offset (and for dd or cat).
 */
export const READ_BUFFER_SKEW = 256;

/**
 * A buffer of `bytes` for reads at page-aligned file positions, placed so that the kernel's copy
 * into it is fast (see READ_BUFFER_SKEW). Uninitialised.
 */
export function allocReadBuffer(bytes: number): Uint8Array {
  // A plain Uint8Array view, not a Buffer: consumers slice it per record run, and a typed
  // array's subarray costs a fraction of Buffer's.
  return new Uint8Array(Buffer.allocUnsafeSlow(bytes + READ_BUFFER_SKEW).buffer, READ_BUFFER_SKEW, bytes);
}

export interface CaptureInput {
  /** Chunks of the input. A chunk is valid until the next one is requested, unless retained. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Size in bytes when known (regular files), for progress. */
  readonly sizeBytes: number | undefined;
  /** Keep the chunk last handed out (it is never reused; e.g. slices of it are being written). */
  retain?(): void;
}

/**
 * Open a capture for streaming; `-` is standard input.
 * @throws {FilterError} ERR_IO when the file cannot be opened
 */
export async function openCaptureInput(io: CliIo, path: string): Promise<CaptureInput> {
  if (path === '-') return { chunks: io.stdin(), sizeBytes: undefined, retain() {} };
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw ioError(path, e, 'read');
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw ioError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }), 'read');
  }
  const reader = new ChunkReader(handle, path, stat.isFile());
  return { chunks: reader.chunks(), sizeBytes: stat.isFile() ? stat.size : undefined, retain: () => reader.retain() };
}

/** Reads of a file into pooled buffers, several ahead when the file is seekable. */
class ChunkReader {
  private readonly pool: Uint8Array[] = [];
  private current: Uint8Array | undefined;
  private isRetained = false;

  constructor(
    private readonly file: FileHandle,
    private readonly path: string,
    private readonly seekable: boolean,
  ) {}

  retain(): void {
    this.isRetained = true;
  }

  private buffer(): Uint8Array {
    // Uninitialised memory is fine: only the bytes a read filled are handed out.
    return this.pool.pop() ?? allocReadBuffer(READ_BYTES);
  }

  private async read(buffer: Uint8Array, position: number | null): Promise<number> {
    try {
      return (await this.file.read(buffer, 0, READ_BYTES, position)).bytesRead;
    } catch (e) {
      throw ioError(this.path, e, 'read');
    }
  }

  /** Give the chunk handed out last back to the pool, unless it was retained. */
  private recycle(): void {
    if (this.current !== undefined && !this.isRetained) this.pool.push(this.current);
    this.current = undefined;
    this.isRetained = false;
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    const inFlight: { buffer: Uint8Array; read: Promise<number> }[] = [];
    let position = 0;
    const depth = this.seekable ? READ_AHEAD : 1;
    const issue = (): void => {
      const buffer = this.buffer();
      const read = this.read(buffer, this.seekable ? position : null);
      read.catch(() => undefined); // awaited below; keep an early failure from going unhandled
      inFlight.push({ buffer, read });
      position += READ_BYTES;
    };
    try {
      for (;;) {
        while (inFlight.length < depth) issue();
        const next = inFlight.shift()!;
        const bytesRead = await next.read;
        this.recycle();
        if (bytesRead === 0) {
          this.pool.push(next.buffer);
          return;
        }
        if (bytesRead < READ_BYTES && inFlight.length > 0) {
          // A short read before the end (a file still growing): the reads ahead started at the
          // wrong places; drop them and go on right after this one.
          await Promise.allSettled(inFlight.map((r) => r.read));
          for (const r of inFlight.splice(0)) this.pool.push(r.buffer);
          position = position - READ_BYTES * depth + bytesRead;
        }
        this.current = next.buffer;
        yield next.buffer.subarray(0, bytesRead);
      }
    } finally {
      await Promise.allSettled(inFlight.map((r) => r.read));
      await this.file.close();
    }
  }
}

export interface CaptureOutput {
  readonly sink: ByteSink;
  /** Wait while the destination is backed up (call between input chunks). */
  settle(): Promise<void>;
  /** Finish the output: a file appears under its name only now, complete. */
  close(): Promise<void>;
  /** Give up after an error: a file output is removed (nothing partial is left). */
  abort(): Promise<void>;
}

/**
 * Open a capture output; `-` is standard output.
 * @throws {FilterError} ERR_IO when the file cannot be created
 */
export async function openCaptureOutput(io: CliIo, path: string): Promise<CaptureOutput> {
  if (path === '-') {
    let isBackedUp = false;
    return {
      sink: (chunk) => {
        if (io.stdout.write(chunk) === false) isBackedUp = true;
      },
      async settle() {
        if (isBackedUp && io.stdout.drain !== undefined) await io.stdout.drain();
        isBackedUp = false;
      },
      async close() {},
      async abort() {},
    };
  }
  const target = outputTarget(path);
  const stream = createWriteStream(target.writePath);
  let failure: unknown;
  stream.on('error', (e) => {
    failure = e;
  });
  try {
    await once(stream, 'open');
  } catch (e) {
    target.abort();
    throw ioError(path, e, 'write');
  }
  return {
    sink: (chunk) => {
      stream.write(chunk);
    },
    async settle() {
      if (failure !== undefined) throw ioError(path, failure, 'write');
      if (stream.writableNeedDrain) {
        try {
          await once(stream, 'drain');
        } catch (e) {
          throw ioError(path, e, 'write');
        }
      }
    },
    async close() {
      if (!stream.closed) {
        await new Promise<void>((resolve) => {
          stream.once('close', resolve);
          stream.end();
        });
      }
      if (failure !== undefined) {
        target.abort();
        throw ioError(path, failure, 'write');
      }
      target.commit();
    },
    async abort() {
      await new Promise<void>((resolve) => {
        if (stream.closed) resolve();
        else {
          stream.once('close', resolve);
          stream.destroy();
        }
      });
      target.abort();
    },
  };
}
