export * from './opcodes.js';
export * from './lookup.js';
