// The playground page: capture input, the filter editor, counts and tier, a virtualised
// packet list (1,000,000 rows scroll at constant cost), the hex dump with the bytes the
// filter read, and the panels. All work happens in worker.ts; this file only draws. The
// filter and language live in the URL (?lang=vflisp&filter=...), so a link reproduces the view.

import { createEditor, type FilterEditor } from './editor.js';
import { faultName } from '../src/diag/codes.js';
import type { Diagnostic, FromWorker, Language, RowData, RunReport, TierInfo, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const send = (m: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(m, transfer);

const DEFAULT_FILTERS: Record<Language, string> = {
  vflisp: '(and (= proto 6)\n     (in dst-port 80 443))',
  asm: '; accept IPv4 TCP\n        LD16 12\n        PUSH 0x0800\n        JNE drop\n        LD8 23\n        PUSH 6\n        JNE drop\n        PUSH 1\n        RET\ndrop:   PUSH 0\n        RET',
  pcap: 'tcp port 80 or tcp port 443',
};

const LANGUAGE_HINT: Record<Language, string> = {
  vflisp: 'VFLisp, e.g. (and (= proto 6) (= dst-port 443))',
  asm: 'VFM assembly, one instruction a line',
  pcap: 'pcap-filter (tcpdump syntax), e.g. tcp port 443',
};

// ---- state ----------------------------------------------------------------
const params = new URLSearchParams(location.search);
const initialLanguage = (['pcap', 'vflisp', 'asm'] as const).find((l) => l === params.get('lang')) ?? 'vflisp';
let language: Language = initialLanguage;
let compileId = 0;
let lastReport: RunReport | undefined;
let packetCount = 0;
let loaded = false;
let viewMode: 'all' | 'accepted' | 'dropped' = 'all';
/** Packet indices shown, for the accepted/dropped views (the all view needs no array). */
let shown: Uint32Array | undefined;
let selected = -1; // position in the shown list
let tiers: readonly TierInfo[] = [];

// ---- editor ---------------------------------------------------------------
const languageSelect = $<HTMLSelectElement>('language');
languageSelect.value = language;
const editor: FilterEditor = createEditor($('editor'), params.get('filter') ?? DEFAULT_FILTERS[language], language, () => scheduleCompile());
$('editor-label').textContent = LANGUAGE_HINT[language];

languageSelect.addEventListener('change', () => {
  const previous = language;
  language = languageSelect.value as Language;
  if (editor.text().trim() === '' || editor.text() === DEFAULT_FILTERS[previous]) editor.setText(DEFAULT_FILTERS[language]);
  editor.setLanguage(language);
  $('editor-label').textContent = LANGUAGE_HINT[language];
  scheduleCompile(0);
});

let compileTimer: number | undefined;
function scheduleCompile(delay = 120): void {
  // Results of the filter being replaced are stale from now on.
  compileId++;
  document.body.dataset.runState = 'compiling';
  clearTimeout(compileTimer);
  compileTimer = window.setTimeout(compileNow, delay);
}

function compileNow(): void {
  const source = editor.text();
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  url.searchParams.set('filter', source);
  history.replaceState(null, '', url);
  send({ type: 'compile', id: compileId, language, source });
}

// ---- capture input --------------------------------------------------------
const captureInput = $<HTMLInputElement>('capture-input');
captureInput.addEventListener('change', () => {
  const f = captureInput.files?.[0];
  if (f !== undefined) loadCapture(f, f.name);
});
$('load-sample').addEventListener('click', () => {
  void fetch(new URL('./sample.pcap', import.meta.url))
    .then((r) => r.blob())
    .then((b) => loadCapture(b, 'sample.pcap'));
});
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files[0];
  if (f !== undefined) loadCapture(f, f.name);
});

function loadCapture(blob: Blob, name: string): void {
  loaded = false;
  lastReport = undefined;
  packetCount = 0;
  shown = undefined;
  selected = -1;
  rowCache.clear();
  document.body.dataset.loadState = 'loading';
  document.body.dataset.runState = 'loading';
  $('capture-error').hidden = true;
  $('capture-info').textContent = `Reading ${name}...`;
  $<HTMLButtonElement>('download').disabled = true;
  setCounts(undefined);
  clearDetail();
  renderList();
  send({ type: 'load', file: blob, name });
}

