/**
 * The soundness check of a simplifier: `simplify(t)` must have the value of `t` at every
 * real point where both are defined.
 *
 * At each point both terms are evaluated as floats; a point where either value is not a
 * finite real (outside a domain, at a pole, or an overflow) is skipped. Values that differ
 * by more than `FLOAT_TOLERANCE` (relative) are evaluated again with decimal.js at 50 and at
 * 100 digits: if the difference is rounding noise (cancellation in the float evaluation) it
 * shrinks by many orders of magnitude between the two precisions; a real difference stays
 * the same. Points where a factor the simplifier cancelled (its `nonzero` report) is zero
 * are excluded. Used by `test/simplify-soundness.test.ts` and `bench/soundness.ts`.
 */
import { Decimal } from 'decimal.js';
import { Term, Assume, CALL, SYM } from '../../src/term/term.js';
import { evaluate } from '../../src/term/evaluate.js';
import { EquateError } from '../../src/term/errors.js';
import { print } from '../../src/term/print.js';
import { recordCancellations } from '../../src/term/canonical.js';
import { simplify } from '../../src/simplify.js';
import * as api from '../../src/index.js';
import { pointOf, type Point } from './random-expr.js';

/** The result of a simplifier with the factors it assumed nonzero. */
export interface Simplified {
  term: Term;
  nonzero: readonly Term[];
}

/** A simplifier under test. */
export interface Simplifier {
  name: string;
  run(t: Term): Simplified;
}

/** Float values closer than this (relative) agree without a decimal check. */
export const FLOAT_TOLERANCE = 1e-9;
/** The two precisions (significant digits) of the decimal check. */
export const DECIMAL_PRECISIONS = [50, 100] as const;
/** A difference that shrinks by at least this factor from 50 to 100 digits is rounding noise. */
const NOISE_SHRINK = 1e-20;
/** A difference stable to this (relative) between the two precisions is real. */
const STABLE = 1e-6;
/** A nonzero value below this at 100 digits is a zero blurred by rounding. */
const BLURRED_ZERO = 1e-40;

/** Runs `f` and adds the factors canonical construction cancelled on the way. */
function withCancellations(name: string, f: (t: Term) => Simplified): Simplifier {
  return {
    name,
    run: (t) => {
      const { result, nonzero } = recordCancellations(() => f(t));
      return { term: result.term, nonzero: [...result.nonzero, ...nonzero] };
    },
  };
}

/** Reads the result of a `simplifyWithReport`: a term, or an object with a term and a `nonzero` list. */
function readReport(r: unknown): Simplified | undefined {
  if (r instanceof Term) return { term: r, nonzero: [] };
  if (r === null || typeof r !== 'object') return undefined;
  const o = r as Record<string, unknown>;
  const term = [o.term, o.result, o.simplified, o.output].find((v) => v instanceof Term) as Term | undefined;
  if (term === undefined) return undefined;
  const nested = [o, o.report, o.assumptions].filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
  const lists = nested.flatMap((v) => [v.nonzero, (v.assumptions as Record<string, unknown> | undefined)?.nonzero]);
  const nonzero = lists.flatMap((l) => (Array.isArray(l) ? l.filter((v): v is Term => v instanceof Term) : []));
  return { term, nonzero };
}

type Reporting = (t: Term, opts?: { real?: boolean }) => unknown;

/** A simplifier of the public API that returns a report, when the API has one by that name. */
function reporting(name: string): Reporting | undefined {
  const f = (api as unknown as Record<string, unknown>)[name];
  if (typeof f !== 'function') return undefined;
  const g = f as Reporting;
  return readReport(g(api.sym('x'))) === undefined ? undefined : g;
}

function fromReport(name: string, f: Reporting, opts?: { real?: boolean }): Simplifier {
  return withCancellations(name, (t) => {
    const r = readReport(opts ? f(t, opts) : f(t));
    if (r === undefined) throw new Error(`${name} returned no term`);
    return r;
  });
}

/**
 * The simplifiers to check: `simplify(t)`; and, where the public API has them, the reporting
 * ones (`simplifyClassic(t)`, `simplifyClassic(t, { real: true })` which takes every symbol
 * as real, `simplifyWithReport(t)`), whose reports of factors assumed nonzero exclude the
 * points where those are zero. Each also reports the factors canonical construction
 * cancelled outside such a report.
 * @example availableSimplifiers().map((s) => s.name) // ['simplify', 'simplifyClassic', ...]
 */
