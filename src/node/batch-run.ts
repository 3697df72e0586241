// Running a filter over a batch of packets (capture/batch.ts): one runBatch call for the whole
// batch, unless the program reads TSTAMP or WIRELEN, which runBatch does not supply; then
// execAt per packet with the batch's timestamps and wire lengths. Shared by `vfm test`,
// `vfm filter` and the range workers.

import type { PacketBatch } from '../capture/batch.js';
import type { PacketFilter } from '../tiers/select.js';

/** A function filling `statuses` for a batch (1 accept, 0 drop, negative fault code). */
export function batchRunner(vm: PacketFilter): (batch: PacketBatch, statuses: Int32Array) => void {
  const perPacket = vm.program.insns.some((i) => i.op.name === 'tstamp' || i.op.name === 'wirelen');
  if (!perPacket) return (b, statuses) => vm.runBatch(b.frames, b.frameOffsets, b.frameLengths, b.count, statuses);
  return (b, statuses) => {
    const { frames, frameOffsets, frameLengths, tsHi, tsLo, wireLengths } = b;
    for (let k = 0; k < b.count; k++) statuses[k] = vm.execAt(frames, frameOffsets[k], frameLengths[k], tsHi[k], tsLo[k], wireLengths[k]);
  };
}

/** True when the batches for `vm` need timestamp halves. */
export function needsTimestamps(vm: PacketFilter): boolean {
  return vm.program.insns.some((i) => i.op.name === 'tstamp');
}
