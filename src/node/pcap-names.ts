// Protocol, service, host, network and MAC host names for pcap-filter expressions from the
// system files (/etc/protocols, /etc/services, /etc/hosts, /etc/networks, /etc/ethers), as
// libpcap reads them through getprotobyname, getservbyname, getaddrinfo, getnetbyname and
// ether_hostton; protocol and service names missing there fall back to the built-in table.

import { readFileSync } from 'node:fs';
import { BUILTIN_NAMES, type PcapNames, type ServicePorts, inetNetwork } from '../pcap/names.js';
import { parseIpv4, parseIpv6 } from '../util/inet.js';

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** Names from the system files (read once, when called). */
export interface PcapNameFiles {
  readonly protocols?: string;
  readonly services?: string;
  readonly hosts?: string;
  readonly networks?: string;
  readonly ethers?: string;
}

const SYSTEM_FILES = { protocols: '/etc/protocols', services: '/etc/services', hosts: '/etc/hosts', networks: '/etc/networks', ethers: '/etc/ethers' } as const;

/** A MAC address as ether_line reads it: 6 hex bytes separated by ':' (1 or 2 digits each). */
function parseEtherLineMac(text: string): number[] | undefined {
  const parts = text.split(':');
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return undefined;
  return parts.map((p) => parseInt(p, 16));
}

/** Names from the system files (read once, when called); `paths` replaces some of the files (tests). */
export function systemPcapNames(paths: PcapNameFiles = {}): PcapNames {
  const files = { ...SYSTEM_FILES, ...paths };
  const protocols = new Map<string, number>();
  for (const line of readLines(files.protocols)) {
    const [name, num, ...aliases] = line.split(/\s+/);
    const v = Number(num);
    if (!Number.isInteger(v)) continue;
    for (const n of [name, ...aliases]) if (!protocols.has(n)) protocols.set(n, v);
  }
  const services = new Map<string, { tcp?: number; udp?: number; sctp?: number }>();
  for (const line of readLines(files.services)) {
    const [name, portProto, ...aliases] = line.split(/\s+/);
    const m = /^(\d+)\/(tcp|udp|sctp)$/.exec(portProto ?? '');
    if (m === null) continue;
    for (const n of [name, ...aliases]) {
      const s = services.get(n) ?? {};
      const proto = m[2] as 'tcp' | 'udp' | 'sctp';
      if (s[proto] === undefined) s[proto] = Number(m[1]);
      services.set(n, s);
    }
  }
  const hosts = new Map<string, (number | bigint)[]>();
  for (const line of readLines(files.hosts)) {
    const [addr, ...names] = line.split(/\s+/);
    const v: number | bigint | undefined = parseIpv4(addr) ?? parseIpv6(addr);
    if (v === undefined) continue;
    for (const n of names) hosts.set(n, [...(hosts.get(n) ?? []), v]);
  }
  // getnetbyname and ether_hostton (glibc's files backend) compare names ignoring case; the first line wins.
  const networks = new Map<string, number>();
  for (const line of readLines(files.networks)) {
    const [name, num, ...aliases] = line.split(/\s+/);
    const v = inetNetwork(num ?? '');
    if (v === undefined) continue;
    for (const n of [name, ...aliases]) if (!networks.has(n.toLowerCase())) networks.set(n.toLowerCase(), v);
  }
  const ethers = new Map<string, number[]>();
  for (const line of readLines(files.ethers)) {
    const [addr, name] = line.split(/\s+/);
    const mac = parseEtherLineMac(addr);
    if (mac === undefined || name === undefined || ethers.has(name.toLowerCase())) continue;
    ethers.set(name.toLowerCase(), mac);
  }
  return {
    network: (name) => networks.get(name.toLowerCase()),
    ether: (name) => ethers.get(name.toLowerCase()),
    protocol: (name) => protocols.get(name) ?? (protocols.size === 0 ? BUILTIN_NAMES.protocol(name) : undefined),
    service: (name): ServicePorts | undefined => services.get(name) ?? (services.size === 0 ? BUILTIN_NAMES.service(name) : undefined),
    host: (name) => hosts.get(name),
  };
}
