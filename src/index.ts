// Public, browser-safe API of VFM: everything outside src/node/. Uses only Uint8Array and
// DataView, no node:* modules.

export * from './isa/index.js';
export * from './diag/index.js';
export * from './bytecode/index.js';
export * from './asm/index.js';
export * from './verify/index.js';
export * from './vm/index.js';
export { parseIpv4, parseIpv6, formatIpv4, formatIpv6 } from './util/inet.js';
export { parseHex, toHex } from './util/bytes.js';
export { toCInt } from './util/u64.js';
export * from './tiers/select.js';
export * as cbpf from './targets/cbpf/index.js';
export * as ebpf from './targets/ebpf/index.js';
export * as craft from './packet/craft.js';
export * from './capture/index.js';
export * from './lang/index.js';
export * from './pcap/index.js';
export * from './decode/index.js';