// ---- messages from the worker ---------------------------------------------
worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'tiers':
      tiers = m.tiers;
      renderTiers(undefined);
      break;
    case 'progress': {
      const bar = $<HTMLProgressElement>('load-progress');
      bar.hidden = m.bytes >= m.size && m.size > 0 ? bar.hidden : false;
      bar.value = m.size === 0 ? 1 : m.bytes / m.size;
      bar.setAttribute('aria-valuetext', `${Math.round(100 * bar.value)}%, ${m.packets} packets`);
      bar.dataset.packets = String(m.packets);
      $('capture-info').textContent = `Reading: ${m.packets.toLocaleString('en')} packets, ${Math.round(100 * bar.value)}%`;
      break;
    }
    case 'loaded':
      loaded = true;
      packetCount = m.packets;
      $<HTMLProgressElement>('load-progress').hidden = true;
      document.body.dataset.loadState = m.error === null ? 'done' : 'damaged';
      $('capture-info').textContent = `${m.name}: ${m.packets.toLocaleString('en')} packets, ${m.bytes.toLocaleString('en')} bytes, ${m.format}, link type ${m.linkTypes}${m.warning !== null ? ` (warning: ${m.warning})` : ''}`;
      if (m.error !== null) {
        const box = $('capture-error');
        box.hidden = false;
        box.textContent = `${m.error}\n(the ${m.packets} packets before the damage were read)`;
      }
      $('total-count').textContent = String(m.packets);
      renderList();
      if (lastCompileOk === false) document.body.dataset.runState = 'error';
      break;
    case 'compiled':
      if (m.id !== compileId) return;
      showCompile(m);
      break;
    case 'ran':
      if (m.id !== compileId) return;
      lastReport = m;
      setCounts(m);
      applyView();
      renderTiers(m.tier);
      $<HTMLButtonElement>('download').disabled = false;
      document.body.dataset.runState = 'done';
      if (selected >= 0) showPacket(selected);
      break;
    case 'rows':
      for (const r of m.rows) rowCache.set(r.index, r);
      pending.clear();
      renderList();
      break;
    case 'packet':
      if (m.id !== packetRequest) return;
      renderDetail(m);
      break;
    case 'download':
      saveDownload(m.data, m.extension);
      break;
    case 'fatal':
      document.body.dataset.runState = 'error';
      document.body.dataset.loadState = 'failed';
      $('capture-error').hidden = false;
      $('capture-error').textContent = `internal error: ${m.message}`;
      break;
  }
};

let lastCompileOk: boolean | undefined;
function showCompile(m: Extract<FromWorker, { type: 'compiled' }>): void {
  lastCompileOk = m.ok;
  const box = $('filter-error');
  editor.setDiagnostics(m.diagnostics, m.warnings);
  if (!m.ok) {
    const d = m.diagnostics[0];
    box.hidden = false;
    box.textContent = m.diagnostics.map((x) => x.text).join('\n');
    box.dataset.line = String(d?.line ?? 1);
    box.dataset.col = String(d?.col ?? 1);
    box.dataset.code = d?.code ?? '';
    document.body.dataset.runState = 'error';
  } else {
    box.hidden = true;
    box.textContent = '';
    document.body.dataset.runState = loaded ? 'running' : 'waiting';
  }
  const warn = $('filter-warning');
  warn.hidden = m.warnings.length === 0;
  warn.textContent = m.warnings.map((w: Diagnostic) => w.text).join('\n');
  $('disassembly').textContent = m.ok ? `; ${m.programBytes} bytes\n${m.disassembly}` : '';
  $('cbpf').textContent = m.cbpf;
  $('ebpf').textContent = m.ebpf;
  if (!m.stateful) $('flow').textContent = m.ok ? 'This filter does not use the flow table.' : '';
}

function setCounts(r: RunReport | undefined): void {
  $('total-count').textContent = String(r?.total ?? packetCount);
  $('accepted-count').textContent = String(r?.accepted ?? 0);
  $('dropped-count').textContent = String(r?.dropped ?? 0);
  $('error-count').textContent = String(r?.errors ?? 0);
  $('tier').textContent = r?.tier ?? '-';
  if (r === undefined || r.total === 0) {
    $('ns-per-packet').textContent = '-';
    $('pps').textContent = '-';
  } else {
    const ns = (r.elapsedMs * 1e6) / r.total;
    $('ns-per-packet').textContent = ns.toFixed(1);
    $('pps').textContent = r.elapsedMs > 0 ? Math.round((r.total * 1000) / r.elapsedMs).toLocaleString('en') : '-';
  }
  if (r?.flow) {
    const f = r.flow;
    $('flow').textContent = `slots ${f.size}, occupied ${f.occupied} (load ${f.loadFactor.toFixed(3)}); lookups ${f.lookups} (${f.hits} hits, ${f.misses} misses); stores ${f.stores} (${f.inserts} inserts, ${f.updates} updates, ${f.evictions} evictions)`;
  }
}

