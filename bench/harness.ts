/**
 * A thin layer over tinybench: run a group of tasks in one process, then print mean time per
 * run and each task's ratio against the group's baseline (the first task).
 */
import { Bench } from 'tinybench';

export interface Task {
  name: string;
  run: () => unknown;
  /** Shown beside the time: the size of the result, or a rate computed from the mean time (ms). */
  size?: (meanMs: number) => number | string;
}

export interface Row {
  name: string;
  meanMs: number;
  samples: number;
  ratio: number;
  size: string;
}

/** Runs `tasks` (the first is the baseline) and prints a table; returns the rows. */
export async function compare(title: string, tasks: Task[], opts: { time?: number; iterations?: number } = {}): Promise<Row[]> {
  const bench = new Bench({ time: opts.time ?? 500, iterations: opts.iterations ?? 5, warmupIterations: 1, warmupTime: 0 });
  for (const t of tasks) bench.add(t.name, t.run);
  await bench.run();
  const rows: Row[] = bench.tasks.map((task, i) => {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`benchmark ${task.name} did not complete: ${r.state}`);
    return { name: task.name, meanMs: r.latency.mean, samples: r.latency.samplesCount, ratio: 0, size: String(tasks[i]!.size?.(r.latency.mean) ?? '') };
  });
  const base = rows[0]!.meanMs;
  for (const row of rows) row.ratio = base / row.meanMs;
  printTable(title, rows);
  return rows;
}

function fmtMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const lines = [['task', 'mean', 'samples', 'speed-up vs first', 'result']];
  for (const r of rows) lines.push([r.name, fmtMs(r.meanMs), String(r.samples), `${r.ratio.toFixed(1)}x`, r.size]);
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log('  ' + l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
