// The instruction table: the single source of truth for every opcode.
// Codes 0-64 are the C original's latest numbering (include/vfm.h), with its sizes and
// operand byte order; codes from 65 up are VFM-for-TypeScript extensions. Encoder, decoder,
// assembler, disassembler, verifier, every tier and target, and docs/isa.md derive from it.
// `pop`/`push` are the exact run-time stack effects in 64-bit slots (a 128-bit value is two
// slots, high half deeper). `doc` carries the stack picture: `a b -- r` with b on top.

/** How the operand bytes after the opcode byte are laid out. */
export type OperandFormat =
  | 'none' // no operand
  | 'imm8' // u8
  | 'off16' // u16 little-endian packet offset
  | 'rel16' // i16 little-endian jump displacement, relative to the next instruction
  | 'imm32' // u32 little-endian
  | 'imm64' // u64 little-endian
  | 'imm128'; // 16 bytes in network (big-endian) order

/** How control leaves an instruction. */
export type Flow = 'next' | 'jump' | 'branch' | 'return';

export type Family =
  | 'load'
  | 'stack'
  | 'alu'
  | 'compare'
  | 'jump'
  | 'return'
  | 'packet'
  | 'flow'
  | 'wide'
  | 'set'
  | 'reserved';

export interface OpSpec {
  readonly code: number;
  readonly name: string;
  readonly format: OperandFormat;
  readonly pop: number;
  readonly push: number;
  readonly flow: Flow;
  readonly family: Family;
  /** JIT-only opcodes of the C original: decodable, never verifiable or executable. */
  readonly reserved?: boolean;
  readonly doc: string;
}

/** Operand size in bytes for each format (the instruction is one byte longer). */
export const OPERAND_BYTES = {
  none: 0,
  imm8: 1,
  off16: 2,
  rel16: 2,
  imm32: 4,
  imm64: 8,
  imm128: 16,
} as const satisfies Record<OperandFormat, number>;

