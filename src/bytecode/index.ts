export * from './decode.js';
export * from './legacy.js';
export * from './builder.js';
export * from './sets.js';
