// The catalogue of error codes. Every FilterError carries one of these stable codes; tests
// assert them and users can search for them. Run-time faults use the C original's numeric
// codes from include/vfm.h (spec 2.7) so that a C-compatible int view stays possible.

/** Numeric fault codes of the C original (include/vfm.h). */
export const FAULT = {
  BOUNDS: -1,
  LIMIT: -2,
  STACK_OVERFLOW: -3,
  STACK_UNDERFLOW: -4,
  INVALID_OPCODE: -5,
  DIVISION_BY_ZERO: -6,
  INVALID_PROGRAM: -7,
  NO_MEMORY: -8,
  VERIFICATION_FAILED: -9,
} as const;

export type FaultName = keyof typeof FAULT;
export type FaultCode = (typeof FAULT)[FaultName];

const FAULT_TEXT: Record<FaultCode, string> = {
  [-1]: 'packet bounds exceeded',
  [-2]: 'instruction limit exceeded',
  [-3]: 'stack overflow',
  [-4]: 'stack underflow',
  [-5]: 'invalid opcode',
  [-6]: 'division by zero',
  [-7]: 'invalid program',
  [-8]: 'out of memory',
  [-9]: 'verification failed',
};

const FAULT_NAME = new Map<number, FaultName>(
  (Object.entries(FAULT) as [FaultName, FaultCode][]).map(([name, code]) => [code, name]),
);

/** `'BOUNDS'` for -1 and so on; `undefined` for a number that is not a fault code. */
export function faultName(code: number): FaultName | undefined {
  return FAULT_NAME.get(code);
}

/** Lower-case description of a fault code, as `vfm_error_string` words it. */
export function describeFault(code: number): string {
  return FAULT_TEXT[code as FaultCode] ?? `unknown error ${code}`;
}

