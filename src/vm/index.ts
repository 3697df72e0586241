export * from './result.js';
export * from './flow-table.js';
export * from './reference.js';
export * from './interpreter.js';
export { hash5, hash6, ipv4ChecksumOk, ipv6ExtField, ipVersion, locateHeaders, transportOffset, headerField, HDR, HDR_FIELDS, OUT } from './packet-ops.js';
