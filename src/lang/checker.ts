// The VFLisp checker: gives the syntax tree its meaning through the form table (forms.ts)
// and the field table, checks arity and types (u64, 128-bit address, and address fields
// whose family the other operand chooses) and builds the folded IR. It reports every
// error it finds, in source order, with "did you mean" suggestions.

import { CheckError, ErrorList, FilterError } from '../diag/errors.js';
import { type SetFileReader, readSetFile } from './set-file.js';
import type { SourceText, Span } from '../diag/source.js';
import type { ListNode, Node } from './ast.js';
import { FIELDS, fieldByName, fieldMax } from './fields.js';
import { type CmpOp, type Expr, isWide, mkArith, mkCmp, mkConst } from './ir.js';
import { didYouMean } from './suggest.js';
import type { StateUse } from './stateful-forms.js';
import { formatIpv4, formatIpv6 } from '../util/inet.js';

const SUGGESTED_ERRORS = 1000;
const FIELD_NAMES: readonly string[] = FIELDS.map((f) => f.name);

/** Value types: 64-bit, 128-bit address, or an address field of either family (chosen by use). */
export type Ty = 'u64' | 'wide' | 'addr';

export interface Typed {
  readonly e: Expr;
  readonly ty: Ty;
}

/** An operand of a comparison: a value, or a prefix literal such as 10.0.0.0/8. */
export type Operand = Typed | { readonly prefix: number; readonly family: 4 | 6; readonly net: bigint; readonly span: Span; readonly text: string };

/** A form: its arity and how it checks its arguments and builds IR. */
export interface FormDef {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Argument picture for help and errors, e.g. `(range X LO HI)`. */
  readonly usage: string;
  readonly doc: string;
  check(cx: Checker, call: ListNode, args: readonly Node[]): Typed | undefined;
}

export class Checker {
  readonly errors: FilterError[] = [];
  /** Reads `(file "PATH")` set files; without one the form is an error (the browser-safe core reads no files). */
  fileReader: SetFileReader | undefined;
  readonly warnings: FilterError[] = [];
  /** The stateful forms met so far, in source order, with their key parts. */
  readonly stateUses: StateUse[] = [];
  private sites = 0;

  constructor(
    readonly source: SourceText,
    private readonly forms: ReadonlyMap<string, FormDef>,
    private readonly reserved: ReadonlyMap<string, string>,
  ) {}

  error(code: string, message: string, span: Span): undefined {
    this.errors.push(new CheckError(code, message, { span, source: this.source }));
    return undefined;
  }

  /**
   * ` (did you mean X?)` for the first SUGGESTED_ERRORS errors; later errors (never printed:
   * the CLI lists the first 20) go without, so a text with a million typos stays fast.
   */
  didYouMean(name: string, candidates: Iterable<string>): string {
    return this.errors.length < SUGGESTED_ERRORS ? didYouMean(name, candidates) : '';
  }

  /** The next stateful-form site number (1, 2, ...): it seeds that form's flow keys. */
  nextSite(): number {
    return ++this.sites;
  }

  /**
   * A field (or raw load) compared with a constant beyond its largest value: the comparison
   * is always true or always false, so what was written cannot be what was meant. A warning
   * (ERR_CHECK_RANGE) at the constant: the C compiler accepts such code, and so do we.
   */
  private warnOutOfRange(op: CmpOp, a: Expr, b: Expr, opName: string): void {
    const bound = (e: Expr): { max: bigint; what: string } | undefined => {
      if (e.k === 'field') {
        const max = fieldMax(e.f);
        return max === undefined ? undefined : { max, what: e.f.name };
      }
      if (e.k === 'load' && e.width < 8) return { max: (1n << BigInt(8 * e.width)) - 1n, what: `a ${e.width}-byte load` };
      return undefined;
    };
    const left = b.k === 'const' ? bound(a) : undefined;
    const right = a.k === 'const' ? bound(b) : undefined;
    const field = left ?? right;
    const c = left !== undefined ? b : a;
    if (field === undefined || c.k !== 'const' || c.v <= field.max) return;
    // A negative literal in an ordering comparison has its own warning (ERR_CHECK_NEGATIVE).
    if (op !== 'eq' && op !== 'ne' && c.v >= 1n << 63n) return;
    // x <= max < c: which comparisons hold, with the constant on the right or on the left.
    const holds: Record<CmpOp, boolean> = left !== undefined
      ? { eq: false, ne: true, lt: true, le: true, gt: false, ge: false }
      : { eq: false, ne: true, lt: false, le: false, gt: true, ge: true };
    this.warn(
      'ERR_CHECK_RANGE',
      `${field.what} is at most ${field.max}, so comparing it with ${c.v} using ${opName} is always ${holds[op] ? 'true' : 'false'}`,
      c.span,
    );
  }

  warn(code: string, message: string, span: Span): void {
    this.warnings.push(new CheckError(code, message, { span, source: this.source }));
  }

  private allNames(): string[] {
    return [...FIELDS.map((f) => f.name), ...this.forms.keys()];
  }