export function availableSimplifiers(): Simplifier[] {
  const out: Simplifier[] = [withCancellations('simplify', (t) => ({ term: simplify(t), nonzero: [] }))];
  const classic = reporting('simplifyClassic');
  if (classic !== undefined) {
    out.push(fromReport('simplifyClassic', classic));
    out.push(fromReport('simplifyClassic(t, { real: true })', classic, { real: true }));
  }
  out.push(withCancellations('simplify (e-graph)', (t) => ({ term: simplify(t, { engine: 'egraph', egraph: { nodeLimit: 2000, timeLimit: 200 } }), nonzero: [] })));
  const withReport = reporting('simplifyWithReport');
  if (withReport !== undefined) out.push(fromReport('simplifyWithReport', withReport));
  return out;
}

/** What the check found wrong with one expression. */
export interface Finding {
  kind: 'unsound' | 'crash' | 'unevaluable';
  simplifier: string;
  input: Term;
  output?: Term;
  point?: Point;
  inputValue?: string;
  outputValue?: string;
  message?: string;
}

/** Symbols of `t` with their assumptions, as `p positive`. */
function assumptionsOf(t: Term): string[] {
  const seen = new Map<string, string>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.kind === SYM && u.flags !== 0) {
      seen.set(u.name!, `${u.name} ${Object.entries(Assume).filter(([, bit]) => u.flags & bit).map(([name]) => name).join(' ')}`);
    }
    stack.push(...u.args);
  }
  return [...seen.values()].sort();
}

/**
 * A finding in a few lines: the input, the result, the point and both values.
 * @example describeFinding(f) // 'unsound (simplify)\n  input:  sqrt(x^2)\n  output: x\n  at:     {"x":-1.5}\n ...'
 */
export function describeFinding(f: Finding): string {
  const lines = [`${f.kind} (${f.simplifier})`, `  input:  ${print(f.input)}`];
  if (f.output !== undefined) lines.push(`  output: ${print(f.output)}`);
  if (f.point !== undefined) lines.push(`  at:     ${JSON.stringify(pointOf(f.input, f.point))}`);
  if (f.inputValue !== undefined) lines.push(`  values: input ${f.inputValue}, output ${f.outputValue}`);
  const assumed = assumptionsOf(f.input);
  if (assumed.length > 0) lines.push(`  assume: ${assumed.join(', ')}`);
  if (f.message !== undefined) lines.push(`  ${f.message}`);
  return lines.join('\n');
}

/** Counts of one run. */
export interface Tally {
  /** Expressions checked. */
  generated: number;
  /** Expressions compared at one point at least (by every simplifier). */
  compared: number;
  /** Expressions whose input is defined at none of their points. */
  inputUndefined: number;
  /**
   * Expressions whose input is defined at some point, none of which could be compared: the
   * result is undefined there, a factor it assumed nonzero is zero, or the decimal check
   * could not decide.
   */
  notCompared: number;
  /** Expressions a simplifier refused with an EquateError (a limit, say). */
  refused: number;
  /** Expressions with an unsound result. */
  unsound: number;
  /** Expressions on which a simplifier crashed or whose result could not be evaluated. */
  crashed: number;
  /** Points compared, over all expressions and simplifiers. */
  pointsCompared: number;
  /** Points where the input is defined and the result is not. */
  pointsNarrowed: number;
  /** Points skipped because a factor the simplifier assumed nonzero is zero there. */
  pointsExcluded: number;
  /** Points that needed the decimal check. */
  decimalChecks: number;
  /** Points the decimal check could not decide (too much cancellation, or no decimal value). */
  undecided: number;
  /** Points where the values differ but one side is undefined beyond rounding (`sin(pi)*csc(pi)`). */
  pointsSingular: number;
  /** Milliseconds spent in the simplifiers. */
  simplifyMs: number;
  /** The slowest simplification: milliseconds and the input. */
  slowest: { ms: number; input: string };
}

/** An empty tally. */
export function emptyTally(): Tally {
  return {
    generated: 0, compared: 0, inputUndefined: 0, notCompared: 0, refused: 0, unsound: 0, crashed: 0,
    pointsCompared: 0, pointsNarrowed: 0, pointsExcluded: 0, decimalChecks: 0, undecided: 0, pointsSingular: 0,
    simplifyMs: 0, slowest: { ms: 0, input: '' },
  };
}

