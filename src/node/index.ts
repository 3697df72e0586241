// Node-only API: the CLI entry and file helpers.
export { main } from './cli.js';
export { nodeIo, type CliIo } from './io.js';
export { ParallelRun, runCaptureParallel, chooseShard, symmetricFlowHash, type ParallelOptions, type ParallelResult, type ShardSpec, type ShardChoice } from './parallel.js';
