// The assembler and disassembler of VFM assembly (docs/assembly.md). Browser-safe.
export { assemble, type AsmOptions, type AsmResult } from './assemble.js';
export { disassemble, type DisasmOptions } from './disassemble.js';
export { parseAsmNumber } from './number.js';
