// The packets of spec bytecode.md section 9, built byte by byte as the spec lists them.

/** 74 zero bytes with the listed bytes set. */
function frame(length: number, sets: [number, number[]][]): Uint8Array {
  const p = new Uint8Array(length);
  for (const [off, bytes] of sets) p.set(bytes, off);
  return p;
}

/** Record 1 of test_packets.pkt: TCP SYN 192.168.1.100:1234 -> 10.0.0.1:80. */
export const S = frame(74, [
  [12, [0x08, 0x00]],
  [14, [0x45]],
  [23, [0x06]],
  [26, [0xc0, 0xa8, 0x01, 0x64]],
  [30, [0x0a, 0x00, 0x00, 0x01]],
  [34, [0x04, 0xd2, 0x00, 0x50]],
  [47, [0x02]],
]);

function edit(base: Uint8Array, sets: [number, number[]][], length = base.length): Uint8Array {
  const p = new Uint8Array(length);
  p.set(base.subarray(0, Math.min(length, base.length)));
  for (const [off, bytes] of sets) p.set(bytes, off);
  return p;
}

/** Record 2: UDP. */
export const U = edit(S, [
  [23, [0x11]],
  [47, [0x00]],
]);
/** Record 3: TCP SYN from .101. */
export const S3 = edit(S, [[29, [0x65]]]);
/** Record 4: record 3 with ACK. */
export const S4 = edit(S3, [[47, [0x10]]]);
/** Record 5: record 4 as ICMP. */
export const S5 = edit(S4, [
  [23, [0x01]],
  [47, [0x00]],
]);
/** S to port 443 and to port 22. */
export const S443 = edit(S, [[36, [0x01, 0xbb]]]);
export const S22 = edit(S, [[36, [0x00, 0x16]]]);
/** The five records of the C project's test_packets.pkt, in order. */
export const TEST_PACKETS = [S, U, S3, S4, S5];

/** DNS response from port 53 with IP total length 600. */
export const D = edit(U, [
  [34, [0x00, 0x35]],
  [16, [0x02, 0x58]],
]);
/** D with IP total length 512. */
export const D512 = edit(D, [[16, [0x02, 0x00]]]);
/** S with EtherType ARP. */
export const A = edit(S, [[12, [0x08, 0x06]]]);
/** 10 zero bytes. */
export const T = new Uint8Array(10);
/** 128 bytes: the test_vfm.c SYN packet. */
export const P128 = edit(
  S,
  [
    [16, [0x00, 0x54]],
    [20, [0x40, 0x00]],
    [22, [0x40]],
    [38, [0x00, 0x00, 0x00, 0x01]],
    [46, [0x50, 0x02]],
    [48, [0x20, 0x00]],
  ],
  128,
);

const ADDR1 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const ADDR2 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
/** IPv6 TCP SYN 2001:db8::1:1234 -> 2001:db8::2:80. */
export const V6 = frame(74, [
  [12, [0x86, 0xdd]],
  [14, [0x60]],
  [19, [0x14]],
  [20, [0x06]],
  [21, [0x40]],
  [22, ADDR1],
  [38, ADDR2],
  [54, [0x04, 0xd2, 0x00, 0x50]],
  [67, [0x02]],
]);
/** V6 with a fragment header (next header 44) at 54 and TCP moved to 62. */
export const V6FRAG = frame(82, [
  [12, [0x86, 0xdd]],
  [14, [0x60]],
  [19, [0x1c]],
  [20, [0x2c]],
  [21, [0x40]],
  [22, ADDR1],
  [38, ADDR2],
  [54, [0x06, 0x00, 0x00, 0x09, 0x12, 0x34, 0x56, 0x78]],
  [62, [0x04, 0xd2, 0x00, 0x50]],
  [75, [0x02]],
]);

/** Packets by the names used in vector files. */
export const NAMED_PACKETS: Readonly<Record<string, Uint8Array>> = { S, S443, S22, U, S3, S4, S5, D, D512, A, T, P128, V6, V6FRAG };
