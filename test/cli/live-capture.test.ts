// Live capture (`vfm test -i lo`, `vfm filter -i lo -o out.pcap`) through tcpdump as a child
// process, on the loopback interface of a network namespace this test makes (root only; only
// loopback traffic is sent); Ctrl-C (SIGINT) ends a live capture and a stdin run with the
// report or statistics still printed and the output complete; clear errors when no capture
// tool exists, the interface does not, or capturing is not permitted.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR, REPO_ROOT } from '../helpers/paths.js';
import { VFM_BIN, hasStackTrace, spawnVfm } from '../helpers/spawn-cli.js';
import { readAll } from '../helpers/capture.js';

const work = mkdtempSync(join(tmpdir(), 'vfm-live-'));
const PORT = 47123;
const UDP = join(work, 'udp.vfl');
writeFileSync(UDP, `(and (= proto 17) (= dst-port ${PORT}))\n`);
const NS = `vfm-live-${process.pid}`;

function liveSkip(): string | undefined {
  if (process.getuid?.() !== 0) return 'live capture test needs root (it makes a network namespace)';
  if (spawnSync('tcpdump', ['--version']).error !== undefined) return 'tcpdump is not installed';
  const add = spawnSync('ip', ['netns', 'add', NS], { encoding: 'utf8' });
  if (add.error !== undefined) return 'the ip command (iproute2) is not installed';
  if (add.status !== 0) return `cannot make a network namespace: ${add.stderr.trim()}`;
  spawnSync('ip', ['netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up']);
  return undefined;
}
const skip = liveSkip();
after(() => {
  if (skip === undefined) spawnSync('ip', ['netns', 'del', NS]);
});

