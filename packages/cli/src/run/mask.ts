import { secretForms } from "./secret-forms.js";

/** What a secret value is replaced with in anything the runner prints. */
export const maskText = "***";

/**
 * Replaces every occurrence of every form of any secret value (see secretForms); longer forms
 * first, so a form holding another is masked whole.
 */
export class Masker {
  private readonly values: string[];

  constructor(values: Iterable<string>) {
    this.values = [...new Set([...values].flatMap(secretForms))].sort((a, b) => b.length - a.length);
  }

  get longest(): number {
    return this.values[0]?.length ?? 0;
  }

  mask(text: string): string {
    let masked = text;
    for (const value of this.values) masked = masked.split(value).join(maskText);
    return masked;
  }

  /**
   * Where `text` may be cut, at or before `at`, so that no secret occurrence straddles the cut.
   * With `at` at least `longest - 1` characters before the end, a value that continues past the
   * end of `text` cannot begin before the cut either.
   */
  safeCut(text: string, at: number): number {
    let cut = at;
    for (let moved = true; moved; ) {
      moved = false;
      for (const value of this.values) {
        const start = cut > 0 ? text.lastIndexOf(value, cut - 1) : -1;
        if (start !== -1 && start + value.length > cut) {
          cut = start;
          moved = true;
        }
      }
    }
    return cut;
  }
}

/**
 * Turns a stream of output chunks into masked lines (without their line ends). A partial line
 * waits for its end (or for `flush`) so a secret split across two chunks is still masked.
 */
export class MaskedLineWriter {
  private pending = "";

  constructor(
    private readonly masker: Masker,
    private readonly write: (line: string) => void,
    /** A line longer than this is printed in parts (output without newlines must not grow without bound). */
    private readonly maxPending = 64 * 1024,
  ) {}

  push(chunk: string): void {
    this.pending += chunk;
    const end = this.pending.lastIndexOf("\n");
    if (end !== -1) {
      const complete = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 1);
      for (const line of complete.split("\n")) this.emit(line);
    }
    if (this.pending.length > this.maxPending) {
      const cut = this.masker.safeCut(this.pending, this.pending.length - Math.max(0, this.masker.longest - 1));
      if (cut > 0) {
        this.emit(this.pending.slice(0, cut));
        this.pending = this.pending.slice(cut);
      }
    }
  }

  flush(): void {
    if (this.pending !== "") this.emit(this.pending);
    this.pending = "";
  }

  private emit(line: string): void {
    // Masked before the line's CR is dropped: a value ending in CR is still found whole.
    this.write(this.masker.mask(line).replace(/\r$/, ""));
  }
}
