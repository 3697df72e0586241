// Builds the playground page (web/) with esbuild into dist/web/: main.js and worker.js (ES
// modules, minified, no source maps), index.html, style.css and the bundled sample capture.
// The result is static files that work from any static host. `npm run build:web` runs it;
// the end-to-end tests call buildWeb() themselves, so a fresh clone needs no extra step.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_SOURCE = join(ROOT, 'web');
export const WEB_OUT = join(ROOT, 'dist', 'web');

/** Bundle the page; returns the output directory. */
export async function buildWeb(outDir = WEB_OUT): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { main: join(WEB_SOURCE, 'main.ts'), worker: join(WEB_SOURCE, 'worker.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(WEB_SOURCE, f), join(outDir, f));
  copyFileSync(join(ROOT, 'examples', 'sample.pcap'), join(outDir, 'sample.pcap'));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = await buildWeb();
  console.log(`built the playground into ${dir}`);
}
