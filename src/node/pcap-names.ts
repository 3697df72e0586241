// Protocol, service and host names for pcap-filter expressions from the system files
// (/etc/protocols, /etc/services, /etc/hosts), as libpcap reads them through getprotobyname,
// getservbyname and getaddrinfo; names missing there fall back to the built-in table.

import { readFileSync } from 'node:fs';
import { BUILTIN_NAMES, type PcapNames, type ServicePorts } from '../pcap/names.js';
import { parseIpv4, parseIpv6 } from '../util/inet.js';

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
  } catch {
    return [];
  }
}

/** Names from the system files (read once, when called). */
export function systemPcapNames(files = { protocols: '/etc/protocols', services: '/etc/services', hosts: '/etc/hosts' }): PcapNames {
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
  return {
    protocol: (name) => protocols.get(name) ?? (protocols.size === 0 ? BUILTIN_NAMES.protocol(name) : undefined),
    service: (name): ServicePorts | undefined => services.get(name) ?? (services.size === 0 ? BUILTIN_NAMES.service(name) : undefined),
    host: (name) => hosts.get(name),
  };
}
