// Packet records of a classic pcap file (either byte order, micro- or nanosecond magic), for
// tests that need real packets; pcapng and damaged files give an empty list.

export function pcapRecords(file: Uint8Array, max = Infinity): Uint8Array[] {
  if (file.length < 24) return [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = view.getUint32(0, true);
  let little: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) little = true;
  else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) little = false;
  else return [];
  const out: Uint8Array[] = [];
  for (let at = 24; at + 16 <= file.length && out.length < max; ) {
    const caplen = view.getUint32(at + 8, little);
    if (at + 16 + caplen > file.length) break;
    out.push(file.subarray(at + 16, at + 16 + caplen));
    at += 16 + caplen;
  }
  return out;
}
