export * from './insn.js';
export * from './lower.js';
export * from './format.js';
