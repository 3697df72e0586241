// The published package, as a user gets it: `npm pack` output installs into an empty project
// (offline, from npm's cache for the dependencies), `import` of the package name works in an
// ESM script, the same code type-checks with moduleResolution NodeNext and Bundler, and the
// installed `vfm` command and man page are there. Skips with one line when npm cannot install
// offline here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const work = mkdtempSync(join(tmpdir(), 'vfm-pack-'));
const project = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, args: string[], cwd: string) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

/** Pack (without running `prepare`: dist/ is already built) and install offline; undefined or why not. */
function packAndInstall(): string | undefined {
  const packed = run(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], REPO_ROOT);
  if (packed.error !== undefined) return `npm cannot run here (${packed.error.message})`;
  if (packed.status !== 0) return `npm pack failed: ${packed.stderr.trim().split('\n').pop()}`;
  const tarball = join(work, packed.stdout.trim().split('\n').pop()!);
  spawnSync('mkdir', ['-p', project]);
  const spec = `file:../${basename(tarball)}`;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module', dependencies: { [pkg.name]: spec } }));
  // A lockfile with our runtime dependencies exactly as this repository's lock pins them (npm's
  // cache holds their tarballs by integrity), so `npm ci --offline` needs no registry.
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.dev !== true));
  const self = lock.packages[''] as { dependencies?: Record<string, string>; bin?: Record<string, string>; license?: string; engines?: Record<string, string> };
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { [pkg.name]: spec } },
        [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: spec, license: self.license, dependencies: self.dependencies, bin: self.bin, engines: self.engines },
        ...runtime,
      },
    }),
  );
  const installed = run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], project);
  if (installed.status !== 0) return `cannot install the packed tarball offline (dependencies not in npm's cache?): ${installed.stderr.trim().split('\n').slice(-2).join(' | ')}`;
  return undefined;
}
const skip = packAndInstall();

const CONSUMER = `import { assemble, verifyProgram, createFilter, type RunResult } from '${pkg.name}';
import { CaptureReader } from '${pkg.name}';

const { bytes } = assemble('LD16 12\\nPUSH 0x0800\\nEQ\\nRET\\n', 'ipv4.vfm');
const filter = createFilter(verifyProgram(bytes));
const frame = new Uint8Array(60);
frame[12] = 0x08;
const result: RunResult = filter.run(frame);
const reader: CaptureReader | undefined = undefined;
console.log(JSON.stringify({ kind: result.kind, tier: filter.tier, reader: reader === undefined }));
// a wrong use must be an error (were the types missing, everything would be any and this unused)
// @ts-expect-error a string is not a packet
filter.run('not bytes');
`;

test('the packed package installs into an empty project and imports by name from ESM', { skip, timeout: 120_000 }, () => {
  const root = join(project, 'node_modules', ...pkg.name.split('/'));
  assert.ok(existsSync(join(root, 'LICENSE')));
  assert.ok(existsSync(join(root, 'man', 'vfm.1')));
  assert.ok(!existsSync(join(root, 'dist', 'test')), 'tests are not published');
  writeFileSync(
    join(project, 'main.mjs'),
    `import { assemble, verifyProgram, createFilter } from '${pkg.name}';
import { runCaptureParallel } from '${pkg.name}/node';
import meta from '${pkg.name}/package.json' with { type: 'json' };
const f = createFilter(verifyProgram(assemble('PUSH 1\\nRET\\n', 'a.vfm').bytes));
console.log(JSON.stringify({ verdict: f.run(new Uint8Array(20)).kind, name: meta.name, node: typeof runCaptureParallel }));
`,
  );
  const r = run(process.execPath, ['main.mjs'], project);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { verdict: 'accept', name: pkg.name, node: 'function' });
  // the installed command
  const bin = run(join(project, 'node_modules', '.bin', 'vfm'), ['--version'], project);
  assert.equal(bin.stdout, `vfm ${pkg.version} (${pkg.name})\n`, bin.stderr);
  // and a stack trace through the published source maps points into the published sources
  const trace = run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', `import * as m from '${pkg.name}'; try { m.toHex(null) } catch (e) { console.log(e.stack) }`], project);
  assert.match(trace.stdout, new RegExp(`node_modules/${pkg.name}/src/util/bytes\\.ts:\\d+:\\d+`), trace.stdout + trace.stderr);
});

for (const [resolution, moduleKind] of [
  ['NodeNext', 'NodeNext'],
  ['Bundler', 'ESNext'],
] as const) {
  test(`the package type-checks for a consumer with moduleResolution ${resolution}`, { skip, timeout: 120_000 }, () => {
    const dir = join(project, `tc-${resolution}`);
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'main.ts'), CONSUMER);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: moduleKind, moduleResolution: resolution, target: 'ES2022', strict: true, noEmit: true, types: [], lib: ['ES2022', 'DOM'] }, files: ['main.ts'] }),
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = run(process.execPath, [tsc, '-p', dir], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}