function floatAt(t: Term, point: Point): number {
  try {
    return evaluate(t, point);
  } catch (e) {
    if (e instanceof EquateError) return NaN;
    throw e;
  }
}

/** The difference of the two values at `precision` digits, or null where either has no finite decimal value. */
function decimalDifference(a: Term, b: Term, point: Point, precision: number): { diff: Decimal; mag: Decimal; a: Decimal; b: Decimal } | null | 'error' {
  try {
    const va = evaluate(a, point, { mode: 'decimal', precision });
    const vb = evaluate(b, point, { mode: 'decimal', precision });
    if (!va.isFinite() || !vb.isFinite()) return null;
    return { diff: va.minus(vb).abs(), mag: Decimal.max(va.abs(), vb.abs()), a: va, b: vb };
  } catch (e) {
    if (e instanceof EquateError) return 'error';
    throw e;
  }
}

/**
 * Decides a point where the float values differ: 'equal' when the difference is rounding,
 * 'different' when it is real, 'undefined' when either has no decimal value, 'singular' when
 * either is undefined there though rounding gives it a value (see `stablyDefined`),
 * 'undecided' otherwise.
 */
export function decimalVerdict(a: Term, b: Term, point: Point): { verdict: 'equal' | 'different' | 'undefined' | 'singular' | 'undecided'; values?: [string, string] } {
  const [p1, p2] = DECIMAL_PRECISIONS;
  const lo = decimalDifference(a, b, point, p1);
  if (lo === 'error') return { verdict: 'undecided' };
  if (lo === null) return { verdict: 'undefined' };
  if (lo.diff.lte(lo.mag.times(FLOAT_TOLERANCE))) return { verdict: 'equal' };
  const hi = decimalDifference(a, b, point, p2);
  if (hi === 'error') return { verdict: 'undecided' };
  if (hi === null) return { verdict: 'undefined' };
  if (hi.diff.lte(hi.mag.times(FLOAT_TOLERANCE))) return { verdict: 'equal' };
  if (hi.diff.lte(lo.diff.times(NOISE_SHRINK))) return { verdict: 'equal' };
  if (!hi.diff.minus(lo.diff).abs().lte(hi.diff.times(STABLE))) return { verdict: 'undecided' };
  if (!stablyDefined(a, point) || !stablyDefined(b, point)) return { verdict: 'singular' };
  return { verdict: 'different', values: [hi.a.toSignificantDigits(17).toString(), hi.b.toSignificantDigits(17).toString()] };
}

/**
 * Whether `t` is defined at `point` beyond rounding: every subterm has a decimal value that
 * is the same at both precisions (to `1e-20`, relative to its size or 1) and is not a zero
 * blurred by rounding (`0 < |v| < 1e-40`, as `sin(pi)`). At a pole that rounding hides,
 * `csc(pi)` is about 1e50 at 50 digits and 1e100 at 100, and `sin(pi)*csc(pi)` is 1 at both.
 */
export function stablyDefined(t: Term, point: Point): boolean {
  const [p1, p2] = DECIMAL_PRECISIONS;
  const seen = new Set<Term>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (seen.has(u) || u.kind !== CALL) continue;
    seen.add(u);
    stack.push(...u.args);
    try {
      const lo = evaluate(u, point, { mode: 'decimal', precision: p1 });
      const hi = evaluate(u, point, { mode: 'decimal', precision: p2 });
      if (!lo.isFinite() || !hi.isFinite()) return false;
      if (!hi.isZero() && hi.abs().lt(BLURRED_ZERO)) return false;
      if (hi.minus(lo).abs().gt(Decimal.max(1, hi.abs()).times(1e-20))) return false;
    } catch (e) {
      if (e instanceof EquateError) return false;
      throw e;
    }
  }
  return true;
}

/**
 * A point skipped for a reason worth a look: the result is undefined where the input is
 * defined ('narrowed'), the values differ but one side is undefined beyond rounding
 * ('singular'), or the decimal check could not decide ('undecided').
 */
export interface SkippedPoint {
  why: 'narrowed' | 'singular' | 'undecided';
  simplifier: string;
  input: Term;
  output: Term;
  point: Point;
}

type Outcome = 'compared' | 'inputUndefined' | 'notCompared' | 'refused';

/**
 * Checks simplifiers on expressions and keeps a tally.
 * @example new SoundnessChecker().check(parse('sqrt(x^2)', { mode: 'written' }), [{ x: -1.5 }]) // null, or a Finding
 */
