/**
 * Conformance with egg: its tests/math.rs as data. The rules are egg's, written in the rule
 * language (S-expressions, as written); the analysis is constant folding (exact here, floats
 * in egg); conditions are egg's is_not_zero, is_const, is_sym, is_const_or_distinct_var. `d`
 * (derivative) and `i` (integral) are user operators. Each case runs as egg's test runner
 * does: the runner's settings, the start term as the root, and a hook that stops once every
 * goal matches in the root class; then the goals are checked (or, for `math_fail`, checked
 * not to hold).
 */
import { describe, expect, test } from 'vitest';
import { parseSexpr } from '../src/term/sexpr.js';
import { defineOperator, getOperator, type Operator } from '../src/term/operator.js';
import type { Term } from '../src/term/term.js';
import { parsePattern, rule, theory, type Rule, type Condition } from '../src/rewrite/index.js';
import { Runner } from '../src/egraph/runner.js';
import { SimpleScheduler } from '../src/egraph/scheduler.js';
import { constantFolding } from '../src/egraph/constant-folding.js';
import { allOf, isConst, isConstOrDistinctVar, isNotZero, isSym } from '../src/egraph/conditions.js';
import { compilePattern } from '../src/egraph/ematch.js';
import { Extractor, type CostFunction } from '../src/egraph/extract.js';
import { toSexpr } from '../src/term/sexpr.js';

const userOp = (name: string): Operator => getOperator(name) ?? defineOperator({ name, kind: 'calculus', arity: 2, precedence: 100, cost: 1 });
const DIFF = userOp('d');
const INTEGRAL = userOp('i');

const S = { syntax: 'sexpr', mode: 'written' } as const;
const rw = (name: string, text: string, where?: Condition<Term>): Rule => rule(name, text, where ? { ...S, where } : S);
/** egg's rules with a bare variable on the left ("?a => (+ ?a 0)") match every class; the rule language asks for a condition there. */
const everywhere: Condition<Term> = () => true;

const math = theory('egg-math', [
  rw('comm-add', '(+ ?a ?b) --> (+ ?b ?a)'),
  rw('comm-mul', '(* ?a ?b) --> (* ?b ?a)'),
  rw('assoc-add', '(+ ?a (+ ?b ?c)) --> (+ (+ ?a ?b) ?c)'),
  rw('assoc-mul', '(* ?a (* ?b ?c)) --> (* (* ?a ?b) ?c)'),

  rw('sub-canon', '(- ?a ?b) --> (+ ?a (* -1 ?b))'),
  rw('div-canon', '(/ ?a ?b) --> (* ?a (pow ?b -1))', isNotZero('b')),

  rw('zero-add', '(+ ?a 0) --> ?a'),
  rw('zero-mul', '(* ?a 0) --> 0'),
  rw('one-mul', '(* ?a 1) --> ?a'),

  rw('add-zero', '?a --> (+ ?a 0)', everywhere),
  rw('mul-one', '?a --> (* ?a 1)', everywhere),

  rw('cancel-sub', '(- ?a ?a) --> 0'),
  rw('cancel-div', '(/ ?a ?a) --> 1', isNotZero('a')),

  rw('distribute', '(* ?a (+ ?b ?c)) --> (+ (* ?a ?b) (* ?a ?c))'),
  rw('factor', '(+ (* ?a ?b) (* ?a ?c)) --> (* ?a (+ ?b ?c))'),

  rw('pow-mul', '(* (pow ?a ?b) (pow ?a ?c)) --> (pow ?a (+ ?b ?c))'),
  rw('pow0', '(pow ?x 0) --> 1', isNotZero('x')),
  rw('pow1', '(pow ?x 1) --> ?x'),
  rw('pow2', '(pow ?x 2) --> (* ?x ?x)'),
  rw('pow-recip', '(pow ?x -1) --> (/ 1 ?x)', isNotZero('x')),
  rw('recip-mul-div', '(* ?x (/ 1 ?x)) --> 1', isNotZero('x')),

  rw('d-variable', '(d ?x ?x) --> 1', isSym('x')),
  rw('d-constant', '(d ?x ?c) --> 0', allOf(isSym('x'), isConstOrDistinctVar('c', 'x'))),

  rw('d-add', '(d ?x (+ ?a ?b)) --> (+ (d ?x ?a) (d ?x ?b))'),
  rw('d-mul', '(d ?x (* ?a ?b)) --> (+ (* ?a (d ?x ?b)) (* ?b (d ?x ?a)))'),

  rw('d-sin', '(d ?x (sin ?x)) --> (cos ?x)'),
  rw('d-cos', '(d ?x (cos ?x)) --> (* -1 (sin ?x))'),

  rw('d-ln', '(d ?x (ln ?x)) --> (/ 1 ?x)', isNotZero('x')),

  rw('d-power', '(d ?x (pow ?f ?g)) --> (* (pow ?f ?g) (+ (* (d ?x ?f) (/ ?g ?f)) (* (d ?x ?g) (ln ?f))))',
    allOf(isNotZero('f'), isNotZero('g'))),

  rw('i-one', '(i 1 ?x) --> ?x'),
  rw('i-power-const', '(i (pow ?x ?c) ?x) --> (/ (pow ?x (+ ?c 1)) (+ ?c 1))', isConst('c')),
  rw('i-cos', '(i (cos ?x) ?x) --> (sin ?x)'),
  rw('i-sin', '(i (sin ?x) ?x) --> (* -1 (cos ?x))'),
  rw('i-sum', '(i (+ ?f ?g) ?x) --> (+ (i ?f ?x) (i ?g ?x))'),
  rw('i-dif', '(i (- ?f ?g) ?x) --> (- (i ?f ?x) (i ?g ?x))'),
  rw('i-parts', '(i (* ?a ?b) ?x) --> (- (* ?a (i ?b ?x)) (i (* (d ?x ?a) (i ?b ?x)) ?x))'),
]);

