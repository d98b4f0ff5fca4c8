/**
 * `npm run soundness`: the soundness check of the simplifier (test/support/soundness-check.ts)
 * over many random expressions (test/support/random-expr.ts), in chunks of `CHUNK` cases with
 * seeds `seed`, `seed + 1`, ... Prints the counts; the first findings are shrunk by
 * fast-check and printed. Exits with 1 when a result is unsound or a simplifier crashed.
 *
 *   node dist/bench/soundness.js [--count 100000] [--seed 1] [--points 6] [--depth 3] [--show 10]
 */
import fc from 'fast-check';
import { print } from '../src/term/print.js';
import { caseArb, pointOf, type SoundnessCase } from '../test/support/random-expr.js';
import { SoundnessChecker, availableSimplifiers, describeFinding, type Finding } from '../test/support/soundness-check.js';

/** Cases per chunk (one fast-check seed each). */
const CHUNK = 1000;

interface Options {
  count: number;
  seed: number;
  points: number;
  /** Nesting depth of the random expressions. */
  depth: number;
  show: number;
}

function readOptions(argv: readonly string[]): Options {
  const opts: Options = { count: 100_000, seed: 1, points: 6, depth: 3, show: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(key in opts) || !Number.isSafeInteger(value) || value < 0) {
      console.error(`soundness: expected --count N, --seed N, --points N, --depth N or --show N, got ${argv.slice(i, i + 2).join(' ')}`);
      process.exit(2);
    }
    opts[key as keyof Options] = value;
  }
  return opts;
}

function pct(n: number, of: number): string {
  return of === 0 ? '' : ` (${((100 * n) / of).toFixed(1)}%)`;
}

/** The first failing case of the chunk with seed `seed`, shrunk by fast-check. */
function shrink(seed: number, opts: Options): string | null {
  const checker = new SoundnessChecker(availableSimplifiers());
  let last: Finding | null = null;
  const run = fc.check(
    fc.property(caseArb(opts.points, { depth: opts.depth }), (c: SoundnessCase) => {
      const f = checker.check(c.input, c.points);
      if (f !== null) last = f;
      return f === null;
    }),
    { seed, numRuns: CHUNK },
  );
  if (!run.failed || run.counterexample === null) return null;
  const [c] = run.counterexample;
  const f = new SoundnessChecker(availableSimplifiers()).check(c.input, c.points) ?? last;
  return f === null ? null : describeFinding(f);
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  const simplifiers = availableSimplifiers();
  const skipped = new Map<string, string[]>();
  const checker = new SoundnessChecker(simplifiers, (p) => {
    const list = skipped.get(p.why) ?? [];
    skipped.set(p.why, list);
    const line = `${print(p.input)}  ->  ${print(p.output)}  at ${JSON.stringify(pointOf(p.input, p.point))}  (${p.simplifier})`;
    if (list.length < 5 && !list.includes(line)) list.push(line);
  });
  const findings: { finding: Finding; seed: number }[] = [];
  const seen = new Set<string>();
  const arb = caseArb(opts.points, { depth: opts.depth });
  const start = performance.now();
  console.log(`soundness: ${opts.count} expressions of depth ${opts.depth}, ${opts.points} points each, seeds from ${opts.seed}; checking ${simplifiers.map((s) => s.name).join(', ')}`);
  for (let done = 0, chunk = 0; done < opts.count; done += CHUNK, chunk++) {
    const seed = opts.seed + chunk;
    for (const c of fc.sample(arb, { seed, numRuns: Math.min(CHUNK, opts.count - done) })) {
      const f = checker.check(c.input, c.points);
      if (f === null) continue;
      const key = `${f.kind} ${print(f.input)}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push({ finding: f, seed });
      }
    }
    // Back to the event loop: the intern table reclaims the terms of the chunk.
    await new Promise((resolve) => setImmediate(resolve));
    if (chunk % 10 === 9) process.stderr.write(`  ${done + CHUNK} checked, ${checker.tally.unsound} unsound, ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
  }
  const ms = performance.now() - start;
  const t = checker.tally;
  const rows: [string, string][] = [
    ['generated', `${t.generated}`],
    ['compared', `${t.compared}${pct(t.compared, t.generated)}`],
    ['skipped: input undefined at every point', `${t.inputUndefined}${pct(t.inputUndefined, t.generated)}`],
    ['skipped: no point comparable', `${t.notCompared}${pct(t.notCompared, t.generated)}`],
    ['skipped: simplifier refused (EquateError)', `${t.refused}${pct(t.refused, t.generated)}`],
    ['unsound', `${t.unsound}`],
    ['crashed or unevaluable result', `${t.crashed}`],
    ['points compared', `${t.pointsCompared}`],
    ['points where only the input is defined', `${t.pointsNarrowed}`],
    ['points excluded (assumed nonzero)', `${t.pointsExcluded}`],
    ['points checked in decimal', `${t.decimalChecks} (${t.undecided} undecided, ${t.pointsSingular} singular)`],
    ['time', `${(ms / 1000).toFixed(1)} s (simplify ${(t.simplifyMs / 1000).toFixed(1)} s, ${((1000 * ms) / Math.max(1, t.generated)).toFixed(0)} us per expression)`],
    ['slowest simplification', `${t.slowest.ms.toFixed(1)} ms: ${t.slowest.input.slice(0, 100)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  for (const [why, lines] of skipped) console.log(`\nexamples of points skipped as ${why}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
  if (findings.length > 0) {
    console.log(`\n${findings.length} distinct findings; the first ${Math.min(opts.show, findings.length)}:`);
    for (const { finding } of findings.slice(0, opts.show)) console.log(describeFinding(finding));
    const seeds = [...new Set(findings.map((f) => f.seed))].slice(0, 3);
    for (const seed of seeds) {
      const shrunk = shrink(seed, opts);
      if (shrunk !== null) console.log(`\nshrunk (seed ${seed}):\n${shrunk}`);
    }
  }
  process.exitCode = t.unsound + t.crashed > 0 ? 1 : 0;
}

await main();
