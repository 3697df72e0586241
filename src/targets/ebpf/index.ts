// eBPF target: lowering to socket-filter and XDP programs (lower.ts), the ELF object with its
// BTF-defined flow-table map (elf.ts), both together (compile.ts) and the listing (insn.ts).
export * from './insn.js';
export * from './lower.js';
export * from './elf.js';
export * from './compile.js';
export * from './sets.js';
