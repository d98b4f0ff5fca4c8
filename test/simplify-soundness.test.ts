/**
 * Soundness of the default simplifier: `simplify(t)` has the value of `t` at every real point
 * where both are defined (test/support/soundness-check.ts says how points are compared). The
 * same holds for the reporting simplifiers of the public API (`simplifyClassic`, also with
 * `{ real: true }`), whose reports of factors assumed nonzero exclude the points where those
 * are zero. `npm run soundness` runs the same check on 100,000 random expressions.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { call, sym, CALL, type Term } from '../src/term/term.js';
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { substWith } from '../src/term/subst.js';
import { writtenOps } from '../src/term/interface.js';
import { EquateError } from '../src/term/errors.js';
import * as O from '../src/term/operators.js';
import { SYMBOLS, TEMPLATES, caseArb, pointsArb, type Point, type SoundnessCase } from './support/random-expr.js';
import { SoundnessChecker, availableSimplifiers, describeFinding, type Simplifier } from './support/soundness-check.js';

const written = (text: string): Term => parse(text, { mode: 'written' });
const simplifiers = availableSimplifiers();

/** A simplifier that returns `text` whatever it is given, with `nonzero` as its report. */
function fixed(text: string, nonzero: string[] = []): Simplifier {
  return { name: `fixed ${text}`, run: () => ({ term: written(text), nonzero: nonzero.map(written) }) };
}

/** A simplifier that applies `f` bottom-up to the written term: a planted bug. */
function planted(name: string, f: (u: Term) => Term | undefined): Simplifier {
  const walk = (u: Term): Term => {
    if (u.kind !== CALL) return f(u) ?? u;
    const args = u.args.map(walk);
    const v = args.some((a, i) => a !== u.args[i]) ? call(u.op!, args) : u;
    return f(v) ?? v;
  };
  return { name, run: (t) => ({ term: walk(t), nonzero: [] }) };
}

const isSquare = (u: Term): boolean => u.op === O.POW && print(u.args[1]!) === '2';
/** sqrt(u^2) --> u: wrong for u < 0. */
const rootOfSquare = planted('sqrt(u^2) --> u', (u) => (u.op === O.SQRT && isSquare(u.args[0]!) ? u.args[0]!.args[0]! : undefined));
/** abs(u) --> u: wrong for u < 0. */
const absolute = planted('abs(u) --> u', (u) => (u.op === O.ABS ? u.args[0]! : undefined));
/** log(u*v) --> log(u) + log(v): undefined for u, v < 0, where the input is defined (not a wrong value). */
const logOfProduct = planted('log(u*v) --> log(u) + log(v)', (u) =>
  u.op === O.LOG && u.args.length === 1 && u.args[0]!.op === O.MUL ? call(O.ADD, u.args[0]!.args.map((v) => call(O.LOG, [v]))) : undefined);
/** (u^a)^b --> u^(a*b): wrong for (x^2)^(1/2) at x < 0. */
const powerOfPower = planted('(u^a)^b --> u^(a*b)', (u) =>
  u.op === O.POW && u.args[0]!.op === O.POW ? call(O.POW, [u.args[0]!.args[0]!, call(O.MUL, [u.args[0]!.args[1]!, u.args[1]!])]) : undefined);
/** asin(sin(u)) --> u: wrong for |u| > pi/2. */
const asinOfSin = planted('asin(sin(u)) --> u', (u) => (u.op === O.ASIN && u.args[0]!.op === O.SIN ? u.args[0]!.args[0]! : undefined));

/** 40 points for the table of forms (fixed: the table is reproducible). */
const TABLE_POINTS: Point[] = fc.sample(pointsArb(40), { seed: 7, numRuns: 1 })[0]!;