  /**
   * The items of an `in` list with every `(file "PATH")` replaced by the file's members;
   * undefined (errors reported) when a file cannot be read or holds bad lines.
   */
  setItems(items: readonly Node[]): Node[] | undefined {
    const out: Node[] = [];
    let ok = true;
    for (const item of items) {
      const head = item.kind === 'list' ? item.items[0] : undefined;
      if (item.kind !== 'list' || head?.kind !== 'symbol' || head.name !== 'file') {
        out.push(item);
        continue;
      }
      const path = item.items[1];
      if (item.items.length !== 2 || path.kind !== 'string') {
        this.error('ERR_CHECK_ARITY', '(file "PATH") takes one string: the set file, one address, prefix or number a line', item.span);
        ok = false;
        continue;
      }
      if (this.fileReader === undefined) {
        this.error('ERR_CHECK_UNSUPPORTED', '(file "PATH") needs a file reader: the command line has one, the library takes it as the readFile option', item.span);
        ok = false;
        continue;
      }
      let text: string;
      try {
        text = this.fileReader(path.value);
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        this.error(e.code, `set file '${path.value}': ${e.message}`, path.span);
        ok = false;
        continue;
      }
      const before = this.errors.length;
      const members = readSetFile(path.value, text, item.span, this.errors);
      if (this.errors.length > before) ok = false;
      else if (members.length === 0) {
        this.error('ERR_CHECK_SET_FILE', `set file '${path.value}' holds no values`, path.span);
        ok = false;
      }
      for (const m of members) out.push(m);
    }
    return ok ? out : undefined;
  }

  /** Check an operand that may be a prefix literal (only comparisons and `in` accept one). */
  operand(node: Node): Operand | undefined {
    if ((node.kind === 'ip4' || node.kind === 'ip6') && node.prefix !== undefined) {
      const family = node.kind === 'ip4' ? 4 : 6;
      const bits = family === 4 ? 32 : 128;
      const value = BigInt(node.value);
      const host = (1n << BigInt(bits - node.prefix)) - 1n;
      if ((value & host) !== 0n) {
        return this.error('ERR_CHECK_CIDR', `prefix '${node.text}' has host bits set: did you mean ${node.kind === 'ip4' ? formatIpv4(Number(value & ~host)) : formatIpv6(value & ~host)}/${node.prefix}?`, node.span);
      }
      return { prefix: node.prefix, family, net: value, span: node.span, text: node.text };
    }
    return this.expr(node);
  }

  /** Check any expression. */
  expr(node: Node): Typed | undefined {
    switch (node.kind) {
      case 'int':
        return { e: mkConst(node.value, node.span), ty: 'u64' };
      case 'ip4':
        if (node.prefix !== undefined) return this.prefixMisuse(node.text, node.span);
        return { e: mkConst(BigInt(node.value), node.span), ty: 'u64' };
      case 'ip6':
        if (node.prefix !== undefined) return this.prefixMisuse(node.text, node.span);
        return { e: mkConst(node.value, node.span, true), ty: 'wide' };
      case 'symbol': {
        const f = fieldByName(node.name);
        if (f !== undefined) {
          const family = f.type === 'addr128' ? 6 : undefined;
          return { e: { k: 'field', f, family, span: node.span }, ty: f.type === 'u64' ? 'u64' : f.type === 'addr128' ? 'wide' : 'addr' };
        }
        if (this.forms.has(node.name) || this.reserved.has(node.name)) {
          return this.error('ERR_CHECK_UNKNOWN_FIELD', `'${node.name}' is a function, not a value: call it as (${node.name} ...)`, node.span);
        }
        return this.error('ERR_CHECK_UNKNOWN_FIELD', `unknown field '${node.name}'${this.didYouMean(node.name, FIELD_NAMES)}`, node.span);
      }
      case 'list':
        return this.call(node);
    }
  }

  private prefixMisuse(text: string, span: Span): undefined {
    return this.error('ERR_CHECK_CIDR', `prefix '${text}' is only allowed in = and != comparisons and in (in ...)`, span);
  }

  private call(node: ListNode): Typed | undefined {
    const [head, ...args] = node.items;
    if (head === undefined) return this.error('ERR_CHECK_EMPTY_CALL', 'empty list (): expected (FUNCTION ARGS...)', node.span);
    if (head.kind !== 'symbol') return this.error('ERR_CHECK_HEAD', `the first element of a list must be a function name, not ${describe(head)}`, head.span);
    const reason = this.reserved.get(head.name);
    if (reason !== undefined) return this.error('ERR_CHECK_UNSUPPORTED', `'${head.name}' is not supported yet: ${reason}`, head.span);
    const form = this.forms.get(head.name);
    if (form === undefined) {
      if (fieldByName(head.name) !== undefined) {
        return this.error('ERR_CHECK_UNKNOWN_FUNCTION', `'${head.name}' is a field, not a function: use it without parentheses`, head.span);
      }
      return this.error('ERR_CHECK_UNKNOWN_FUNCTION', `unknown function '${head.name}'${this.didYouMean(head.name, this.forms.keys())}`, head.span);
    }
    if (args.length < form.min || args.length > form.max) {
      const want = form.min === form.max ? `${form.min}` : form.max === Infinity ? `at least ${form.min}` : `${form.min} to ${form.max}`;
      this.error('ERR_CHECK_ARITY', `${form.name} takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}: ${form.usage}`, node.span);
      for (const a of args) if (a.kind === 'list') this.expr(a); // still report errors inside
      return undefined;
    }
    return form.check(this, node, args);
  }