export const OPCODES = [
  { code: 0, name: 'ld8', format: 'off16', pop: 0, push: 1, flow: 'next', family: 'load', doc: '-- p[off]  load 1 byte at off; bounds fault if off+1 > len' },
  { code: 1, name: 'ld16', format: 'off16', pop: 0, push: 1, flow: 'next', family: 'load', doc: '-- p[off..off+1]  load 2 bytes big-endian; bounds fault if off+2 > len' },
  { code: 2, name: 'ld32', format: 'off16', pop: 0, push: 1, flow: 'next', family: 'load', doc: '-- p[off..off+3]  load 4 bytes big-endian; bounds fault if off+4 > len' },
  { code: 3, name: 'ld64', format: 'off16', pop: 0, push: 1, flow: 'next', family: 'load', doc: '-- p[off..off+7]  load 8 bytes big-endian; bounds fault if off+8 > len' },
  { code: 4, name: 'push', format: 'imm64', pop: 0, push: 1, flow: 'next', family: 'stack', doc: '-- imm  push a 64-bit constant' },
  { code: 5, name: 'pop', format: 'none', pop: 1, push: 0, flow: 'next', family: 'stack', doc: 'a --  discard the top value' },
  { code: 6, name: 'dup', format: 'none', pop: 1, push: 2, flow: 'next', family: 'stack', doc: 'a -- a a  duplicate the top value' },
  { code: 7, name: 'swap', format: 'none', pop: 2, push: 2, flow: 'next', family: 'stack', doc: 'a b -- b a  exchange the top two values' },
  { code: 8, name: 'add', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a+b  (mod 2^64)' },
  { code: 9, name: 'sub', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a-b  (mod 2^64)' },
  { code: 10, name: 'mul', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a*b  (mod 2^64)' },
  { code: 11, name: 'div', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a/b  unsigned, rounded down; division fault if b = 0' },
  { code: 12, name: 'and', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a&b' },
  { code: 13, name: 'or', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a|b' },
  { code: 14, name: 'xor', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a^b' },
  { code: 15, name: 'and32', format: 'none', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  { code: 16, name: 'shl', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a<<(b&63)' },
  { code: 17, name: 'shr', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a>>(b&63)  logical' },
  { code: 18, name: 'jmp', format: 'rel16', pop: 0, push: 0, flow: 'jump', family: 'jump', doc: '--  goto target' },
  { code: 19, name: 'jeq', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a = b goto target' },
  { code: 20, name: 'jne', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a != b goto target' },
  { code: 21, name: 'jgt', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a > b goto target (unsigned)' },
  { code: 22, name: 'jlt', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a < b goto target (unsigned)' },
  { code: 23, name: 'ret', format: 'none', pop: 1, push: 0, flow: 'return', family: 'return', doc: 'v --  halt with v: nonzero accepts, 0 drops' },
  { code: 24, name: 'hash5', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- h  FNV-style hash of the IPv4 5-tuple at fixed offsets (0 if len < 34)' },
  { code: 25, name: 'csum', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- ok  1 if the packet is IPv4 with a correct header checksum, else 0' },
  { code: 26, name: 'parse', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- off  byte offset of the transport header (VLAN, IHL and IPv6-extension aware), 0 if none' },
  { code: 27, name: 'flow_load', format: 'none', pop: 1, push: 1, flow: 'next', family: 'flow', doc: 'key -- value  flow-table lookup; 0 on a miss or without a table' },
  { code: 28, name: 'flow_store', format: 'none', pop: 2, push: 0, flow: 'next', family: 'flow', doc: 'key value --  flow-table store (LRU within the probe window); no-op without a table' },
  { code: 29, name: 'jge', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a >= b goto target (unsigned)' },
  { code: 30, name: 'jle', format: 'rel16', pop: 2, push: 0, flow: 'branch', family: 'jump', doc: 'a b --  if a <= b goto target (unsigned)' },
  { code: 31, name: 'not', format: 'none', pop: 1, push: 1, flow: 'next', family: 'alu', doc: 'a -- ~a  bitwise complement' },
  { code: 32, name: 'neg', format: 'none', pop: 1, push: 1, flow: 'next', family: 'alu', doc: 'a -- -a  (2^64 - a) mod 2^64' },
  { code: 33, name: 'mod', format: 'none', pop: 2, push: 1, flow: 'next', family: 'alu', doc: 'a b -- a%b  unsigned; division fault if b = 0' },
  { code: 34, name: 'eq', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a=b  1 or 0' },
  { code: 35, name: 'ne', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a!=b  1 or 0' },
  { code: 36, name: 'gt', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a>b  1 or 0, unsigned' },
  { code: 37, name: 'lt', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a<b  1 or 0, unsigned' },
  { code: 38, name: 'ge', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a>=b  1 or 0, unsigned' },
  { code: 39, name: 'le', format: 'none', pop: 2, push: 1, flow: 'next', family: 'compare', doc: 'a b -- a<=b  1 or 0, unsigned' },
  { code: 40, name: 'ld128', format: 'off16', pop: 0, push: 2, flow: 'next', family: 'wide', doc: '-- hi lo  load 16 bytes big-endian as a 128-bit value; bounds fault if off+16 > len' },
  { code: 41, name: 'push128', format: 'imm128', pop: 0, push: 2, flow: 'next', family: 'wide', doc: '-- hi lo  push a 128-bit constant (operand in network order)' },
  { code: 42, name: 'eq128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A=B  128-bit compare, 1 or 0' },
  { code: 43, name: 'ne128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A!=B  128-bit compare, 1 or 0' },
  { code: 44, name: 'gt128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A>B  128-bit unsigned compare, 1 or 0' },
  { code: 45, name: 'lt128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A<B  128-bit unsigned compare, 1 or 0' },
  { code: 46, name: 'ge128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A>=B  128-bit unsigned compare, 1 or 0' },
  { code: 47, name: 'le128', format: 'none', pop: 4, push: 1, flow: 'next', family: 'wide', doc: 'A B -- A<=B  128-bit unsigned compare, 1 or 0' },
  { code: 48, name: 'and128', format: 'none', pop: 4, push: 2, flow: 'next', family: 'wide', doc: 'A B -- A&B  128-bit' },
  { code: 49, name: 'or128', format: 'none', pop: 4, push: 2, flow: 'next', family: 'wide', doc: 'A B -- A|B  128-bit' },
  { code: 50, name: 'xor128', format: 'none', pop: 4, push: 2, flow: 'next', family: 'wide', doc: 'A B -- A^B  128-bit' },
  { code: 51, name: 'jeq128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A = B goto target (128-bit)' },
  { code: 52, name: 'jne128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A != B goto target (128-bit)' },
  { code: 53, name: 'jgt128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A > B goto target (128-bit unsigned)' },
  { code: 54, name: 'jlt128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A < B goto target (128-bit unsigned)' },
  { code: 55, name: 'jge128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A >= B goto target (128-bit unsigned)' },
  { code: 56, name: 'jle128', format: 'rel16', pop: 4, push: 0, flow: 'branch', family: 'wide', doc: 'A B --  if A <= B goto target (128-bit unsigned)' },
  { code: 57, name: 'ip_ver', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- v  high nibble of byte 14 (0 if len < 15); no EtherType check' },
  { code: 58, name: 'ipv6_ext', format: 'imm8', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- x  IPv6 extension-header field selected by the operand (VFLisp field code)' },
  { code: 59, name: 'hash6', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- h  FNV-style hash of the IPv6 5-tuple at fixed offsets (0 if len < 54)' },
  { code: 60, name: 'bulk_load128', format: 'imm8', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  { code: 61, name: 'parallel_eq128', format: 'imm8', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  { code: 62, name: 'stack_prefetch', format: 'imm8', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  { code: 63, name: 'eq32', format: 'none', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  { code: 64, name: 'push32', format: 'imm32', pop: 0, push: 0, flow: 'next', family: 'reserved', reserved: true, doc: 'reserved (JIT-only in the C original); rejected by the verifier' },
  // ---- VFM extensions (65 and up) ----
  { code: 65, name: 'ldx8', format: 'off16', pop: 1, push: 1, flow: 'next', family: 'load', doc: 'base -- p[base+off]  indirect 1-byte load; bounds fault if base+off+1 > len' },
  { code: 66, name: 'ldx16', format: 'off16', pop: 1, push: 1, flow: 'next', family: 'load', doc: 'base -- p[base+off..]  indirect 2-byte big-endian load; bounds fault if base+off+2 > len' },
  { code: 67, name: 'ldx32', format: 'off16', pop: 1, push: 1, flow: 'next', family: 'load', doc: 'base -- p[base+off..]  indirect 4-byte big-endian load; bounds fault if base+off+4 > len' },
  { code: 68, name: 'ldx64', format: 'off16', pop: 1, push: 1, flow: 'next', family: 'load', doc: 'base -- p[base+off..]  indirect 8-byte big-endian load; bounds fault if base+off+8 > len' },
  { code: 69, name: 'len', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- n  packet length in bytes' },
  { code: 70, name: 'hdr', format: 'imm8', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- x  header fact selected by the operand: 0 network offset, 1 EtherType, 2 VLAN tags, 3 IP version, 4 transport offset, 5 transport protocol, 6 outer VLAN id, 7 fragment flag (see docs/isa.md)' },
  { code: 71, name: 'ldx128', format: 'off16', pop: 1, push: 2, flow: 'next', family: 'wide', doc: 'base -- hi lo  indirect 16-byte big-endian load at base+off; bounds fault if base+off+16 > len' },
  { code: 72, name: 'tstamp', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- t  the packet\'s capture timestamp in nanoseconds since the Unix epoch (0 when none was given)' },
  { code: 73, name: 'wirelen', format: 'none', pop: 0, push: 1, flow: 'next', family: 'packet', doc: '-- n  the packet\'s length on the wire (the capture record\'s original length; LEN when none was given)' },
  { code: 74, name: 'inset', format: 'imm8', pop: 1, push: 1, flow: 'next', family: 'set', doc: 'v -- m  1 if v is in set table T (the operand) of the program\'s set section, else 0; T holds 64-bit values or intervals' },
  { code: 75, name: 'inset128', format: 'imm8', pop: 2, push: 1, flow: 'next', family: 'set', doc: 'V -- m  1 if the 128-bit V is in set table T (the operand), else 0; T holds 128-bit values or intervals (prefixes)' },
] as const satisfies readonly OpSpec[];

export type OpEntry = (typeof OPCODES)[number];
/** Lower-case mnemonic of an opcode, e.g. `'ld16'`. */
export type OpName = OpEntry['name'];
/** Numeric opcode, e.g. `1`. */
export type OpCode = OpEntry['code'];
/** Opcodes that a verified program may contain. */
export type LiveOpName = Exclude<OpName, Extract<OpEntry, { reserved: true }>['name']>;