describe('the check itself', () => {
  test.each([
    ['sqrt(x^2)', rootOfSquare, { x: -1.5 }, 'x'],
    ['abs(x*y) - x', absolute, { x: -2, y: 3 }, 'x*y - x'],
    ['(x^2)^(1/2)', powerOfPower, { x: -0.5 }, 'x^(2*(1/2))'],
    ['asin(sin(x))', asinOfSin, { x: 3 }, 'x'],
  ] as const)('finds the planted bug in %s', (text, s, point, output) => {
    const f = new SoundnessChecker([s]).check(written(text), [{ x: 1, y: 2 }, point]);
    expect(f).not.toBeNull();
    expect(f!.kind).toBe('unsound');
    expect(print(f!.output!)).toBe(output);
    expect(f!.point).toEqual(point);
    expect(describeFinding(f!)).toContain(`input:  ${text}`);
  });

  test('random expressions find a planted bug, and fast-check shrinks it to a small case', () => {
    for (const s of [rootOfSquare, absolute, powerOfPower, asinOfSin]) {
      const checker = new SoundnessChecker([s]);
      const run = fc.check(fc.property(caseArb(), (c: SoundnessCase) => checker.check(c.input, c.points) === null), { seed: 3, numRuns: 3000 });
      expect(run.failed, s.name).toBe(true);
      expect(run.counterexample![0].input.size, s.name).toBeLessThanOrEqual(12);
    }
  });

  test.each([
    ['(x + 1)^2 - x^2 - 2*x', '1', { x: 1e8 }],
    ['sin(x)^2 + cos(x)^2 - 1', '0', { x: 0.3 }],
    ['(x^2 - 1)/(x - 1)', 'x + 1', { x: 1.0000001 }],
    ['exp(x)*exp(-x)', '1', { x: 30 }],
  ])('rounding is not a finding: %s is %s', (text, output, point) => {
    const checker = new SoundnessChecker([fixed(output)]);
    expect(checker.check(written(text), [point])).toBeNull();
    expect(checker.tally.compared).toBe(1);
  });

  test('float cancellation goes to the decimal check', () => {
    const checker = new SoundnessChecker([fixed('1')]);
    expect(checker.check(written('(x + 1)^2 - x^2 - 2*x'), [{ x: 1e8 }])).toBeNull();
    expect(checker.tally.decimalChecks).toBe(1);
  });

  test('a small real difference is a finding', () => {
    const f = new SoundnessChecker([fixed('x + 1/10^6')]).check(written('x'), [{ x: 1 }]);
    expect(f?.kind).toBe('unsound');
    expect(f?.inputValue).toBe('1');
    expect(f?.outputValue).toBe('1.000001');
  });

  test('a pole that rounding hides is skipped: sin(pi)*csc(pi) has no value', () => {
    const checker = new SoundnessChecker([fixed('0')]);
    expect(checker.check(written('sin(pi)*csc(pi)'), [{}])).toBeNull();
    expect(checker.tally.pointsSingular).toBe(1);
    expect(checker.tally.compared).toBe(0);
  });

  test('points where a factor assumed nonzero is zero are excluded', () => {
    const checker = new SoundnessChecker([fixed('x + 1', ['x'])]);
    expect(checker.check(written('x'), [{ x: 0 }])).toBeNull();
    expect(checker.tally.pointsExcluded).toBe(1);
    expect(checker.check(written('x'), [{ x: 0 }, { x: 2 }])?.kind).toBe('unsound');
  });

  test('a result undefined where the input is defined is counted, not a finding', () => {
    const checker = new SoundnessChecker([fixed('sqrt(x)^2')]);
    expect(checker.check(written('abs(x)'), [{ x: -1 }])).toBeNull();
    expect(checker.tally.pointsNarrowed).toBe(1);
    expect(checker.tally.notCompared).toBe(1);
  });

  test('a result undefined where the input is defined is no finding: log(x*y) --> log(x) + log(y) at x, y < 0', () => {
    const checker = new SoundnessChecker([logOfProduct]);
    expect(checker.check(written('log(x*y)'), [{ x: -2, y: -3 }])).toBeNull();
    expect(checker.tally.pointsNarrowed).toBe(1);
  });

  test('an input undefined at every point is counted as skipped', () => {
    const checker = new SoundnessChecker([fixed('0')]);
    expect(checker.check(written('log(-1 - x^2)'), [{ x: 1 }, { x: 2 }])).toBeNull();
    expect(checker.tally.inputUndefined).toBe(1);
  });

  test('a crash is a finding; an EquateError is a refusal', () => {
    const crash: Simplifier = { name: 'crash', run: () => { throw new TypeError('boom'); } };
    const refuse: Simplifier = { name: 'refuse', run: () => { throw new EquateError('too big'); } };
    expect(new SoundnessChecker([crash]).check(written('x'), [{ x: 1 }])).toMatchObject({ kind: 'crash', message: 'TypeError: boom' });
    const checker = new SoundnessChecker([refuse]);
    expect(checker.check(written('x'), [{ x: 1 }])).toBeNull();
    expect(checker.tally.refused).toBe(1);
  });

  test('points respect assumptions', () => {
    for (const p of TABLE_POINTS) {
      expect(p.p).toBeGreaterThan(0);
      expect(p.r).toBeGreaterThanOrEqual(0);
      expect(p.w).not.toBe(0);
      expect(Number.isInteger(p.n)).toBe(true);
      expect(Number.isInteger(p.k) && p.k! > 0).toBe(true);
    }
  });

  test('the simplifiers under test include simplify(t)', () => {
    expect(simplifiers[0]!.name).toBe('simplify');
  });
});

