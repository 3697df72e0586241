// Network names (/etc/networks, `net NAME`) and MAC host names (/etc/ethers, `ether host
// NAME`) as libpcap looks them up: read by the Node side from the files, handed to the
// browser-safe compiler as PcapNames; a network number is left-aligned with its mask.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { inetNetwork } from '../../src/pcap/names.js';
import { systemPcapNames } from '../../src/node/pcap-names.js';
import { FilterError } from '../../src/diag/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vfm-names-'));
const networks = join(dir, 'networks');
const ethers = join(dir, 'ethers');
writeFileSync(networks, '# comment\ndefault 0.0.0.0\nloopback 127.0.0.0\nten 10 tennet\nlab 192.168.7 # trailing\nlab 172.16\nhexnet 0x0a.0x01\n');
writeFileSync(ethers, '00:11:22:33:44:55 router\n0:a:b:c:d:e   Printer\nbad:address nothing\n');
const names = systemPcapNames({ networks, ethers });

const same = (a: string, b: string, linkType = 1) =>
  assert.deepEqual(compilePcapFilter(a, { names, linkType }).bytes, compilePcapFilter(b, { names, linkType }).bytes, `${a} = ${b}`);
const code = (expr: string, linkType = 1): string => {
  try {
    compilePcapFilter(expr, { names, linkType });
    return 'ok';
  } catch (e) {
    if (!(e instanceof FilterError)) throw e;
    return `${e.code} ${e.message}`;
  }
};

test('inet_network: right-aligned parts in decimal, hex and octal', () => {
  assert.equal(inetNetwork('10'), 10);
  assert.equal(inetNetwork('10.1'), 0x0a01);
  assert.equal(inetNetwork('127.0.0.0'), 0x7f000000);
  assert.equal(inetNetwork('0x0a.010'), 0x0a08);
  assert.equal(inetNetwork('256'), undefined);
  assert.equal(inetNetwork('1.2.3.4.5'), undefined);
  assert.equal(inetNetwork('x'), undefined);
});

test('net NAME: the number left-aligned, with a mask of its parts (a 4-part number is a /32), names ignore case', () => {
  same('net ten', 'net 10.0.0.0/8');
  same('net TENNET', 'net 10.0.0.0/8');
  same('src net lab', 'src net 192.168.7.0/24');
  same('net loopback', 'net 127.0.0.0/32');
  same('net hexnet', 'net 10.1.0.0/16');
  same('ip net ten', 'ip net 10.0.0.0/8', 113);
  assert.equal(code('net default'), "ERR_PCAP_NAME unknown network 'default'");
  assert.equal(code('net nowhere'), "ERR_PCAP_NAME unknown network 'nowhere'");
  assert.match(code('ip6 net ten'), /'ip6' modifier applied to ip host/);
});

test('ether host NAME: the MAC address from /etc/ethers; only on Ethernet, as libpcap', () => {
  same('ether host router', 'ether host 00:11:22:33:44:55');
  same('ether src printer', 'ether src 00:0a:0b:0c:0d:0e');
  same('ether dst PRINTER or ether host router', 'ether dst 0:a:b:c:d:e or ether host 0:11:22:33:44:55');
  assert.equal(code('ether host nothing'), "ERR_PCAP_NAME unknown ether host 'nothing'");
  for (const lt of [113, 276, 101, 0, 108, 228, 229]) {
    assert.equal(code('ether host router', lt), 'ERR_PCAP_LINK only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name');
  }
});

test('without the files the names are unknown (the browser default)', () => {
  assert.throws(() => compilePcapFilter('net ten'), /unknown network 'ten'/);
  assert.throws(() => compilePcapFilter('ether host router'), /unknown ether host 'router'/);
});
