export * from './verify.js';
export * from './ranges.js';
