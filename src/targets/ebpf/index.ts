export * from './insn.js';
export * from './lower.js';
export * from './elf.js';
export * from './compile.js';
