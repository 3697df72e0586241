// Ctrl-C during a run: the first SIGINT asks the command to stop (a live capture ends its
// capture tool, a stream stops reading) so that it still flushes its output and prints its
// report, as tcpdump does; a second SIGINT ends the process at once (exit 130).

/** An interrupt request: `signal` aborts on the first SIGINT; `dispose` removes the handler. */
export interface Interrupt {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function watchInterrupt(onFirst?: () => void): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    onFirst?.();
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    dispose: () => void process.off('SIGINT', handler),
  };
}

/**
 * The chunks of `source` until `signal` aborts: a pending read is abandoned then (standard
 * input may never end by itself), and the source is closed.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncIterable<T> {
  if (signal === undefined) {
    yield* source;
    return;
  }
  const it = source[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([it.next(), aborted]);
      if (next === 'aborted' || next.done === true) return;
      yield next.value;
    }
  } finally {
    // Close the source without waiting for a read that may never complete.
    void it.return?.()?.catch(() => undefined);
  }
}
