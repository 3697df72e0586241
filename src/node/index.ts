// Node-only API: the CLI entry and file helpers.
export { main } from './cli.js';
export { nodeIo, type CliIo } from './io.js';
