// Packet decoding for people: tcpdump-like one-line summaries (browser-safe).
export { type PacketSummary, summarizePacket, summarizeCapturePacket, summaryLine, formatTimeOfDay } from './summary.js';
