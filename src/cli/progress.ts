/**
 * A progress bar on stderr for long batch commands (`verify`, `generate`), drawn only on a
 * terminal and for more than a handful of items.
 */
export class Progress {
  private count = 0;
  private readonly shown: boolean;
  private readonly started = performance.now();
  private last = 0;

  constructor(private readonly total: number, private readonly unit: string) {
    this.shown = process.stderr.isTTY === true && total >= 20;
  }

  tick(n = 1): void {
    this.count += n;
    if (!this.shown) return;
    const now = performance.now();
    if (now - this.last < 100 && this.count < this.total) return;
    this.last = now;
    const width = 30, filled = Math.round((width * this.count) / this.total);
    const rate = this.count / ((now - this.started) / 1000);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} ${this.unit}, ${rate.toFixed(1)}/s`);
  }

  done(): void {
    if (this.shown) process.stderr.write('\n');
  }
}
