/**
 * egg's own test suites as data, shared by the conformance tests (test/egraph-math.test.ts,
 * test/egraph-lambda.test.ts) and the e-graph benchmark (bench/egraph.ts).
 *
 * - `tests/math.rs`: egg's rules written in the rule language (S-expressions, as written);
 *   the analysis is constant folding (exact here, floats in egg); conditions are egg's
 *   is_not_zero, is_const, is_sym, is_const_or_distinct_var; `d` (derivative) and `i`
 *   (integral) are undefined functions.
 * - `tests/lambda.rs`: a lambda calculus with `let`, `fix`, `if`, numbers and booleans,
 *   written with undefined-function operators (`var`, `lam`, `app`, `let`, `fix`, `if`) and
 *   the built-in `+` and `=`; a user analysis (free variables and constants, egg's
 *   LambdaAnalysis); conditions on classes, one that adds terms to compare them (egg's
 *   ConditionEqual), and capture-avoiding substitution as an e-graph applier that makes
 *   fresh variables (egg's CaptureAvoid).
 *
 * Each case runs as egg's test runner does: the runner's settings, the start term as the
 * root, and a hook that stops once every goal matches in the root class; then the goals are
 * checked (some cases must fail to prove them).
 *
 * @example
 * import { mathCases, runMathCase } from './egg-suites.js';
 * for (const c of mathCases) console.log(c.name, runMathCase(c).proved);
 */
import { sym, num, type Term } from '../src/term/term.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { fn } from '../src/term/operator.js';
import { ADD, EQ } from '../src/term/operators.js';
import * as N from '../src/term/number.js';
import { parsePattern, rule, theory, type Condition, type Pattern, type Rule, type Theory } from '../src/rewrite/index.js';
import { EGraph } from '../src/egraph/egraph.js';
import { Runner, type StopReason } from '../src/egraph/runner.js';
import { SimpleScheduler } from '../src/egraph/scheduler.js';
import { constantFolding } from '../src/egraph/constant-folding.js';
import { allOf, isConst, isConstOrDistinctVar, isNotZero, isSym } from '../src/egraph/conditions.js';
import { compilePattern } from '../src/egraph/ematch.js';
import { egraphContext, egraphRule, type ERewrite } from '../src/egraph/rewrite.js';
import type { Analysis } from '../src/egraph/analysis.js';
import type { CostFunction } from '../src/egraph/extract.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;

// ---------------------------------------------------------------------------------------
// tests/math.rs

/**
 * The math language's derivative `(d x f)` and integral `(i f x)`: undefined functions, so
 * that `d` and `i` stay plain symbols in infix text (the simplification corpus has a symbol
 * `d`, and the benchmark reads it in the same process).
 */
export const DIFF = fn('d');
export const INTEGRAL = fn('i');

const rw = (name: string, text: string, where?: Condition<Term>): Rule => rule(name, text, where ? { ...S, where } : S);
/** egg's rules with a bare variable on the left ("?a => (+ ?a 0)") match every class; the rule language asks for a condition there. */
const everywhere: Condition<Term> = () => true;