  /** A 64-bit operand (an address field reads as IPv4); reports 128-bit values. */
  u64(node: Node, what: string): Expr | undefined {
    const t = this.expr(node);
    if (t === undefined) return undefined;
    if (t.ty === 'wide') return this.error('ERR_CHECK_TYPE', `${what} needs a 64-bit value, but this is a 128-bit IPv6 address`, node.span);
    return resolveFamily(t.e, 4);
  }

  /** Check a comparison of two operands (either may be a prefix literal for = and !=). */
  compare(op: CmpOp, a: Operand, b: Operand, span: Span, opName: string): Typed | undefined {
    if ('prefix' in a && 'prefix' in b) return this.error('ERR_CHECK_CIDR', `${opName} cannot compare two prefixes`, span);
    if ('prefix' in a || 'prefix' in b) {
      const p = 'prefix' in a ? a : (b as Extract<Operand, { prefix: number }>);
      const x = ('prefix' in a ? b : a) as Typed;
      if (op !== 'eq' && op !== 'ne') return this.error('ERR_CHECK_CIDR', `prefix '${p.text}' only works with = and !=, not ${opName}`, p.span);
      const wide = p.family === 6;
      if (wide ? x.ty === 'u64' : x.ty === 'wide') {
        return this.error('ERR_CHECK_TYPE', `${opName}: an IPv${p.family} prefix cannot match ${wide ? 'a 64-bit value' : 'a 128-bit IPv6 address'}`, x.e.span);
      }
      const bits = wide ? 128 : 32;
      const value = resolveFamily(x.e, p.family);
      if (p.prefix === bits) return { e: mkCmp(op, value, mkConst(p.net, p.span, wide), span, wide), ty: 'u64' };
      const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - p.prefix)) - 1n);
      return { e: mkCmp(op, mkArith('and', value, mkConst(mask, p.span, wide), span, wide), mkConst(p.net, p.span, wide), span, wide), ty: 'u64' };
    }
    let ea = a.e;
    let eb = b.e;
    if (a.ty === 'u64' && b.ty === 'wide') return this.mismatch(opName, a, b, span);
    if (a.ty === 'wide' && b.ty === 'u64') return this.mismatch(opName, a, b, span);
    const wide = a.ty === 'wide' || b.ty === 'wide';
    ea = resolveFamily(ea, wide ? 6 : 4);
    eb = resolveFamily(eb, wide ? 6 : 4);
    if (!wide) this.warnOutOfRange(op, ea, eb, opName);
    return { e: mkCmp(op, ea, eb, span, wide), ty: 'u64' };
  }

  private mismatch(opName: string, a: Typed, b: Typed, span: Span): undefined {
    const wideSide = a.ty === 'wide' ? a : b;
    return this.error('ERR_CHECK_TYPE', `${opName} compares a 128-bit IPv6 address with a 64-bit value; both sides must be the same type`, wideSide === a ? b.e.span : a.e.span ?? span);
  }

  /** The type of a checked whole program: a 64-bit result. */
  program(node: Node): Expr | undefined {
    const t = this.expr(node);
    if (t === undefined) return undefined;
    if (t.ty === 'wide') {
      return this.error('ERR_CHECK_TYPE', 'the filter result must be a 64-bit value, but this is a 128-bit IPv6 address: compare it with = or !=', node.span);
    }
    return resolveFamily(t.e, 4);
  }

  /** Throw the collected errors, if any. */
  throwIfErrors(): void {
    if (this.errors.length > 0) {
      const sorted = [...this.errors].sort((x, y) => (x.where.span?.start ?? 0) - (y.where.span?.start ?? 0));
      throw new ErrorList(sorted);
    }
  }
}

/** Give address fields (and `if`s of them) without a family the family `family`. */
export function resolveFamily(e: Expr, family: 4 | 6): Expr {
  if (e.k === 'field' && e.f.type === 'addr' && e.family === undefined) return { ...e, family };
  if (e.k === 'if') {
    const t = resolveFamily(e.t, family);
    const f = resolveFamily(e.e, family);
    return { ...e, t, e: f, wide: isWide(t) };
  }
  return e;
}

function describe(n: Node): string {
  switch (n.kind) {
    case 'list':
      return 'a list';
    case 'int':
      return `the number ${n.text}`;
    case 'ip4':
    case 'ip6':
      return `the address ${n.text}`;
    case 'symbol':
      return `'${n.name}'`;
    case 'string':
      return `the string "${n.value}"`;
  }
}
