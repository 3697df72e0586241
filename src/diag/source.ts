// Source text with line starts, so that spans (pairs of offsets) turn into line:column only
// when an error is printed. Columns count UTF-16 code units from 1.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const { start, end } = this.lineBounds(line);
    return this.text.slice(start, end);
  }

  /** Offsets of a 1-based line's first character and of its end (before the line break). */
  lineBounds(line: number): Span {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    let end = starts[line] ?? this.text.length;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return { start, end };
  }
}
