// Bundles the compiled CLI (dist/src/node/main.js) and the worker-thread entry into one file
// each with esbuild, beside them in dist/src/node/: Node then reads and compiles one module
// instead of about 130, which takes about 0.1 s off every `vfm` start (docs/performance.md).
// `npm run build` runs it after tsc; bin/run-cli.js uses the bundle only when it is newer than
// dist/src/node/main.js (else a tsc-only rebuild would run stale code), so it is optional.

import { type BuildOptions, build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const NODE_DIST = fileURLToPath(new URL('../src/node/', import.meta.url));
/** The bundle of the CLI, next to main.js so that its import.meta.url paths stay valid. */
export const CLI_BUNDLE = join(NODE_DIST, 'vfm-cli.js');
/** The bundle of the worker threads' entry (what worker-threads.ts starts from the CLI bundle). */
export const WORKER_BUNDLE = join(NODE_DIST, 'parallel-worker.bundle.js');

/** Write both bundles. */
export async function bundleCli(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Whitespace and syntax only: names stay readable in stack traces of internal errors.
    minifyWhitespace: true,
    minifySyntax: true,
    // Loaded only for a progress bar on a terminal; CommonJS, resolved from node_modules.
    external: ['cli-progress'],
    legalComments: 'none',
    logLevel: 'warning',
  };
  await Promise.all([
    build({ ...common, entryPoints: [join(NODE_DIST, 'main.js')], outfile: CLI_BUNDLE, define: { VFM_WORKER_BUNDLE: JSON.stringify('./parallel-worker.bundle.js') } }),
    build({ ...common, entryPoints: [join(NODE_DIST, 'parallel-worker.js')], outfile: WORKER_BUNDLE }),
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundleCli();
