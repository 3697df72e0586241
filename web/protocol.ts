// Messages between the playground page (main.ts) and its worker (worker.ts). The worker owns
// the capture and every filter run; the page only draws. Large arrays travel as transfers.

export type Language = 'pcap' | 'vflisp' | 'asm';

/** A compile error placed in the filter text (offsets into the source). */
export interface Diagnostic {
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly col: number;
  readonly code: string;
  readonly message: string;
  /** The error as `vfm` prints it (`filter:1:5: error CODE: message` with the caret lines). */
  readonly text: string;
}

export interface TierInfo {
  readonly tier: string;
  readonly available: boolean;
  readonly reason?: string;
}

export interface FlowStats {
  readonly size: number;
  readonly occupied: number;
  readonly loadFactor: number;
  readonly lookups: number;
  readonly hits: number;
  readonly misses: number;
  readonly stores: number;
  readonly inserts: number;
  readonly updates: number;
  readonly evictions: number;
}

export type ToWorker =
  | { readonly type: 'load'; readonly file: Blob; readonly name: string }
  | { readonly type: 'compile'; readonly id: number; readonly language: Language; readonly source: string }
  | { readonly type: 'rows'; readonly id: number; readonly indices: Uint32Array }
  | { readonly type: 'packet'; readonly id: number; readonly index: number }
  | { readonly type: 'download'; readonly id: number };

export interface RunReport {
  readonly total: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly tier: string;
  readonly flow: FlowStats | null;
  /** Per packet: 1 accept, 0 drop, negative fault code. */
  readonly verdicts: Int8Array;
}

export type FromWorker =
  | { readonly type: 'tiers'; readonly tiers: readonly TierInfo[] }
  | { readonly type: 'progress'; readonly bytes: number; readonly size: number; readonly packets: number }
  | {
      readonly type: 'loaded';
      readonly name: string;
      readonly packets: number;
      readonly bytes: number;
      readonly format: string;
      readonly linkTypes: string;
      /** The damage as `vfm` reports it; the packets before it were loaded. */
      readonly error: string | null;
      readonly warning: string | null;
    }
  | {
      readonly type: 'compiled';
      readonly id: number;
      readonly ok: boolean;
      readonly diagnostics: readonly Diagnostic[];
      readonly warnings: readonly Diagnostic[];
      readonly disassembly: string;
      readonly cbpf: string;
      readonly ebpf: string;
      readonly programBytes: number;
      readonly stateful: boolean;
    }
  | ({ readonly type: 'ran'; readonly id: number } & RunReport)
  | { readonly type: 'rows'; readonly id: number; readonly rows: readonly RowData[] }
  | { readonly type: 'packet'; readonly id: number; readonly index: number; readonly bytes: Uint8Array; readonly read: Uint8Array; readonly summary: string; readonly undecoded: string; readonly verdict: string; readonly readNote: string }
  | { readonly type: 'download'; readonly id: number; readonly data: Uint8Array; readonly packets: number; readonly extension: string }
  | { readonly type: 'fatal'; readonly message: string };

/** One row of the packet list. */
export interface RowData {
  readonly index: number;
  readonly time: string;
  readonly src: string;
  readonly dst: string;
  readonly protocol: string;
  readonly length: number;
  readonly info: string;
}
