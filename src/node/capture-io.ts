// Streaming capture files for the CLI: input in 1 MiB reads into one reused buffer (or
// standard input's chunks for `-`), so a capture larger than memory works; output through a
// sink that respects back-pressure of files and of standard output. A file output is written
// under a temporary name and renamed when complete, so a failed run leaves nothing behind.

import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { ByteSink } from '../capture/writer.js';
import { type CliIo, ioError, outputTarget } from './io.js';

const READ_BYTES = 1 << 20;

export interface CaptureInput {
  /** Chunks of the input. A chunk is valid until the next one is requested. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Size in bytes when known (regular files), for progress. */
  readonly sizeBytes: number | undefined;
}

/**
 * Open a capture for streaming; `-` is standard input.
 * @throws {FilterError} ERR_IO when the file cannot be opened
 */
export async function openCaptureInput(io: CliIo, path: string): Promise<CaptureInput> {
  if (path === '-') return { chunks: io.stdin(), sizeBytes: undefined };
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
  const file = handle;
  async function* chunks(): AsyncIterable<Uint8Array> {
    const buffer = new Uint8Array(READ_BYTES);
    try {
      for (;;) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await file.read(buffer, 0, READ_BYTES, null));
        } catch (e) {
          throw ioError(path, e, 'read');
        }
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  }
  return { chunks: chunks(), sizeBytes: stat.isFile() ? stat.size : undefined };
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