export class SoundnessChecker {
  readonly tally: Tally = emptyTally();
  readonly simplifiers: readonly Simplifier[];

  /** Called at each point skipped for a reason worth a look (see `SkippedPoint`). */
  readonly observe: ((p: SkippedPoint) => void) | undefined;

  constructor(simplifiers: readonly Simplifier[] = availableSimplifiers(), observe?: (p: SkippedPoint) => void) {
    this.simplifiers = simplifiers;
    this.observe = observe;
  }

  /** Checks `input` at `points` with every simplifier; the first finding, or null. */
  check(input: Term, points: readonly Point[]): Finding | null {
    const t = this.tally;
    t.generated++;
    const inputValues = points.map((p) => floatAt(input, p));
    if (!inputValues.some(Number.isFinite)) {
      t.inputUndefined++;
      return null;
    }
    const outcomes: Outcome[] = [];
    let finding: Finding | null = null;
    const done = new Map<Term, Outcome>();
    for (const s of this.simplifiers) {
      let r: Simplified;
      const start = performance.now();
      try {
        r = s.run(input);
      } catch (e) {
        if (e instanceof EquateError) {
          outcomes.push('refused');
          continue;
        }
        finding = { kind: 'crash', simplifier: s.name, input, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
        break;
      } finally {
        const ms = performance.now() - start;
        t.simplifyMs += ms;
        if (ms > t.slowest.ms) t.slowest = { ms, input: print(input) };
      }
      const key = r.nonzero.length === 0 ? r.term : null;
      const known = key === null ? undefined : done.get(key);
      if (known !== undefined) {
        outcomes.push(known);
        continue;
      }
      const result = this.comparePoints(s.name, input, r, points, inputValues);
      if (typeof result !== 'string') {
        finding = result;
        break;
      }
      if (key !== null) done.set(key, result);
      outcomes.push(result);
    }
    if (finding !== null) {
      if (finding.kind === 'unsound') t.unsound++;
      else t.crashed++;
      return finding;
    }
    if (outcomes.includes('refused')) t.refused++;
    else if (outcomes.includes('notCompared')) t.notCompared++;
    else t.compared++;
    return null;
  }

  private comparePoints(name: string, input: Term, r: Simplified, points: readonly Point[], inputValues: readonly number[]): Outcome | Finding {
    const t = this.tally;
    let compared = 0;
    for (let i = 0; i < points.length; i++) {
      const fa = inputValues[i]!;
      if (!Number.isFinite(fa)) continue;
      const point = points[i]!;
      if (r.nonzero.some((f) => Math.abs(floatAt(f, point)) <= 1e-14)) {
        t.pointsExcluded++;
        continue;
      }
      let fb: number;
      try {
        fb = evaluate(r.term, point);
      } catch (e) {
        const message = e instanceof Error ? `the result has no value: ${e.message}` : String(e);
        return { kind: 'unevaluable', simplifier: name, input, output: r.term, point, message };
      }
      if (!Number.isFinite(fb)) {
        t.pointsNarrowed++;
        this.observe?.({ why: 'narrowed', simplifier: name, input, output: r.term, point });
        continue;
      }
      if (fa === fb || Math.abs(fa - fb) <= FLOAT_TOLERANCE * Math.max(Math.abs(fa), Math.abs(fb))) {
        compared++;
        continue;
      }
      t.decimalChecks++;
      const d = decimalVerdict(input, r.term, point);
      if (d.verdict === 'undecided') t.undecided++;
      if (d.verdict === 'singular') t.pointsSingular++;
      if (d.verdict === 'undecided' || d.verdict === 'singular') this.observe?.({ why: d.verdict, simplifier: name, input, output: r.term, point });
      if (d.verdict === 'equal') compared++;
      if (d.verdict === 'different') {
        return { kind: 'unsound', simplifier: name, input, output: r.term, point, inputValue: d.values![0], outputValue: d.values![1] };
      }
    }
    t.pointsCompared += compared;
    return compared > 0 ? 'compared' : 'notCompared';
  }
}

/** Adds the counts of `b` to `a`. */
export function addTally(a: Tally, b: Tally): void {
  for (const k of Object.keys(a) as (keyof Tally)[]) {
    if (k === 'slowest') {
      if (b.slowest.ms > a.slowest.ms) a.slowest = b.slowest;
    } else a[k] += b[k];
  }
}