/** Fillings of the holes of the templates: plain symbols, symbols with assumptions, expressions. */
const FILLINGS: readonly Record<string, string>[] = [
  { U: 'x', V: 'y', W: 'z', A: 'a', B: 'b', N: 'n' },
  { U: 'p', V: 'q', W: 'r', A: 'x', B: 'p', N: 'k' },
  { U: 'w', V: 'x', W: 'p', A: '1/2', B: '2', N: '3' },
  { U: 'x^2 + 1', V: 'sin(y)', W: 'x - y', A: '-2', B: '1/3', N: '-2' },
  { U: '2*x - 1', V: 'exp(y)', W: 'abs(z)', A: 'n', B: 'k', N: 'n + 1' },
];

/** The template `text` with its holes filled; symbols as in `SYMBOLS` (with their assumptions). */
function fill(text: string, filling: Record<string, string>): Term {
  const withAssumptions = (t: Term): Term => substWith(writtenOps, t, Object.fromEntries(Object.entries(SYMBOLS).map(([n, s]) => [n, s])));
  const holes = Object.fromEntries(Object.entries(filling).map(([k, v]) => [k, withAssumptions(written(v))]));
  return withAssumptions(substWith(writtenOps, written(text), holes));
}

describe('the forms a simplifier is tempted to get wrong', () => {
  const cases = TEMPLATES.flatMap((text) => FILLINGS.map((filling) => ({ text, input: fill(text, filling) })));
  const checker = new SoundnessChecker(simplifiers);

  test.each(TEMPLATES.map((text) => [text]))('%s', (text) => {
    for (const { input } of cases.filter((c) => c.text === text)) {
      const f = checker.check(input, TABLE_POINTS);
      if (f !== null) expect.fail(describeFinding(f));
    }
  });

  test('most of them are compared at some point', () => {
    const t = checker.tally;
    expect(t.generated).toBe(cases.length);
    expect(t.compared / t.generated).toBeGreaterThan(0.9);
  });

  test('symbols carry their assumptions into the filled templates', () => {
    expect(fill('U/U', FILLINGS[1]!)).toBe(call(O.DIV, [SYMBOLS.p!, SYMBOLS.p!]));
    expect(fill('U', FILLINGS[0]!)).toBe(sym('x'));
  });
});

/** Each run: fixed seeds (reproducible) and fast-check's random one. */
const SEEDS: readonly (number | undefined)[] = [1, 2, 3, 20_240_601, undefined];
const RUNS = 800;

describe('random expressions: simplify(t) equals t wherever both are defined', () => {
  for (const seed of SEEDS) {
    test(seed === undefined ? 'random seed' : `seed ${seed}`, () => {
      const checker = new SoundnessChecker(simplifiers);
      fc.assert(
        fc.property(caseArb(), (c: SoundnessCase) => {
          const f = checker.check(c.input, c.points);
          if (f !== null) throw new Error(describeFinding(f));
        }),
        { seed, numRuns: RUNS },
      );
      const t = checker.tally;
      expect(t.generated).toBe(RUNS);
      // Most expressions are defined at one of their points at least, and compared there.
      expect(t.compared / t.generated).toBeGreaterThan(0.7);
      expect(t.pointsCompared).toBeGreaterThan(3 * RUNS);
    });
  }
});