/** Start `vfm ARGS` inside the namespace, collecting its output. */
function startVfm(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, VFM_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

/** UDP datagrams to our own socket on 127.0.0.1 inside the namespace, every 20 ms, until killed. */
function startSender(): ChildProcess {
  const script = `const s=require('dgram').createSocket('udp4');s.bind(${PORT},'127.0.0.1',()=>{let n=0;const t=setInterval(()=>{s.send(Buffer.from('vfm '+(n++)),${PORT},'127.0.0.1');if(n>1500)process.exit(0)},20)});`;
  return spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', script], { stdio: 'ignore' });
}

async function waitFor(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Run a live vfm with -c N while loopback traffic flows; it must end by itself with exit 0. */
async function captureWithTraffic(args: string[]): Promise<ReturnType<typeof startVfm>> {
  const vfm = startVfm(args);
  await waitFor('tcpdump to listen', () => vfm.err().includes('listening on lo'));
  const sender = startSender();
  try {
    assert.equal(await vfm.exit, 0, vfm.err());
  } finally {
    sender.kill();
  }
  return vfm;
}

test('vfm filter -i lo -c 5 -o out.pcap: exactly 5 accepted packets, read back by tcpdump', { skip, timeout: 60_000 }, async () => {
  const out = join(work, 'live5.pcap');
  const vfm = await captureWithTraffic(['filter', '-i', 'lo', '-c', '5', '-s', UDP, '-o', out]);
  assert.match(vfm.err(), /vfm filter: \d+ packets read, 5 written, 0 faulted/);
  const lines = execFileSync('tcpdump', ['-nn', '-r', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
  assert.equal(lines.length, 5);
  for (const l of lines) assert.match(l, new RegExp(`127\\.0\\.0\\.1\\.${PORT} > 127\\.0\\.0\\.1\\.${PORT}: UDP`));
});

test('vfm test -i lo -c 10 --json: a report of 10 live packets', { skip, timeout: 60_000 }, async () => {
  const vfm = await captureWithTraffic(['test', '-i', 'lo', '-c', '10', '--json', UDP]);
  const s = JSON.parse(vfm.out()) as { total: number; accepted: number; files: { file: string }[] };
  assert.equal(s.total, 10);
  assert.equal(s.accepted, 10);
  assert.equal(s.files[0].file, 'lo (live)');
});

test('Ctrl-C ends vfm test -v -s -i lo: the report and statistics are printed, exit 0', { skip, timeout: 60_000 }, async () => {
  const vfm = startVfm(['test', '-v', '-s', '-i', 'lo', UDP]);
  await waitFor('tcpdump to listen', () => vfm.err().includes('listening on lo'));
  const sender = startSender();
  try {
    await waitFor('three packets', () => vfm.out().includes('Packet 3:'));
    vfm.child.kill('SIGINT');
    assert.equal(await vfm.exit, 0, vfm.err());
  } finally {
    sender.kill();
  }
  const total = Number(/^Total packets: +(\d+)$/m.exec(vfm.out())?.[1]);
  assert.ok(total >= 3, vfm.out());
  assert.match(vfm.out(), /=== Statistics ===/);
  assert.match(vfm.out(), new RegExp(`^Packet 1: ACCEPT \\(value 1\\) +[0-9:.]+ IP 127\\.0\\.0\\.1\\.${PORT} > 127\\.0\\.0\\.1\\.${PORT}: UDP, length \\d+$`, 'm'));
  assert.match(vfm.err(), /packets captured/, 'tcpdump\'s own statistics');
  assert.match(vfm.err(), new RegExp(`vfm test: interrupted: the report covers the ${total} packets read`));
  assert.ok(!hasStackTrace(vfm.err()), vfm.err());
});

test('Ctrl-C ends vfm filter -s reading a pipe that stays open: the statistics line is printed and the output is complete', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(work, 'sigint-'));
  const out = join(dir, 'web.pcap');
  const child = spawn(process.execPath, [VFM_BIN, 'filter', '-s', join(EXAMPLES_DIR, 'web_filter.vfl'), '-', '-o', out], { cwd: REPO_ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  child.stdin!.write(readFileSync(join(EXAMPLES_DIR, 'sample.pcap')));
  // the accepted packets are flushed to the temporary output after each chunk read
  const tempSize = (): number => {
    const t = readdirSync(dir).find((f) => f.endsWith('.tmp'));
    return t === undefined ? 0 : statSync(join(dir, t)).size;
  };
  await waitFor('the filtered packets to be written', () => tempSize() > 24);
  child.kill('SIGINT');
  assert.equal(await exit, 0, err);
  child.stdin!.destroy();
  assert.equal(err, 'vfm filter: 199 packets read, 44 written, 0 faulted (tier ' + /tier ([a-z]+)/.exec(err)?.[1] + ')\n');
  assert.deepEqual(readdirSync(dir), ['web.pcap']);
  const back = readAll(new Uint8Array(readFileSync(out)));
  assert.equal(back.error, undefined);
  assert.equal(back.packets.length, 44);
});

test('live capture errors: no capture tool, no such interface, not permitted (ERR_LIVE_CAPTURE, exit 2)', () => {
  const none = spawnVfm(['test', '-i', 'lo', UDP], { env: { ...process.env, PATH: '/nonexistent' } });
  assert.equal(none.code, 2);
  assert.equal(none.stdout, '');
  assert.equal(none.stderr, "error ERR_LIVE_CAPTURE: live capture on 'lo' needs tcpdump or dumpcap on the PATH (apt install tcpdump); neither was found\n");
  if (spawnSync('tcpdump', ['--version']).error !== undefined) return;
  const noIf = spawnVfm(['filter', '-i', 'nosuchif0', UDP, '-o', join(work, 'x.pcap')]);
  assert.equal(noIf.code, 2);
  assert.match(noIf.stderr, /error ERR_LIVE_CAPTURE: cannot capture on 'nosuchif0': No such device exists \(tcpdump\)\n$/);
  assert.deepEqual(readdirSync(work).filter((f) => f.includes('x.pcap')), []);
  if (process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).error === undefined) {
    const r = spawnSync('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, VFM_BIN, 'test', '-i', 'lo', join(EXAMPLES_DIR, 'web_filter.vfl')], { encoding: 'utf8', cwd: REPO_ROOT });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /error ERR_LIVE_CAPTURE: cannot capture on 'lo': permission denied \(tcpdump: You don't have permission .*\); capturing needs root/);
    assert.ok(!r.stdout.includes('VFM Filter Test Tool'), 'no banner before the error');
  }
  const both = spawnVfm(['test', '-i', 'lo', UDP, join(EXAMPLES_DIR, 'sample.pcap')]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /-i lo captures live; it cannot be combined with capture files/);
});
