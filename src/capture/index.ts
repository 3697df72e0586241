// Capture I/O: streaming pcap, pcapng and .pkt readers, writers and link-type presentation.
export * from './types.js';
export { detectFormat } from './detect.js';
export { CaptureReader, type CaptureReaderOptions, readCapture, readCaptureStream, collectPackets } from './reader.js';
export { type MetaKind } from './unit.js';
export { isPresentedAsEthernet } from './link.js';
export { type PcapngInterface } from './pcapng.js';
export { type ByteSink, ChunkedOutput, PcapWriter, type PcapWriterOptions, PcapngWriter, type PcapngInterfaceOptions, PassThroughWriter } from './writer.js';
