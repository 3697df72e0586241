// The flow table (spec 3.6): probe window, LRU eviction by the logical clock, key 0, the
// in-place update of displaced keys, sizes and statistics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowTable } from '../../../src/vm/flow-table.js';

const get = (t: FlowTable, k: number) => t.lookup(0, k);
const put = (t: FlowTable, k: number, v: number) => t.store(0, k, 0, v);

test('sizes round up to a power of two; 0 and huge sizes are rejected', () => {
  assert.equal(new FlowTable(1000).size, 1024);
  assert.equal(new FlowTable(1).size, 1);
  assert.throws(() => new FlowTable(0), RangeError);
  assert.throws(() => new FlowTable(2 ** 27), RangeError);
});

test('store then lookup; a miss and a stored 0 both read as 0; 64-bit keys and values', () => {
  const t = new FlowTable(16);
  put(t, 100, 200);
  assert.equal(get(t, 100), 200);
  assert.equal(get(t, 101), 0);
  t.store(0xdeadbeef, 5, 0xffffffff, 0xfffffffe);
  assert.equal(t.lookup(0xdeadbeef, 5), 0xfffffffe);
  assert.equal(t.resultHi, 0xffffffff);
  assert.equal(t.lookup(0, 5), 0, 'same low half, different high half');
});

test('key 0 can be stored but is never found', () => {
  const t = new FlowTable(16);
  put(t, 0, 7);
  assert.equal(get(t, 0), 0);
});

test('colliding keys fill the 5-slot window, then the least recently used one is evicted', () => {
  const t = new FlowTable(16);
  for (let k = 0; k < 5; k++) put(t, 16 * (k + 1), k + 1); // all home slot 0
  for (let k = 0; k < 5; k++) assert.equal(get(t, 16 * (k + 1)), k + 1);
  // touch all but key 48 so it becomes the oldest
  for (const k of [16, 32, 64, 80]) get(t, k);
  put(t, 96, 6);
  assert.equal(get(t, 48), 0, 'least recently used entry evicted');
  assert.equal(get(t, 96), 6);
  assert.equal(get(t, 16), 1);
  const s = t.stats();
  assert.equal(s.evictions, 1);
  assert.equal(s.occupied, 5);
  assert.equal(s.inserts, 5);
});

test('a key displaced from its home slot is updated in place, never duplicated (unlike the C store)', () => {
  const t = new FlowTable(16);
  put(t, 16, 1); // slot 0
  put(t, 32, 2); // home slot 0 is taken: slot 1
  put(t, 32, 3); // found in the probe window: updated
  assert.equal(get(t, 32), 3);
  for (let v = 4; v < 10; v++) put(t, 32, v); // a counter keeps counting
  assert.equal(get(t, 32), 9);
  const s = t.stats();
  assert.equal(s.occupied, 2);
  assert.equal(s.inserts, 2);
  assert.equal(s.updates, 7);
});

test('the update search stops at an empty slot after the home slot, like lookup', () => {
  const t = new FlowTable(16);
  put(t, 16, 1); // slot 0
  put(t, 32, 2); // slot 1
  put(t, 48, 3); // slot 2
  put(t, 48, 4);
  assert.equal(get(t, 48), 4);
  assert.equal(t.stats().occupied, 3);
});

test('statistics count lookups, hits, misses, stores and the load factor', () => {
  const t = new FlowTable(8);
  put(t, 1, 1);
  put(t, 1, 2);
  get(t, 1);
  get(t, 2);
  assert.deepEqual(t.stats(), { size: 8, lookups: 2, hits: 1, misses: 1, stores: 2, inserts: 1, updates: 1, evictions: 0, occupied: 1, loadFactor: 1 / 8 });
  t.clear();
  assert.equal(get(t, 1), 0);
  assert.equal(t.stats().stores, 0);
});
