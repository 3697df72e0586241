// Process entry: run `main` with the real streams and files and set the exit code.
// `prefix` lets the original tool names (vfm-asm, vfm-dis, vfm-test, vflispc) map to commands.

import { main } from './cli.js';
import { nodeIo, releaseStdin } from './io.js';

export async function runProcess(prefix: string[] = []): Promise<void> {
  try {
    process.exitCode = await main([...prefix, ...process.argv.slice(2)], nodeIo());
    releaseStdin();
  } catch (e) {
    process.stderr.write(`vfm: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}
