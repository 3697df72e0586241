// What every bin/ script runs: the CLI from its single-file bundle (dist/src/node/vfm-cli.js,
// written by `npm run build`; it starts about 0.1 s faster), or from the compiled modules when
// the bundle is missing or older than them (a tsc-only rebuild), so it never runs stale code.
import { statSync } from 'node:fs';

const DIST = new URL('../dist/src/node/', import.meta.url);

function bundleIsFresh() {
  try {
    return statSync(new URL('vfm-cli.js', DIST)).mtimeMs >= statSync(new URL('main.js', DIST)).mtimeMs;
  } catch {
    return false;
  }
}

/** Run the CLI with `prefix` before the process arguments (vfm-asm: ['asm']). */
export async function runCli(prefix) {
  const { runProcess } = await import(new URL(bundleIsFresh() ? 'vfm-cli.js' : 'main.js', DIST).href);
  await runProcess(prefix);
}
