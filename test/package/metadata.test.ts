// The npm package as published: a free, descriptive name (the `vfm` command kept), a LICENSE
// that matches package.json, repository/homepage/bugs, `types` conditions in `exports`, an
// exported ./package.json, and source maps whose sources are in the published files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

interface PackageJson {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  files: string[];
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  exports: Record<string, string | { types?: string; default: string }>;
  man?: string[];
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

test('the package is velocity-filter-machine and still installs the vfm commands', () => {
  assert.equal(pkg.name, 'velocity-filter-machine');
  assert.deepEqual(Object.keys(pkg.bin).sort(), ['vflispc', 'vfm', 'vfm-asm', 'vfm-dis', 'vfm-test']);
  for (const file of Object.values(pkg.bin)) assert.ok(existsSync(join(REPO_ROOT, file)), file);
});

test('LICENSE is the MIT licence package.json names; repository, homepage and bugs are set', () => {
  assert.equal(pkg.license, 'MIT');
  const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License\n/);
  assert.match(license, /Permission is hereby granted, free of charge/);
  assert.ok(pkg.files.includes('LICENSE'));
  assert.match(pkg.repository.url, /^git\+https:\/\/.+\.git$/);
  assert.match(pkg.homepage, /^https:\/\//);
  assert.match(pkg.bugs.url, /^https:\/\//);
});

test('exports: a types condition first for each entry point, and ./package.json', () => {
  for (const entry of ['.', './node']) {
    const e = pkg.exports[entry];
    assert.ok(typeof e === 'object', entry);
    assert.equal(Object.keys(e)[0], 'types', `${entry}: types must come first`);
    assert.ok(existsSync(join(REPO_ROOT, e.types!)), e.types);
    assert.ok(existsSync(join(REPO_ROOT, e.default)), e.default);
    assert.equal(e.types!.replace(/\.d\.ts$/, '.js'), e.default);
  }
  assert.equal(pkg.exports['./package.json'], './package.json');
});

test('README and docs import the package by its name, never by the unrelated npm package vfm', () => {
  const docs = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).map((f) => join('docs', f))].filter((f) => f.endsWith('.md'));
  for (const doc of docs) {
    const text = readFileSync(join(REPO_ROOT, doc), 'utf8');
    assert.doesNotMatch(text, /from ['"]vfm(\/[a-z]+)?['"]/, doc);
    assert.doesNotMatch(text, /npm (install|i) vfm\b/, doc);
  }
});

test('every source map of the published files points at sources that are published too', () => {
  const published = (path: string): boolean => pkg.files.some((f) => path === f || path.startsWith(f + '/'));
  const maps: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.map')) maps.push(p);
    }
  };
  walk(join(REPO_ROOT, 'dist', 'src'));
  let checked = 0;
  for (const map of maps) {
    // Output left from a source file that no longer exists (a stale local build) is skipped.
    if (!existsSync(map.replace(/\.map$/, ''))) continue;
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    for (const s of sources) {
      const file = relative(REPO_ROOT, join(dirname(map), s));
      if (!existsSync(join(REPO_ROOT, file))) continue;
      assert.ok(published(file), `${relative(REPO_ROOT, map)}: source ${file} is not published`);
    }
    checked++;
  }
  assert.ok(checked > 50, `${checked} maps checked`);
});

test('vfm --version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `vfm ${pkg.version} (${pkg.name})\n`);
});
