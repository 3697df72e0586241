export * from './codes.js';
export * from './errors.js';
export * from './source.js';
export * from './limits.js';
