// Classic BPF target: lowering (lower.ts, with the header walk in headers.ts and the value
// analysis in values.ts), layout (layout.ts) and the tcpdump-style formats (format.ts).
export * from './insn.js';
export * from './lower.js';
export * from './format.js';
