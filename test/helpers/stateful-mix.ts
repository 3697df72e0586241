// A deterministic mixed capture for stateful filters: many IPv4 and IPv6 sources, one heavy
// source, scanners touching many ports, DNS queries with their answers and unsolicited large
// answers, ARP and ICMP, 1 ms apart. Used to check that --workers gives single-threaded verdicts.

import { rng } from '../../bench/mix.js';
import { PcapWriter } from '../../src/capture/writer.js';
import { ether, icmp, ipv4, ipv6, tcp, udp } from '../../src/packet/craft.js';
import { concat } from './capture.js';

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** pcap bytes of `count` packets from `sources` sources (a fifth of them IPv6). */
export function mixedStatefulCapture(seed: number, count = 3000, sources = 250): Uint8Array {
  const r = rng(seed);
  const v4 = Array.from({ length: sources }, (_, k) => [10, 1 + (k >> 8), k & 255, 1 + Math.floor(r() * 250)]);
  const v6 = Array.from({ length: Math.ceil(sources / 5) }, (_, k) => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, k >> 8, k & 255]);
  const servers = [[10, 0, 0, 80], [10, 0, 0, 53], [10, 0, 0, 25]];
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c.slice()));
  const queries: { client: number[]; port: number; id: number }[] = [];
  for (let k = 0; k < count; k++) {
    const x = r();
    let frame: Uint8Array;
    const heavy = x < 0.2;
    const src = heavy ? v4[0] : pick(r, v4);
    if (x < 0.45) {
      // TCP: SYNs (scanners spread over many ports), SYN-ACKs and data
      const scanner = !heavy && r() < 0.3;
      const port = scanner ? 1 + Math.floor(r() * 200) : pick(r, [80, 443, 22]);
      const flags = pick(r, [0x02, 0x02, 0x12, 0x10, 0x18]);
      frame = ether(0x0800, ipv4({ proto: 6, src, dst: pick(r, servers) }, tcp(1024 + Math.floor(r() * 60000), port, flags, new Array<number>(Math.floor(r() * 40)).fill(0x61))));
    } else if (x < 0.6) {
      // DNS query, remembered for a later answer
      const q = { client: src, port: 1024 + Math.floor(r() * 60000), id: Math.floor(r() * 65536) };
      queries.push(q);
      frame = ether(0x0800, ipv4({ proto: 17, src: q.client, dst: servers[1] }, udp(q.port, 53, [q.id >> 8, q.id & 255, ...new Array<number>(20).fill(0)])));
    } else if (x < 0.75) {
      // DNS answer: to an earlier query, or unsolicited; small or large
      const q = queries.length > 0 && r() < 0.6 ? queries[Math.floor(r() * queries.length)] : { client: pick(r, v4), port: 1024 + Math.floor(r() * 60000), id: Math.floor(r() * 65536) };
      const size = r() < 0.5 ? 600 + Math.floor(r() * 600) : 40 + Math.floor(r() * 200);
      frame = ether(0x0800, ipv4({ proto: 17, src: servers[1], dst: q.client }, udp(53, q.port, [q.id >> 8, q.id & 255, ...new Array<number>(size).fill(0)])));
    } else if (x < 0.92) {
      const s6 = pick(r, v6);
      frame = r() < 0.6 ? ether(0x86dd, ipv6(6, tcp(1024 + Math.floor(r() * 60000), pick(r, [80, 443, 1 + Math.floor(r() * 100)]), pick(r, [0x02, 0x10])), [], s6)) : ether(0x86dd, ipv6(17, udp(1024 + Math.floor(r() * 60000), 53, [1, 2, 3, 4]), [], s6));
    } else if (x < 0.96) {
      frame = ether(0x0800, ipv4({ proto: 1, src, dst: pick(r, servers) }, icmp(8, 0)));
    } else {
      frame = ether(0x0806, new Uint8Array(28));
    }
    const ms = k;
    w.writePacket(frame, 1_767_225_600 + Math.floor(ms / 1000), (ms % 1000) * 1_000_000);
  }
  w.flush();
  return concat(chunks);
}