type MathRunner = Runner<unknown, Term>;

interface Case {
  name: string;
  start: string;
  goals: string[];
  rules?: Rule[];
  /** egg's runner settings. */
  runner?: (r: MathRunner) => MathRunner;
  /** Run without the constant-folding analysis (egg's `Runner<Math, ()>`). */
  noAnalysis?: boolean;
  /** A check instead of stopping at the goals (egg's `@check`). */
  check?: (r: MathRunner) => void;
  /** The goals must not be proved (egg's `should_panic`). */
  fails?: boolean;
}

const cases: Case[] = [
  {
    name: 'math_associate_adds',
    rules: [rw('comm-add', '(+ ?a ?b) --> (+ ?b ?a)'), rw('assoc-add', '(+ ?a (+ ?b ?c)) --> (+ (+ ?a ?b) ?c)')],
    runner: (r) => r.withIterLimit(7).withScheduler(new SimpleScheduler()),
    noAnalysis: true,
    start: '(+ 1 (+ 2 (+ 3 (+ 4 (+ 5 (+ 6 7))))))',
    goals: ['(+ 7 (+ 6 (+ 5 (+ 4 (+ 3 (+ 2 1))))))'],
    check: (r) => {
      expect(r.iterations.length).toBe(8); // 7 that work, and the one that hits the limit
      expect(r.stopReason).toBe('iteration-limit');
      expect(r.egraph.classCount).toBe(127);
    },
  },
  { name: 'math_fail', start: '(+ x y)', goals: ['(/ x y)'], fails: true },
  { name: 'math_simplify_add', start: '(+ x (+ x (+ x x)))', goals: ['(* 4 x)'] },
  { name: 'math_powers', start: '(* (pow 2 x) (pow 2 y))', goals: ['(pow 2 (+ x y))'] },
  { name: 'math_simplify_const', start: '(+ 1 (- a (* (- 2 1) a)))', goals: ['1'] },
  {
    name: 'math_simplify_root',
    runner: (r) => r.withNodeLimit(75_000),
    start: '(/ 1 (- (/ (+ 1 (sqrt five)) 2) (/ (- 1 (sqrt five)) 2)))',
    goals: ['(/ 1 (sqrt five))'],
  },
  { name: 'math_simplify_factor', start: '(* (+ x 3) (+ x 1))', goals: ['(+ (+ (* x x) (* 4 x)) 3)'] },
  { name: 'math_diff_same', start: '(d x x)', goals: ['1'] },
  { name: 'math_diff_different', start: '(d x y)', goals: ['0'] },
  { name: 'math_diff_simple1', start: '(d x (+ 1 (* 2 x)))', goals: ['2'] },
  { name: 'math_diff_simple2', start: '(d x (+ 1 (* y x)))', goals: ['y'] },
  { name: 'math_diff_ln', start: '(d x (ln x))', goals: ['(/ 1 x)'] },
  { name: 'diff_power_simple', start: '(d x (pow x 3))', goals: ['(* 3 (pow x 2))'] },
  {
    name: 'diff_power_harder',
    // egg adds the goal as a second expression ("HACK this needs to see the end expression")
    runner: (r) => r.withTimeLimit(10_000).withIterLimit(60).withNodeLimit(100_000).withExpr(W('(* x (- (* 3 x) 14))')),
    start: '(d x (- (pow x 3) (* 7 (pow x 2))))',
    goals: ['(* x (- (* 3 x) 14))'],
  },
  { name: 'integ_one', start: '(i 1 x)', goals: ['x'] },
  { name: 'integ_sin', start: '(i (cos x) x)', goals: ['(sin x)'] },
  { name: 'integ_x', start: '(i (pow x 1) x)', goals: ['(/ (pow x 2) 2)'] },
  { name: 'integ_part1', start: '(i (* x (cos x)) x)', goals: ['(+ (* x (sin x)) (cos x))'] },
  { name: 'integ_part2', start: '(i (* (cos x) x) x)', goals: ['(+ (* x (sin x)) (cos x))'] },
  { name: 'integ_part3', start: '(i (ln x) x)', goals: ['(- (* x (ln x)) x)'] },
];

