// The pcap-filter parser: libpcap 1.10's grammar.y as recursive descent. Where the LALR
// grammar decides by lookahead (is `(` the start of an id list, an arithmetic operand or a
// parenthesized expression?), the parser tries the alternatives in order with memoized
// backtracking, so every position is parsed at most once per alternative. Nesting (of
// parentheses, unary minus and `not`) is limited to MAX_NESTING levels (diag/limits.ts).

import { ParseError } from '../diag/errors.js';
import { MAX_NESTING } from '../diag/limits.js';
import type { SourceText, Span } from '../diag/source.js';
import type { Arith, ArithOp, Expr, Head, IdNode, RelOp } from './ast.js';
import { scan, type Token } from './lexer.js';

/** Deepest nesting of parentheses and `not` accepted: the limit every front end shares. */
export const MAX_PCAP_DEPTH = MAX_NESTING;

export const PNAMES: ReadonlySet<string> = new Set([
  'link', 'ip', 'arp', 'rarp', 'sctp', 'tcp', 'udp', 'icmp', 'igmp', 'igrp', 'pim', 'vrrp', 'carp', 'atalk', 'aarp',
  'decnet', 'lat', 'sca', 'moprc', 'mopdl', 'ip6', 'icmp6', 'ah', 'esp', 'iso', 'esis', 'isis', 'l1', 'l2', 'iih',
  'lsp', 'snp', 'psnp', 'csnp', 'clnp', 'stp', 'ipx', 'netbeui', 'radio',
]);
const DQUALS: ReadonlySet<string> = new Set(['src', 'dst', 'addr1', 'addr2', 'addr3', 'addr4', 'ra', 'ta']);
const AQUALS: ReadonlySet<string> = new Set(['host', 'net', 'port', 'portrange', 'proto', 'protochain', 'gateway']);

/** Keywords of primitives for other link types: rejected with libpcap's reason. */
const FOREIGN: Readonly<Record<string, string>> = (() => {
  const r: Record<string, string> = {
    type: '802.11 link-layer types supported only on 802.11',
    subtype: '802.11 link-layer types supported only on 802.11',
    dir: 'frame direction supported only with 802.11 headers',
  };
  for (const k of ['vpi', 'vci']) r[k] = `'${k}' supported only on raw ATM`;
  for (const k of ['lane', 'metac', 'bcc', 'oam', 'oamf4', 'oamf4ec', 'oamf4sc', 'sc', 'ilmic', 'connectmsg', 'metaconnect']) r[k] = `'${k}' supported only on raw ATM`;
  for (const k of ['fisu', 'lssu', 'msu', 'hfisu', 'hlssu', 'hmsu']) r[k] = 'MTP2 types supported only on MTP2';
  for (const k of ['sio', 'opc', 'dpc', 'sls', 'hsio', 'hopc', 'hdpc', 'hsls']) r[k] = `'${k}' supported only on SS7`;
  for (const k of ['on', 'ifname', 'rnr', 'rulenum', 'reason', 'rset', 'ruleset', 'srnr', 'subrulenum', 'action']) r[k] = `${k} supported only on PF linktype`;
  return r;
})();

const REL_OPS: ReadonlySet<string> = new Set(['>', '>=', '=', '<=', '<', '!=']);
const BIN_PREC: Readonly<Record<string, number>> = { '|': 1, '&': 2, '<<': 3, '>>': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5 };

/** Thrown to backtrack; never leaves the parser. */
class Fail {
  constructor(readonly at: number) {}
}

type Memo<T> = Map<number, { readonly node: T; readonly end: number } | null>;

class Parser {
  private p = 0;
  private depth = 0;
  private furthest = -1;
  private readonly expected = new Set<string>();
  private readonly idMemo: Memo<IdNode> = new Map();
  private readonly relMemo: Memo<Expr> = new Map();
  private readonly arithMemo: Memo<Arith> = new Map();