/** Stable string codes of every error the toolchain reports. */
export const ERROR_CODES = {
  // decoding bytecode
  ERR_DECODE_EMPTY: 'the program has no bytes',
  ERR_DECODE_TOO_LARGE: 'the program is larger than 65536 bytes',
  ERR_DECODE_TRUNCATED: 'the last instruction is cut short',
  ERR_DECODE_OPCODE: 'an opcode byte is not in the table',
  ERR_DECODE_SET: 'a malformed set section (table sizes, kinds, widths, unsorted keys, overlapping intervals)',
  // verifying
  ERR_VERIFY_EMPTY: 'the program has no bytes',
  ERR_VERIFY_TOO_LARGE: 'the program is larger than 65536 bytes',
  ERR_VERIFY_OPCODE: 'an invalid opcode',
  ERR_VERIFY_RESERVED: 'a reserved (JIT-only) opcode',
  ERR_VERIFY_TRUNCATED: 'an instruction runs past the end of the program',
  ERR_VERIFY_JUMP_RANGE: 'a jump target outside the program',
  ERR_VERIFY_JUMP_MISALIGNED: 'a jump target inside another instruction',
  ERR_VERIFY_FALLS_OFF: 'a path runs off the end of the program',
  ERR_VERIFY_UNDERFLOW: 'an instruction needs more values than the stack holds',
  ERR_VERIFY_OVERFLOW: 'the stack would hold more than 255 values',
  ERR_VERIFY_MERGE: 'stack depths differ where paths merge',
  ERR_VERIFY_UNREACHABLE: 'an instruction no path reaches',
  ERR_VERIFY_SET: 'a malformed set section, or an INSET naming a missing table or one of the other width',
  // assembling
  ERR_ASM_CHAR: 'a character the assembler does not know',
  ERR_ASM_NUMBER: 'a malformed number',
  ERR_ASM_RANGE: 'a value too large for its operand',
  ERR_ASM_MNEMONIC: 'an unknown instruction',
  ERR_ASM_OPERAND: 'a missing or wrong operand',
  ERR_ASM_TOKEN: 'an unexpected token',
  ERR_ASM_LABEL_DUPLICATE: 'a label defined twice',
  ERR_ASM_LABEL_UNDEFINED: 'a label used but never defined',
  ERR_ASM_JUMP_RANGE: 'a jump displacement outside -32768..32767',
  ERR_ASM_TOO_LARGE: 'the program is larger than 65536 bytes',
  ERR_ASM_DIRECTIVE: 'an unknown directive',
  ERR_ASM_EXTENSION: 'a VFM extension used where only the C assembler language is allowed',
  ERR_ASM_EMPTY: 'the source assembles to no bytes',
  // ahead-of-time targets (classic BPF, eBPF)
  ERR_TARGET_UNSUPPORTED: 'an instruction the target cannot express',
  ERR_TARGET_LOOP: 'a backward jump (loop) in a loop-free target',
  ERR_TARGET_WIDE: 'a value wider than 32 bits that matters, in classic BPF',
  ERR_TARGET_SHIFT: 'a shift by a run-time amount that may reach 32, in classic BPF',
  ERR_TARGET_SCRATCH: 'more live stack values than the target has storage for',
  ERR_TARGET_TOO_LARGE: 'the lowered program exceeds the target instruction limit',
  ERR_TARGET_LINK: 'a packet load that the chosen link mode cannot see',
  // VFLisp
  ERR_LEX_TOKEN: 'a VFLisp atom that is no number, address or symbol',
  ERR_LEX_INT_RANGE: 'a VFLisp integer outside the 64-bit range',
  ERR_LEX_ADDRESS: 'a malformed IPv4/IPv6 address or prefix length',
  ERR_PARSE_EOF: 'the VFLisp text ends inside a list, or holds no expression',
  ERR_PARSE_CLOSE: "a ')' without a matching '('",
  ERR_PARSE_TRAILING: 'text after the one VFLisp expression',
  ERR_PARSE_DEPTH: 'lists or parentheses nested deeper than 256 levels (MAX_NESTING)',
  ERR_COMPILE_STACK: 'a VFLisp expression that needs more than 255 stack slots',
  ERR_COMPILE_TOO_LARGE: 'a filter whose code would exceed 65536 bytes',
  ERR_COMPILE_LIMIT: 'a filter too large or too deeply nested for the compiler (stack, memory or step limit)',
  ERR_CHECK_EMPTY_CALL: 'an empty list ()',
  ERR_CHECK_HEAD: 'a list whose head is not a function name',
  ERR_CHECK_UNKNOWN_FUNCTION: 'an unknown VFLisp function',
  ERR_CHECK_UNKNOWN_FIELD: 'an unknown VFLisp field or name',
  ERR_CHECK_ARITY: 'a VFLisp form with the wrong number of arguments',
  ERR_CHECK_TYPE: 'a VFLisp operand of the wrong type',
  ERR_CHECK_CONST: 'a VFLisp operand that must be a constant',
  ERR_CHECK_CIDR: 'a prefix with host bits set, or used where no prefix is allowed',
  ERR_CHECK_UNSUPPORTED: 'a reserved VFLisp form that is not supported yet',
  ERR_CHECK_WINDOW: 'a stateful-form window that is not a duration from 1 ms to 2^42-1 ms',
  ERR_CHECK_NEGATIVE: 'a negative literal in an unsigned ordering comparison (warning)',
  ERR_CHECK_RANGE: 'a comparison of a field with a constant it can never reach: always true or always false (warning)',
  ERR_CHECK_SET_FILE: 'a set file line that is not one address, prefix or number, or a set file without values',
  ERR_CHECK_DIV_ZERO: 'a division or remainder by the constant 0: it faults on every packet that reaches it (warning)',
  // command line and files
  // pcap-filter (tcpdump expressions)
  ERR_PCAP_SYNTAX: 'a pcap-filter expression that does not parse',
  ERR_PCAP_DEPTH: 'a pcap-filter expression nested deeper than the nesting limit (MAX_NESTING)',
  ERR_PCAP_FILTER: 'a pcap-filter primitive libpcap rejects (bad qualifier, value out of range, invalid address)',
  ERR_PCAP_NAME: 'an unknown host, port, protocol or other name in a pcap-filter expression',
  ERR_PCAP_LINK: 'a pcap-filter primitive not supported on the link type',
  ERR_PCAP_EMPTY: 'a pcap-filter expression that rejects all packets',
  ERR_PCAP_UNSUPPORTED: 'a pcap-filter primitive this compiler does not implement',
  ERR_PCAP_TOO_LARGE: 'a pcap-filter expression whose program exceeds the VFM limits',
  ERR_USAGE: 'bad command-line arguments',
  ERR_TIER_UNAVAILABLE: 'the requested execution tier cannot run in this process',
  ERR_IO: 'a file could not be read or written',
  ERR_LIVE_CAPTURE: 'a live capture (tcpdump or dumpcap on an interface) could not start or failed',
  ERR_PACKET_HEX: 'a malformed hex packet',
  // reading captures (pcap, pcapng, .pkt)
  ERR_CAPTURE_FORMAT: 'the input is not a pcap, pcapng or .pkt capture',
  ERR_CAPTURE_HEADER: 'a capture file header or section header is malformed',
  ERR_CAPTURE_TRUNCATED: 'the capture ends in the middle of a header, record or block',
  ERR_CAPTURE_BLOCK: 'a pcapng block has a bad length, trailer or body',
  ERR_CAPTURE_LENGTH: 'a packet record claims an impossible length',
  ERR_CAPTURE_INTERFACE: 'a pcapng packet names an interface that was not described',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES | (string & { readonly __open?: never });
