// pcap-filter (tcpdump expressions): public entry points of the front end.
export { compilePcapFilter, DEFAULT_SNAPLEN, type PcapFilterOptions, type PcapFilterProgram } from './compile.js';
export { parsePcapFilter, MAX_PCAP_DEPTH } from './parser.js';
export { BUILTIN_NAMES, type PcapNames, type ServicePorts } from './names.js';
export { PCAP_LINK } from './gen.js';
