// The VFLisp compiler pipeline: read, check, generate, verify. `compileVflisp` returns the
// bytecode (always accepted by verifyProgram), the syntax tree, the checked IR and any
// warnings; it throws an ErrorList holding every error it found.

import { CompileError, ErrorList, type FilterError } from '../diag/errors.js';
import { SourceText } from '../diag/source.js';
import { guardCompile } from '../diag/limits.js';
import { verifyProgram } from '../verify/verify.js';
import { joinImage } from '../bytecode/sets.js';
import type { SetFileReader } from './set-file.js';
import { formatIpv4, formatIpv6 } from '../util/inet.js';
import type { Node } from './ast.js';
import { Checker } from './checker.js';
import { Codegen, type CodegenOptions } from './codegen.js';
import { fieldByName } from './fields.js';
import { FORM_TABLE, RESERVED_FORMS } from './forms.js';
import type { Expr } from './ir.js';
import { readExpression } from './reader.js';
import { type StateUse, commonParts, partText } from './stateful-forms.js';
import { buildKeyProgram } from './stateful-codegen.js';
import type { Span } from '../diag/source.js';

export interface CompiledFilter {
  readonly bytes: Uint8Array;
  readonly ast: Node;
  readonly ir: Expr;
  /** Source span of each instruction, by pc. */
  readonly spans: ReadonlyMap<number, import('../diag/source.js').Span>;
  readonly warnings: readonly FilterError[];
  readonly source: SourceText;
  /** What the filter's stateful forms key on, for sharding a capture over workers. */
  readonly flowKeys: FlowKeyInfo;
}

/** The flow keys of a compiled filter (docs/stateful.md, multi-core). */
export interface FlowKeyInfo {
  /** True when the filter uses the flow table. */
  readonly stateful: boolean;
  /** Each stateful form in source order with the canonical text of its key parts. */
  readonly uses: readonly { readonly form: string; readonly span: Span; readonly keys: readonly string[] }[];
  /** Key parts every stateful form shares; sharding by them gives single-threaded results. */
  readonly common: readonly string[];
  /** Bytecode returning a hash of the common parts (0 when one is absent); undefined without common parts. */
  readonly shardProgram: Uint8Array | undefined;
}

/** Read one VFLisp expression (syntax only). @throws {ErrorList} of ParseError */
export function parseVflisp(text: string, name = '<expr>'): Node {
  const source = new SourceText(name, text);
  return guardCompile('the VFLisp expression', source, { start: 0, end: Math.min(1, text.length) }, () => readExpression(source));
}

/**
 * Compile VFLisp source to verified bytecode.
 * @param text the source: exactly one expression
 * @param name file name used in error positions
 * @param options code generator options (e.g. `setSearchMin`)
 * @throws {ErrorList} every lexer/parser error, or every checker error, with positions
 */
export function compileVflisp(text: string, name = '<expr>', options: CompileOptions = {}): CompiledFilter {
  const source = new SourceText(name, text);
  return guardCompile('the VFLisp expression', source, { start: 0, end: Math.min(1, text.length) }, () => compileSource(source, options));
}

/** Options of compileVflisp: the code generator's, and the reader of `(file "PATH")` set files. */
export interface CompileOptions extends CodegenOptions {
  /** Returns the text of a set file; throws a FilterError (ERR_IO) when it cannot. Without it, `(file ...)` is an error. */
  readonly readFile?: SetFileReader;
}

function compileSource(source: SourceText, options: CompileOptions): CompiledFilter {
  const ast = readExpression(source);
  const checker = new Checker(source, FORM_TABLE, RESERVED_FORMS);
  checker.fileReader = options.readFile;
  const ir = checker.program(ast);
  checker.throwIfErrors();
  const codegen = new Codegen(source, options);
  const code = codegen.program(ir!);
  const built = { bytes: joinImage(code.bytes, codegen.tables), spans: code.spans };
  try {
    verifyProgram(built.bytes);
  } catch (e) {
    // The code generator must only produce valid programs; say so loudly if it did not.
    const err = e as FilterError;
    if (err.code === 'ERR_VERIFY_OVERFLOW') {
      const span = built.spans.get(err.where.pc ?? -1) ?? ast.span;
      throw new ErrorList([new CompileError('ERR_COMPILE_STACK', `expression too deeply nested: it needs more than 255 stack slots (${err.message})`, { span, source })]);
    }
    throw new ErrorList([new CompileError(err.code, `internal compiler error, generated code failed verification: ${err.message}`, { span: ast.span, source })]);
  }
  return { bytes: built.bytes, ast, ir: ir!, spans: built.spans, warnings: checker.warnings, source, flowKeys: flowKeyInfo(checker.stateUses, ast.span) };
}

function flowKeyInfo(uses: readonly StateUse[], span: Span): FlowKeyInfo {
  const common = commonParts(uses);
  return {
    stateful: uses.length > 0,
    uses: uses.map((u) => ({ form: u.form, span: u.span, keys: u.keys })),
    common: common.map(partText),
    shardProgram: common.length === 0 ? undefined : buildKeyProgram(new Codegen(), common, span).bytes,
  };
}

/**
 * Bytecode that returns a shard key for the given key parts, each a VFLisp expression such as
 * `src-ip` or `(& src-ip 0xffffff00)` (as for count-by): packets with equal parts get equal keys,
 * and 0 when one is absent.
 * @throws {ErrorList} when a part does not check
 */
export function compileShardKey(parts: readonly string[]): { readonly bytes: Uint8Array; readonly keys: readonly string[] } {
  const info = compileVflisp(`(count-by ${parts.join(' ')})`, '<shard-by>').flowKeys;
  return { bytes: info.shardProgram!, keys: info.common };
}

/** The `-a` dump: one node per line, two spaces per level (the C tool's layout). */
export function formatAst(node: Node, depth = 0): string {
  const pad = '  '.repeat(depth);
  switch (node.kind) {
    case 'list':
      return [`${pad}LIST: (${node.items.length} children)`, ...node.items.map((n) => formatAst(n, depth + 1))].join('\n');
    case 'int':
      return `${pad}INTEGER: ${node.negative ? BigInt.asIntN(64, node.value) : node.value}`;
    case 'ip4':
      return `${pad}IPV4: ${formatIpv4(node.value)}${node.prefix !== undefined ? `/${node.prefix}` : ''}`;
    case 'ip6': {
      const groups: string[] = [];
      for (let s = 112n; s >= 0n; s -= 16n) groups.push(((node.value >> s) & 0xffffn).toString(16).padStart(4, '0'));
      return `${pad}IPV6: ${groups.join(':')}${node.prefix !== undefined ? `/${node.prefix}` : ''} (${formatIpv6(node.value)})`;
    }
    case 'string':
      return `${pad}STRING: ${JSON.stringify(node.value)}`;
    case 'symbol': {
      const f = fieldByName(node.name);
      return f !== undefined ? `${pad}FIELD: ${f.name} (${f.layout})` : `${pad}SYMBOL: ${node.name}`;
    }
  }
}