function renderTiers(used: string | undefined): void {
  const ul = $('tiers');
  ul.replaceChildren(
    ...tiers.map((t) => {
      const li = document.createElement('li');
      li.className = t.tier === used ? 'used' : t.available ? 'ok' : 'no';
      li.textContent = `${t.tier}: ${t.tier === used ? 'ran this filter' : t.available ? 'available' : `not available: ${t.reason ?? ''}`}`;
      return li;
    }),
  );
}

// ---- views ----------------------------------------------------------------
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=view]')) {
  radio.addEventListener('change', () => {
    viewMode = radio.value as typeof viewMode;
    applyView();
  });
}

function applyView(): void {
  const v = lastReport?.verdicts;
  if (viewMode === 'all' || v === undefined) shown = undefined;
  else {
    const want = viewMode === 'accepted';
    let n = 0;
    for (let k = 0; k < v.length; k++) if (v[k] > 0 === want) n++;
    const list = new Uint32Array(n);
    n = 0;
    for (let k = 0; k < v.length; k++) if (v[k] > 0 === want) list[n++] = k;
    shown = list;
  }
  selected = -1;
  renderList();
}

const shownCount = (): number => (shown === undefined ? packetCount : shown.length);
const packetAt = (pos: number): number => (shown === undefined ? pos : shown[pos]);

// ---- the virtualised list -------------------------------------------------
const ROW_HEIGHT = 22;
/** Tallest spacer used; longer lists map scroll positions onto rows proportionally. */
const MAX_SPACER = 8_000_000;
const viewport = $('packets');
const spacer = $('spacer');
const rowsBox = $('rows');
const rowCache = new Map<number, RowData>();
const pending = new Set<number>();
let rowRequest = 0;

viewport.addEventListener('scroll', () => renderList(), { passive: true });
new ResizeObserver(() => renderList()).observe(viewport);

function firstVisible(): number {
  const n = shownCount();
  const visible = Math.ceil(viewport.clientHeight / ROW_HEIGHT);
  const full = n * ROW_HEIGHT;
  if (full <= MAX_SPACER) return Math.floor(viewport.scrollTop / ROW_HEIGHT);
  const maxScroll = Math.max(1, MAX_SPACER - viewport.clientHeight);
  return Math.min(n - visible, Math.floor((viewport.scrollTop / maxScroll) * (n - visible)));
}

function renderList(): void {
  const n = shownCount();
  const full = n * ROW_HEIGHT;
  spacer.style.height = `${Math.min(full, MAX_SPACER)}px`;
  const visible = Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 1;
  const first = Math.max(0, firstVisible());
  const last = Math.min(n, first + visible);
  rowsBox.style.transform = `translateY(${full <= MAX_SPACER ? first * ROW_HEIGHT : viewport.scrollTop}px)`;
  const missing: number[] = [];
  const children: HTMLElement[] = [];
  const v = lastReport?.verdicts;
  for (let pos = first; pos < last; pos++) {
    const k = packetAt(pos);
    const r = rowCache.get(k);
    if (r === undefined && !pending.has(k)) missing.push(k);
    const row = document.createElement('div');
    row.className = 'row';
    row.setAttribute('role', 'option');
    row.setAttribute('data-testid', 'packet-row');
    row.dataset.index = String(k);
    row.id = `row-${k}`;
    const verdict = v === undefined ? '' : v[k] > 0 ? 'accept' : v[k] === 0 ? 'drop' : `error`;
    if (verdict !== '') row.classList.add(verdict);
    row.setAttribute('aria-selected', String(pos === selected));
    if (pos === selected) row.classList.add('selected');
    const cells = [
      String(k + 1),
      r?.time ?? '',
      r?.src ?? '',
      r?.dst ?? '',
      r?.protocol ?? '',
      r === undefined ? '' : String(r.length),
      verdict === '' ? '' : verdict === 'error' ? (faultName(v![k]) ?? `error ${v![k]}`) : verdict,
      r?.info ?? '...',
    ];
    const classes = ['c-no', 'c-time', 'c-src', 'c-dst', 'c-proto', 'c-len', 'c-verdict', 'c-info'];
    cells.forEach((text, c) => {
      const span = document.createElement('span');
      span.className = classes[c];
      span.textContent = text;
      row.append(span);
    });
    if (r !== undefined) row.title = `${r.src} > ${r.dst}: ${r.info}`;
    row.addEventListener('click', () => select(pos));
    children.push(row);
  }
  rowsBox.replaceChildren(...children);
  if (selected >= first && selected < last) viewport.setAttribute('aria-activedescendant', `row-${packetAt(selected)}`);
  else viewport.removeAttribute('aria-activedescendant');
  if (missing.length > 0) {
    for (const k of missing) pending.add(k);
    if (rowCache.size > 20000) rowCache.clear();
    send({ type: 'rows', id: ++rowRequest, indices: Uint32Array.from(missing) });
  }
}

