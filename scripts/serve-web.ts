// `npm run web`: serves dist/web/ on 127.0.0.1 (default port 8080) for development, with a
// choice of Content-Security-Policy so the run-time JIT detection can be tried:
//   --csp off       no policy: every tier may run (js is the fastest)
//   --csp strict    no 'unsafe-eval', but 'wasm-unsafe-eval': the js tier is refused, wasm runs
//   --csp no-wasm   neither: only the interpreter and closure tiers can run

import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { WEB_OUT, buildWeb } from './build-web.js';

export const CSP_MODES = ['off', 'strict', 'no-wasm'] as const;
export type CspMode = (typeof CSP_MODES)[number];

const BASE_POLICY = "default-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The Content-Security-Policy header of a mode, or undefined for `off`. */
export function cspHeader(mode: CspMode): string | undefined {
  if (mode === 'off') return undefined;
  return `${BASE_POLICY}; script-src 'self'${mode === 'strict' ? " 'wasm-unsafe-eval'" : ''}`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.pcap': 'application/vnd.tcpdump.pcap',
  '.png': 'image/png',
};

export interface WebServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serve `root` on 127.0.0.1 (port 0: any free port) with the policy of `csp`. */
export async function startWebServer(options: { root?: string; csp?: CspMode; port?: number } = {}): Promise<WebServer> {
  const root = options.root ?? WEB_OUT;
  const policy = cspHeader(options.csp ?? 'off');
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
      const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      if (policy !== undefined) headers['Content-Security-Policy'] = policy;
      if (!file.startsWith(normalize(root) + sep) || !(await stat(file).catch(() => undefined))?.isFile()) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { csp: { type: 'string', default: 'off' }, port: { type: 'string', default: '8080' }, 'no-build': { type: 'boolean' } } });
  const csp = values.csp as CspMode;
  if (!(CSP_MODES as readonly string[]).includes(csp)) {
    console.error(`npm run web: --csp takes ${CSP_MODES.join(', ')}, got '${values.csp}'`);
    process.exit(2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`npm run web: --port takes 0 to 65535, got '${values.port}'`);
    process.exit(2);
  }
  if (values['no-build'] !== true) await buildWeb();
  const s = await startWebServer({ csp, port });
  console.log(`VFM playground on ${s.url} (Content-Security-Policy: ${cspHeader(csp) ?? 'none'}); Ctrl-C stops`);
}