  constructor(
    private readonly toks: readonly Token[],
    private readonly source: SourceText,
  ) {}

  private get t(): Token {
    return this.toks[this.p];
  }

  private at(k: number): Token {
    return this.toks[Math.min(this.p + k, this.toks.length - 1)];
  }

  private fail(what: string): never {
    if (this.p > this.furthest) {
      this.furthest = this.p;
      this.expected.clear();
    }
    if (this.p === this.furthest) this.expected.add(what);
    throw new Fail(this.p);
  }

  private isKw(t: Token, ...names: string[]): boolean {
    return t.kind === 'kw' && names.includes(t.text);
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.text);
  }

  /** Run `f` one nesting level deeper. @throws {ParseError} ERR_PCAP_DEPTH past MAX_PCAP_DEPTH */
  private nest<T>(f: () => T): T {
    if (this.depth >= MAX_PCAP_DEPTH) {
      throw new ParseError('ERR_PCAP_DEPTH', `expression nested deeper than ${MAX_PCAP_DEPTH} levels (parentheses and 'not')`, { span: this.t.span, source: this.source });
    }
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  private span(from: Span): Span {
    const last = this.toks[Math.max(0, this.p - 1)];
    return { start: from.start, end: Math.max(from.end, last.span.end) };
  }

  private memo<T>(table: Memo<T>, parse: () => T): T | undefined {
    const start = this.p;
    const known = table.get(start);
    if (known === null) return undefined;
    if (known !== undefined) {
      this.p = known.end;
      return known.node;
    }
    try {
      const node = parse();
      table.set(start, { node, end: this.p });
      return node;
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      table.set(start, null);
      this.p = start;
      return undefined;
    }
  }

  program(): Expr | undefined {
    if (this.t.kind === 'eof') return undefined;
    try {
      const e = this.expr();
      if (this.at(0).kind !== 'eof') this.fail("'and', 'or' or the end of the expression");
      return e;
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      const tok = this.toks[Math.max(0, this.furthest)];
      const got = tok.kind === 'eof' ? 'the end of the expression' : `'${this.source.text.slice(tok.span.start, tok.span.end)}'`;
      const list = [...this.expected];
      const want = list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
      throw new ParseError('ERR_PCAP_SYNTAX', `syntax error: expected ${want}, got ${got}`, { span: tok.span.end > tok.span.start ? tok.span : { start: tok.span.start, end: tok.span.start + 1 }, source: this.source });
    }
  }

  // expr: term | expr and term | expr and id | expr or term | expr or id
  private expr(): Expr {
    let left = this.term();
    while (this.isKw(this.t, 'and', 'or')) {
      const op = this.t.text as 'and' | 'or';
      this.p++;
      const right = this.idOrTerm();
      left = { k: op, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  /** After and/or: an id (inheriting qualifiers) when one parses and ends the operand, else a term. */
  private idOrTerm(): Expr {
    const start = this.p;
    const id = this.memo(this.idMemo, () => this.id());
    if (id !== undefined && (this.isKw(this.t, 'and', 'or') || this.isOp(this.t, ')') || this.t.kind === 'eof')) {
      return { k: 'id', id, span: id.span };
    }
    this.p = start;
    return this.term();
  }

  // id: nid | pnum | paren pid ')'
  // nid: ID | HID '/' NUM | HID NETMASK HID | HID | HID6 '/' NUM | HID6 | EID | AID | not id
  private id(): IdNode {
    const t = this.t;
    const from = t.span;
    switch (t.kind) {
      case 'id':
        this.p++;
        return { k: 'name', text: t.text, span: t.span };
      case 'aid':
        this.p++;
        return { k: 'aid', text: t.text, span: t.span };
      case 'eid':
        this.p++;
        return { k: 'eid', text: t.text, span: t.span };
      case 'hid':
        this.p++;
        if (this.isOp(this.t, '/')) {
          this.p++;
          if (this.t.kind !== 'num') this.fail('a prefix length');
          const len = this.t.num;
          this.p++;
          return { k: 'masked', text: t.text, len, span: this.span(from) };
        }
        if (this.isKw(this.t, 'mask')) {
          this.p++;
          if (this.t.kind !== 'hid') this.fail('a dotted network mask such as 255.255.0.0');
          const mask = this.t.text;
          this.p++;
          return { k: 'masked', text: t.text, mask, span: this.span(from) };
        }
        return { k: 'hid', text: t.text, span: t.span };
      case 'hid6':
        this.p++;
        if (this.isOp(this.t, '/')) {
          this.p++;
          if (this.t.kind !== 'num') this.fail('a prefix length');
          const len = this.t.num;
          this.p++;
          return { k: 'masked6', text: t.text, len, span: this.span(from) };
        }
        return { k: 'hid6', text: t.text, span: t.span };
      case 'num':
        this.p++;
        return { k: 'num', v: t.num, span: t.span };
      case 'kw':
        if (t.text === '!') {
          this.p++;
          const a = this.nest(() => this.id());
          return { k: 'not', a, span: this.span(from) };
        }
        break;
      case 'op':
        if (t.text === '(') {
          this.p++;
          const inner = this.nest(() => this.pid());
          if (!this.isOp(this.t, ')')) this.fail("')'");
          this.p++;
          return inner;
        }
        break;
    }
    return this.fail('a host, network, port or protocol (a name, number or address)');
  }

  // pid: nid | qid and id | qid or id ; qid: pnum | pid  (left-associative list of ids)
  private pid(): IdNode {
    let left = this.id();
    while (this.isKw(this.t, 'and', 'or')) {
      const op = this.t.text as 'and' | 'or';
      this.p++;
      const right = this.id();
      left = { k: 'op', op, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  // term: rterm | not term
  private term(): Expr {
    if (this.isKw(this.t, '!')) {
      const from = this.t.span;
      this.p++;
      const a = this.nest(() => this.term());
      return { k: 'not', a, span: this.span(from) };
    }
    return this.rterm();
  }

  private rterm(): Expr {
    const t = this.t;
    if (this.isOp(t, '(')) {
      const rel = this.memo(this.relMemo, () => this.relation());
      if (rel !== undefined) return rel;
      this.p++;
      const e = this.nest(() => this.expr());
      if (!this.isOp(this.t, ')')) this.fail("')', 'and' or 'or'");
      this.p++;
      return { k: 'paren', e, span: this.span(t.span) };
    }
    if (t.kind === 'num' || this.isOp(t, '-') || this.isKw(t, 'len')) return this.relation();
    if (t.kind !== 'kw') return this.fail('a primitive (such as host, port, tcp, vlan or a comparison)');
    const kw = t.text;
    if (Object.hasOwn(FOREIGN, kw)) throw new ParseError('ERR_PCAP_LINK', FOREIGN[kw], { span: t.span, source: this.source });
    if (PNAMES.has(kw)) {
      const next = this.at(1);
      if (this.isOp(next, '[')) return this.relation();
      if (next.kind === 'kw' && (DQUALS.has(next.text) || AQUALS.has(next.text))) return this.head();
      if (this.isKw(next, 'broadcast', 'multicast')) {
        this.p += 2;
        return { k: 'other', what: next.text, proto: kw, span: this.span(t.span) };
      }
      if (next.kind === 'kw' && Object.hasOwn(FOREIGN, next.text)) throw new ParseError('ERR_PCAP_LINK', FOREIGN[next.text], { span: next.span, source: this.source });
      this.p++;
      return { k: 'pname', proto: kw, span: t.span };
    }
    if (DQUALS.has(kw) || AQUALS.has(kw)) return this.head();
    return this.other();
  }

  // head: pqual dqual aqual | pqual dqual | pqual aqual | pqual PROTO | pqual PROTOCHAIN | pqual GATEWAY ; then id
  private head(): Expr {
    const from = this.t.span;
    let proto: string | undefined;
    let dir: string | undefined;
    let addr: string | undefined;
    if (PNAMES.has(this.t.text)) {
      proto = this.t.text;
      this.p++;
    }
    if (this.t.kind === 'kw' && DQUALS.has(this.t.text)) {
      dir = this.t.text;
      this.p++;
      if ((dir === 'src' || dir === 'dst') && this.isKw(this.t, 'and', 'or')) {
        const other = dir === 'src' ? 'dst' : 'src';
        const join = this.t.text;
        this.p++;
        if (!this.isKw(this.t, other)) this.fail(`'${other}' (as in '${dir} ${join} ${other}')`);
        this.p++;
        dir = join === 'or' ? 'or' : 'and';
      }
    }
    if (this.t.kind === 'kw' && AQUALS.has(this.t.text)) {
      addr = this.t.text;
      this.p++;
      if (dir !== undefined && (addr === 'proto' || addr === 'protochain' || addr === 'gateway')) {
        this.p--;
        this.fail("'host', 'net', 'port', 'portrange' or an address");
      }
    }
    const head: Head = { proto, dir, addr, span: this.span(from) };
    const id = this.id();
    return { k: 'head', head, id, span: this.span(from) };
  }

  // arth relop arth | arth irelop arth
  private relation(): Expr {
    const from = this.t.span;
    const a = this.arith();
    if (!(this.t.kind === 'op' && REL_OPS.has(this.t.text))) this.fail("a comparison ('=', '!=', '<', '<=', '>' or '>=') or an arithmetic operator");
    const op = this.t.text as RelOp;
    this.p++;
    const b = this.arith();
    return { k: 'rel', op, a, b, span: this.span(from) };
  }

  private arith(): Arith {
    const r = this.memo(this.arithMemo, () => this.arithFrom(0));
    if (r === undefined) throw new Fail(this.p);
    return r;
  }

  /**
   * Precedence climbing over | & << >> + - * / %. `^` has no precedence in libpcap's
   * grammar, so its conflicts resolve as shifts: it binds to the operand just before it and
   * takes the whole rest of the arithmetic expression as its right operand.
   */
  private arithFrom(minPrec: number): Arith {
    let left = this.xorTail(this.unary());
    for (;;) {
      const t = this.t;
      if (t.kind !== 'op') return left;
      const prec = BIN_PREC[t.text];
      if (prec === undefined || prec < minPrec) return left;
      this.p++;
      const right = this.arithFrom(prec + 1);
      left = { k: 'bin', op: t.text as ArithOp, a: left, b: right, span: { start: left.span.start, end: right.span.end } };
      left = this.xorTail(left);
    }
  }

  private xorTail(left: Arith): Arith {
    while (this.isOp(this.t, '^')) {
      this.p++;
      const right = this.arithFrom(0);
      left = { k: 'bin', op: '^', a: left, b: right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private unary(): Arith {
    const t = this.t;
    if (this.isOp(t, '-')) {
      this.p++;
      const a = this.nest(() => this.xorTail(this.unary()));
      return { k: 'neg', a, span: this.span(t.span) };
    }
    return this.primary();
  }

  // pnum | LEN | pname '[' arth ']' | pname '[' arth ':' NUM ']' | paren narth ')'
  private primary(): Arith {
    const t = this.t;
    if (t.kind === 'num') {
      this.p++;
      return { k: 'num', v: t.num, span: t.span };
    }
    if (this.isKw(t, 'len')) {
      this.p++;
      return { k: 'len', span: t.span };
    }
    if (this.isOp(t, '(')) {
      this.p++;
      const a = this.nest(() => this.arithFrom(0));
      if (!this.isOp(this.t, ')')) this.fail("')' or an arithmetic operator");
      this.p++;
      return a;
    }
    if (t.kind === 'kw' && PNAMES.has(t.text) && this.isOp(this.at(1), '[')) {
      this.p += 2;
      const idx = this.nest(() => this.arithFrom(0));
      let size = 1;
      let sizeSpan: Span | undefined;
      if (this.isOp(this.t, ':')) {
        this.p++;
        if (this.t.kind !== 'num') this.fail('a size (1, 2 or 4)');
        size = this.t.num;
        sizeSpan = this.t.span;
        this.p++;
      }
      if (!this.isOp(this.t, ']')) this.fail("']' or ':'");
      this.p++;
      return { k: 'index', proto: t.text, protoSpan: t.span, idx, size, sizeSpan, span: this.span(t.span) };
    }
    return this.fail('a number, len, or an accessor such as ip[0]');
  }

  private pnum(): number | undefined {
    if (this.t.kind === 'num') {
      const v = this.t.num;
      this.p++;
      return v;
    }
    if (this.isOp(this.t, '(')) {
      const start = this.p;
      let opens = 0;
      while (this.isOp(this.t, '(')) {
        this.p++;
        opens++;
        if (opens > MAX_PCAP_DEPTH) throw new ParseError('ERR_PCAP_DEPTH', `expression nested deeper than ${MAX_PCAP_DEPTH} levels (parentheses and 'not')`, { span: this.t.span, source: this.source });
      }
      if (this.at(0).kind === 'num') {
        const v = this.t.num;
        this.p++;
        let closes = 0;
        while (closes < opens && this.isOp(this.t, ')')) {
          this.p++;
          closes++;
        }
        if (closes === opens) return v;
      }
      this.p = start;
    }
    return undefined;
  }

  // other: broadcast | multicast | less NUM | greater NUM | byte NUM byteop NUM | inbound | outbound | ifindex NUM
  //      | vlan [pnum] | mpls [pnum] | pppoed | pppoes [pnum] | geneve [pnum] | llc [ID]
  private other(): Expr {
    const t = this.t;
    const kw = t.text;
    this.p++;
    const num = (what: string): number => {
      if (this.at(0).kind !== 'num') this.fail(what);
      const v = this.t.num;
      this.p++;
      return v;
    };
    switch (kw) {
      case 'broadcast':
      case 'multicast':
      case 'inbound':
      case 'outbound':
      case 'pppoed':
        return { k: 'other', what: kw, span: t.span };
      case 'less':
      case 'greater':
      case 'ifindex':
        return { k: 'other', what: kw, arg: num('a number'), span: this.span(t.span) };
      case 'byte': {
        const idx = num('a byte offset');
        const op = this.t;
        if (!this.isOp(op, '&', '|', '<', '>', '=')) this.fail("'&', '|', '<', '>' or '='");
        this.p++;
        const v = num('a number');
        return { k: 'other', what: 'byte', arg: idx, op: op.text, arg2: v, span: this.span(t.span) };
      }
      case 'vlan':
      case 'mpls':
      case 'pppoes':
      case 'geneve':
        return { k: 'other', what: kw, arg: this.pnum(), span: this.span(t.span) };
      case 'llc': {
        if (this.t.kind === 'id' || this.isKw(this.t, 'rnr')) {
          const name = this.t.text;
          this.p++;
          return { k: 'other', what: 'llc', name, span: this.span(t.span) };
        }
        return { k: 'other', what: 'llc', span: t.span };
      }
    }
    this.p--;
    return this.fail('a primitive (such as host, port, tcp, vlan or a comparison)');
  }
}

/**
 * Parse a pcap-filter expression; `undefined` for the empty expression (it accepts every
 * packet, as in libpcap).
 * @throws {ParseError} ERR_PCAP_SYNTAX with the position and what was expected there, ERR_PCAP_DEPTH, or ERR_PCAP_LINK
 */
export function parsePcapFilter(source: SourceText): Expr | undefined {
  return new Parser(scan(source), source).program();
}