function select(pos: number): void {
  const n = shownCount();
  if (n === 0) return;
  selected = Math.max(0, Math.min(n - 1, pos));
  scrollIntoView(selected);
  renderList();
  showPacket(selected);
}

function scrollIntoView(pos: number): void {
  const n = shownCount();
  const visible = Math.floor(viewport.clientHeight / ROW_HEIGHT);
  const first = firstVisible();
  if (pos >= first && pos < first + visible) return;
  const top = pos < first ? pos : pos - visible + 1;
  const full = n * ROW_HEIGHT;
  if (full <= MAX_SPACER) viewport.scrollTop = top * ROW_HEIGHT;
  else viewport.scrollTop = (top / Math.max(1, n - visible)) * (MAX_SPACER - viewport.clientHeight);
}

viewport.addEventListener('keydown', (e) => {
  const page = Math.max(1, Math.floor(viewport.clientHeight / ROW_HEIGHT) - 1);
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
  if (e.key in moves) select((selected < 0 ? firstVisible() - (moves[e.key] > 0 ? 1 : 0) : selected) + moves[e.key]);
  else if (e.key === 'Home') select(0);
  else if (e.key === 'End') select(shownCount() - 1);
  else return;
  e.preventDefault();
});

// ---- packet detail --------------------------------------------------------
let packetRequest = 0;
function showPacket(pos: number): void {
  send({ type: 'packet', id: ++packetRequest, index: packetAt(pos) });
}

function clearDetail(): void {
  $('detail-title').textContent = 'Packet';
  $('hexdump').replaceChildren();
  $('detail-note').textContent = '';
}

function renderDetail(m: Extract<FromWorker, { type: 'packet' }>): void {
  $('detail-title').textContent = `Packet ${m.index + 1}: ${m.verdict}`;
  $('detail-summary').textContent = m.summary + (m.undecoded !== '' ? `\n(${m.undecoded})` : '');
  const pre = $('hexdump');
  const frag = document.createDocumentFragment();
  let readCount = 0;
  for (let at = 0; at < m.bytes.length; at += 16) {
    frag.append(`${at.toString(16).padStart(4, '0')}  `);
    let ascii = '';
    for (let i = at; i < at + 16; i++) {
      if (i >= m.bytes.length) {
        frag.append('   ');
        continue;
      }
      const b = m.bytes[i];
      const text = b.toString(16).padStart(2, '0');
      if (m.read[i] === 1) {
        readCount++;
        const mark = document.createElement('mark');
        mark.textContent = text;
        mark.title = `byte ${i}, read by the filter`;
        frag.append(mark, ' ');
      } else frag.append(`${text} `);
      ascii += b >= 32 && b < 127 ? String.fromCharCode(b) : '.';
    }
    frag.append(` ${ascii}\n`);
  }
  pre.replaceChildren(frag);
  pre.dataset.readBytes = String(readCount);
  $('detail-note').textContent = `${m.bytes.length} bytes; ${readCount} read by the filter (highlighted)${m.readNote !== '' ? `; ${m.readNote}` : ''}.`;
}

// ---- download -------------------------------------------------------------
$('download').addEventListener('click', () => send({ type: 'download', id: compileId }));

function saveDownload(data: Uint8Array, extension: string): void {
  const blob = new Blob([data as BlobPart], { type: 'application/vnd.tcpdump.pcap' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `accepted.${extension}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

compileId++;
compileNow();