/** egg's math rules. */
export const mathRules: Theory<Term> = theory('egg-math', [
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

export type MathRunner = Runner<unknown, Term>;

export interface MathCase {
  name: string;
  start: string;
  goals: string[];
  rules?: Rule[];
  /** egg's runner settings. */
  runner?: (r: MathRunner) => MathRunner;
  /** Run without the constant-folding analysis (egg's `Runner<Math, ()>`). */
  noAnalysis?: boolean;
  /** What the run must end with, instead of stopping at the goals (egg's `@check`). */
  expect?: { iterations: number; stopReason: StopReason; classes: number };
  /** The goals must not be proved (egg's `should_panic`). */
  fails?: boolean;
}

/** Reads a term of the math language (S-expression, as written). */
export function mathTerm(src: string): Term {
  return parseSexpr(src, { mode: 'written' });
}

/** The cases of egg's tests/math.rs, in its order. */
export const mathCases: readonly MathCase[] = [
  {
    name: 'math_associate_adds',
    rules: [rw('comm-add', '(+ ?a ?b) --> (+ ?b ?a)'), rw('assoc-add', '(+ ?a (+ ?b ?c)) --> (+ (+ ?a ?b) ?c)')],
    runner: (r) => r.withIterLimit(7).withScheduler(new SimpleScheduler()),
    noAnalysis: true,
    start: '(+ 1 (+ 2 (+ 3 (+ 4 (+ 5 (+ 6 7))))))',
    goals: ['(+ 7 (+ 6 (+ 5 (+ 4 (+ 3 (+ 2 1))))))'],
    // 7 iterations that work, and the one that hits the limit
    expect: { iterations: 8, stopReason: 'iteration-limit', classes: 127 },
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
    runner: (r) => r.withTimeLimit(10_000).withIterLimit(60).withNodeLimit(100_000).withExpr(mathTerm('(* x (- (* 3 x) 14))')),
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

/** egg's MathCostFn: d and i cost 100, everything else 1. */
export const mathCost: CostFunction = (eg, node, costs) => {
  const code = eg.nodeCode(node);
  let s = code === DIFF.id || code === INTEGRAL.id ? 100 : 1;
  for (const c of costs) s += c;
  return s;
};

/** A runner for the math language: constant folding unless `noAnalysis`. */
export function mathRunner(noAnalysis = false): MathRunner {
  return new Runner<unknown, Term>(noAnalysis ? {} : { analysis: constantFolding() as unknown as Analysis<unknown, Term> });
}

/**
 * Runs one math case as egg's test runner does. `proved`: every goal matches in the root
 * class; `ok`: the case passed (proved, or not proved for a failing case, and the expected
 * iterations, stop reason and classes for a checked case).
 */
export function runMathCase(c: MathCase): { runner: MathRunner; proved: boolean; ok: boolean } {
  let runner = mathRunner(c.noAnalysis);
  if (c.runner) runner = c.runner(runner);
  runner.withExpr(mathTerm(c.start));
  const root = runner.roots[runner.roots.length - 1]!;
  const goals = c.goals.map((g) => parsePattern(g, S));
  if (!c.expect) for (const g of goals) runner.withGoal(g, root);
  runner.run(c.rules ?? mathRules);
  const proved = goals.every((g) => compilePattern(g).matchesIn(runner.egraph, root));
  const e = c.expect;
  const checked = e === undefined
    || (runner.iterations.length === e.iterations && runner.stopReason === e.stopReason && runner.egraph.classCount === e.classes);
  return { runner, proved, ok: proved === !c.fails && checked };
}

// ---------------------------------------------------------------------------------------
// tests/lambda.rs

/** Free variables (the classes of their symbols) and the constant value, if any. */
export interface LambdaData {
  readonly free: ReadonlySet<number>;
  readonly constant: Term | null;
}

/** Reads a term of the lambda language (`e` and `pi` are plain symbols there). */
export function lambdaTerm(src: string): Term {
  return parseSexpr(src, { mode: 'written', constants: false });
}
const P = (src: string): Pattern => parsePattern(src, S);

const TRUE = sym('true'), FALSE = sym('false');
const NONE: ReadonlySet<number> = new Set();

function evaluate(eg: EGraph<LambdaData>, n: number): Term | null {
  const leaf = eg.nodeLeaf(n);
  if (leaf !== null) return leaf.isNumber() || leaf === TRUE || leaf === FALSE ? leaf : null;
  const op = eg.nodeOperator(n)!;
  if (op !== ADD && op !== EQ) return null;
  const a = eg.data(eg.nodeChild(n, 0)).constant, b = eg.data(eg.nodeChild(n, 1)).constant;
  if (a === null || b === null) return null;
  if (op === EQ) return a === b ? TRUE : FALSE;
  if (!a.isNumber() || !b.isNumber()) return null;
  return num(N.add(a.value!, b.value!)!);
}

/** egg's LambdaAnalysis: free variables and constant folding of `+` and `=`. */
export const lambdaAnalysis: Analysis<LambdaData> = {
  make(eg, n) {
    const op = eg.nodeOperator(n);
    const kids = op === null ? [] : eg.nodeChildren(n);
    const free = new Set<number>();
    const add = (c: number): void => eg.data(c).free.forEach((v) => free.add(v));
    switch (op?.name) {
      case 'var': free.add(kids[0]!); break;
      case 'let': add(kids[2]!); free.delete(kids[0]!); add(kids[1]!); break;
      case 'lam':
      case 'fix': add(kids[1]!); free.delete(kids[0]!); break;
      default: kids.forEach(add);
    }
    return { free: free.size === 0 ? NONE : free, constant: evaluate(eg, n) };
  },
  merge(a, b) {
    // egg keeps the intersection of the free sets, and the first constant known
    const free = [...a.free].filter((v) => b.free.has(v));
    const constant = a.constant ?? b.constant;
    if (free.length === a.free.size && constant === a.constant) return a;
    return { free: free.length === 0 ? NONE : new Set(free), constant };
  },
  equal: (a, b) => a.constant === b.constant && a.free.size === b.free.size && [...a.free].every((v) => b.free.has(v)),
  modify(eg, c) {
    const k = eg.data(c).constant;
    if (k !== null) eg.union(c, eg.add(k));
  },
};

const data = (ctx: Parameters<Condition<Term>>[1], v: string): LambdaData => {
  const e = egraphContext(ctx)!;
  return (e.egraph as unknown as EGraph<LambdaData>).data(e.id(v));
};
const isNotSameVar = (a: string, b: string): Condition<Term> => (_s, ctx) => egraphContext(ctx)!.id(a) !== egraphContext(ctx)!.id(b);
const isConstant = (v: string): Condition<Term> => (_s, ctx) => data(ctx, v).constant !== null;
/** egg's ConditionEqual: both patterns, instantiated, are in one class. */
const conditionEqual = (a: string, b: string): Condition<Term> => {
  const pa = P(a), pb = P(b);
  return (_s, ctx) => {
    const e = egraphContext(ctx)!;
    return e.egraph.find(e.instantiate(pa)) === e.egraph.find(e.instantiate(pb));
  };
};

const ifNotFree = P('(lam ?v2 (let ?v1 ?e ?body))');
const ifFree = P('(lam ?fresh (let ?v1 ?e (let ?v2 (var ?fresh) ?body)))');

/** egg's lambda rules; `let-lam-diff` is an e-graph rule (capture-avoiding substitution). */
export const lambdaRules: readonly (ERewrite | Rule)[] = [
  rw('if-true', '(if true ?then ?else) --> ?then'),
  rw('if-false', '(if false ?then ?else) --> ?else'),
  rw('if-elim', '(if (= (var ?x) ?e) ?then ?else) --> ?else', conditionEqual('(let ?x ?e ?then)', '(let ?x ?e ?else)')),
  rw('add-comm', '(+ ?a ?b) --> (+ ?b ?a)'),
  rw('add-assoc', '(+ (+ ?a ?b) ?c) --> (+ ?a (+ ?b ?c))'),
  rw('eq-comm', '(= ?a ?b) --> (= ?b ?a)'),
  rw('fix', '(fix ?v ?e) --> (let ?v (fix ?v ?e) ?e)'),
  rw('beta', '(app (lam ?v ?body) ?e) --> (let ?v ?e ?body)'),
  rw('let-app', '(let ?v ?e (app ?a ?b)) --> (app (let ?v ?e ?a) (let ?v ?e ?b))'),
  rw('let-add', '(let ?v ?e (+ ?a ?b)) --> (+ (let ?v ?e ?a) (let ?v ?e ?b))'),
  rw('let-eq', '(let ?v ?e (= ?a ?b)) --> (= (let ?v ?e ?a) (let ?v ?e ?b))'),
  rw('let-const', '(let ?v ?e ?c) --> ?c', isConstant('c')),
  rw('let-if', '(let ?v ?e (if ?cond ?then ?else)) --> (if (let ?v ?e ?cond) (let ?v ?e ?then) (let ?v ?e ?else))'),
  rw('let-var-same', '(let ?v1 ?e (var ?v1)) --> ?e'),
  rw('let-var-diff', '(let ?v1 ?e (var ?v2)) --> (var ?v2)', isNotSameVar('v1', 'v2')),
  rw('let-lam-same', '(let ?v1 ?e (lam ?v1 ?body)) --> (lam ?v1 ?body)'),
  egraphRule('let-lam-diff', '(let ?v1 ?e (lam ?v2 ?body))', (ctx) => {
    const eg = ctx.egraph as unknown as EGraph<LambdaData>;
    if (!eg.data(ctx.id('e')).free.has(ctx.id('v2'))) return ctx.instantiate(ifNotFree);
    return ctx.instantiate(ifFree, { fresh: eg.add(sym(`_${ctx.eclass}`)) });
  }, { ...S, where: isNotSameVar('v1', 'v2') }),
];

export interface LambdaCase {
  name: string;
  start: string;
  goals: string[];
  runner?: (r: Runner<LambdaData>) => Runner<LambdaData>;
  /** The goals must not be proved. */
  fails?: boolean;
}

/** The cases of egg's tests/lambda.rs; three must fail to prove their goal. */
export const lambdaCases: readonly LambdaCase[] = [
  { name: 'lambda_under', start: '(lam x (+ 4 (app (lam y (var y)) 4)))', goals: ['(lam x 8)'] },
  { name: 'lambda_if_elim', start: '(if (= (var a) (var b)) (+ (var a) (var a)) (+ (var a) (var b)))', goals: ['(+ (var a) (var b))'] },
  { name: 'lambda_let_simple', start: '(let x 0 (let y 1 (+ (var x) (var y))))', goals: ['1'] },
  { name: 'lambda_capture', start: '(let x 1 (lam x (var x)))', goals: ['(lam x 1)'], fails: true },
  { name: 'lambda_capture_free', start: '(let y (+ (var x) (var x)) (lam x (var y)))', goals: ['(lam x (+ (var x) (var x)))'], fails: true },
  {
    name: 'lambda_closure_not_seven',
    start: '(let five 5 (let add-five (lam x (+ (var x) (var five))) (let five 6 (app (var add-five) 1))))',
    goals: ['7'],
    fails: true,
  },
  {
    name: 'lambda_compose',
    start: `(let compose (lam f (lam g (lam x (app (var f) (app (var g) (var x))))))
            (let add1 (lam y (+ (var y) 1))
            (app (app (var compose) (var add1)) (var add1))))`,
    goals: ['(lam ?x (+ 1 (app (lam ?y (+ 1 (var ?y))) (var ?x))))', '(lam ?x (+ (var ?x) 2))'],
  },
  { name: 'lambda_if_simple', start: '(if (= 1 1) 7 9)', goals: ['7'] },
  {
    name: 'lambda_compose_many',
    start: `(let compose (lam f (lam g (lam x (app (var f) (app (var g) (var x))))))
            (let add1 (lam y (+ (var y) 1))
            (app (app (var compose) (var add1))
                 (app (app (var compose) (var add1))
                      (app (app (var compose) (var add1))
                           (app (app (var compose) (var add1))
                                (app (app (var compose) (var add1))
                                     (app (app (var compose) (var add1))
                                          (var add1)))))))))`,
    goals: ['(lam ?x (+ (var ?x) 7))'],
  },
  {
    name: 'lambda_function_repeat',
    runner: (r) => r.withTimeLimit(20_000).withNodeLimit(150_000).withIterLimit(60),
    start: `(let compose (lam f (lam g (lam x (app (var f) (app (var g) (var x))))))
            (let repeat (fix repeat (lam fun (lam n
                (if (= (var n) 0)
                    (lam i (var i))
                    (app (app (var compose) (var fun))
                         (app (app (var repeat) (var fun)) (+ (var n) -1)))))))
            (let add1 (lam y (+ (var y) 1))
            (app (app (var repeat) (var add1)) 2))))`,
    goals: ['(lam ?x (+ (var ?x) 2))'],
  },
  { name: 'lambda_if', start: '(let zeroone (lam x (if (= (var x) 0) 0 1)) (+ (app (var zeroone) 0) (app (var zeroone) 10)))', goals: ['1'] },
  {
    name: 'lambda_fib',
    runner: (r) => r.withIterLimit(60).withNodeLimit(500_000),
    start: `(let fib (fix fib (lam n
                (if (= (var n) 0)
                    0
                (if (= (var n) 1)
                    1
                (+ (app (var fib) (+ (var n) -1))
                   (app (var fib) (+ (var n) -2)))))))
            (app (var fib) 4))`,
    goals: ['3'],
  },
];

/** Runs one lambda case as egg's test runner does; `ok`: proved, or not proved for a failing case. */
export function runLambdaCase(c: LambdaCase): { runner: Runner<LambdaData>; proved: boolean; ok: boolean } {
  let runner = new Runner<LambdaData>({ analysis: lambdaAnalysis });
  if (c.runner) runner = c.runner(runner);
  runner.withExpr(lambdaTerm(c.start));
  const root = runner.roots[runner.roots.length - 1]!;
  const goals = c.goals.map(P);
  for (const g of goals) runner.withGoal(g, root);
  runner.run(lambdaRules);
  const proved = goals.every((g) => compilePattern(g).matchesIn(runner.egraph, root));
  return { runner, proved, ok: proved === !c.fails };
}