function W(src: string): Term {
  return parseSexpr(src, { mode: 'written' });
}

/** egg's MathCostFn: d and i cost 100, everything else 1. */
const mathCost: CostFunction = (eg, node, costs) => {
  const code = eg.nodeCode(node);
  let s = code === DIFF.id || code === INTEGRAL.id ? 100 : 1;
  for (const c of costs) s += c;
  return s;
};

function runCase(c: Case): MathRunner {
  let runner: MathRunner = new Runner<unknown, Term>(c.noAnalysis ? {} : { analysis: constantFolding() as never });
  if (c.runner) runner = c.runner(runner);
  runner.withExpr(W(c.start));
  const root = runner.roots[runner.roots.length - 1]!;
  const goals = c.goals.map((g) => parsePattern(g, S));
  if (!c.check) for (const g of goals) runner.withGoal(g, root);
  runner.run(c.rules ?? math);
  const proved = goals.every((g) => compilePattern(g).matchesIn(runner.egraph, root));
  if (c.fails) expect(proved).toBe(false);
  else expect(proved, `${c.name}: goals not proved (${runner.stopReason})\n${runner.report()}`).toBe(true);
  c.check?.(runner);
  return runner;
}

describe("egg's tests/math.rs", () => {
  for (const c of cases) test(c.name, () => void runCase(c));

  test('assoc_mul_saturates', () => {
    const runner = new Runner<unknown, Term>({ analysis: constantFolding() as never }).withIterLimit(3).withExpr(W('(* x 1)')).run(math);
    expect(runner.stopReason).toBe('saturated');
  });

  test('extraction after a proof: the simplest derivative, d and i costly', () => {
    const runner = runCase(cases.find((c) => c.name === 'math_diff_simple2')!);
    const ex = new Extractor(runner.egraph, mathCost);
    expect(toSexpr(ex.term(runner.roots[0]!))).toBe('y');
  });
});
