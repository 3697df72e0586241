// Every expression libpcap 1.10 rejects for Ethernet (the shared reject.tsv: syntax errors,
// unknown names, gateway, 802.11 and other link types' qualifiers, out-of-range values,
// "expression rejects all packets") is rejected with a FilterError that has a position in
// the expression, never a crash or an accept-all program.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { compilePcapFilter } from '../../src/pcap/index.js';
import { FilterError, formatError } from '../../src/diag/errors.js';
import { PCAP_FILTER_CORPUS, readTsv } from '../helpers/pcap-oracle.js';
import { SYSTEM_NAMES } from '../helpers/pcap-names.js';

test('pcap-filter: every expression of reject.tsv is rejected with a positioned FilterError', (t) => {
  if (!existsSync(PCAP_FILTER_CORPUS)) return t.skip(`no shared corpus at ${PCAP_FILTER_CORPUS}`);
  const rows = readTsv('reject.tsv');
  assert.ok(rows.length > 2800);
  const accepted: string[] = [];
  const codes = new Map<string, number>();
  for (const [expr, libpcapError] of rows) {
    try {
      compilePcapFilter(expr, { names: SYSTEM_NAMES });
      accepted.push(`${expr}  (libpcap: ${libpcapError})`);
    } catch (e) {
      if (!(e instanceof FilterError)) throw new Error(`${expr}: not a FilterError: ${String(e)}`);
      assert.ok(e.where.span !== undefined && e.where.source !== undefined, `${expr}: error without a position: ${e.message}`);
      assert.match(formatError(e), /\^/, expr);
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    }
  }
  t.diagnostic(`${rows.length} rejected: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  assert.equal(accepted.length, 0, `${accepted.length} accepted:\n${accepted.slice(0, 40).join('\n')}`);
});
