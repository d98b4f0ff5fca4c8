/**
 * Conformance with egg: its tests/lambda.rs as data. A lambda calculus with `let`, `fix`,
 * `if`, numbers and booleans, written with undefined-function operators (`var`, `lam`, `app`,
 * `let`, `fix`, `if`) and the built-in `+` and `=`; a user analysis (free variables and
 * constants, egg's LambdaAnalysis); conditions on classes, one that adds terms to compare
 * them (egg's ConditionEqual), and capture-avoiding substitution as an e-graph applier that
 * makes fresh variables (egg's CaptureAvoid). Three cases must fail to prove their goal.
 */
import { describe, expect, test } from 'vitest';
import { sym, num, type Term } from '../src/term/term.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { ADD, EQ } from '../src/term/operators.js';
import * as N from '../src/term/number.js';
import { parsePattern, rule, type Condition, type Pattern, type Rule } from '../src/rewrite/index.js';
import { EGraph } from '../src/egraph/egraph.js';
import { Runner } from '../src/egraph/runner.js';
import { compilePattern } from '../src/egraph/ematch.js';
import { egraphContext, egraphRule, type ERewrite } from '../src/egraph/rewrite.js';
import type { Analysis } from '../src/egraph/analysis.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;
const W = (src: string): Term => parseSexpr(src, { mode: 'written', constants: false });
const P = (src: string): Pattern => parsePattern(src, S);

/** Free variables (the classes of their symbols) and the constant value, if any. */
interface Data {
  readonly free: ReadonlySet<number>;
  readonly constant: Term | null;
}

const TRUE = sym('true'), FALSE = sym('false');
const NONE: ReadonlySet<number> = new Set();

function evaluate(eg: EGraph<Data>, n: number): Term | null {
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

const lambdaAnalysis: Analysis<Data> = {
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

const data = (ctx: Parameters<Condition<Term>>[1], v: string): Data => {
  const e = egraphContext(ctx)!;
  return (e.egraph as unknown as EGraph<Data>).data(e.id(v));
};
const isNotSameVar = (a: string, b: string): Condition<Term> => (_s, ctx) => egraphContext(ctx)!.id(a) !== egraphContext(ctx)!.id(b);
const isConst = (v: string): Condition<Term> => (_s, ctx) => data(ctx, v).constant !== null;
/** egg's ConditionEqual: both patterns, instantiated, are in one class. */
const conditionEqual = (a: string, b: string): Condition<Term> => {
  const pa = P(a), pb = P(b);
  return (_s, ctx) => {
    const e = egraphContext(ctx)!;
    return e.egraph.find(e.instantiate(pa)) === e.egraph.find(e.instantiate(pb));
  };
};

const rw = (name: string, text: string, where?: Condition<Term>) => rule(name, text, where ? { ...S, where } : S);
const ifNotFree = P('(lam ?v2 (let ?v1 ?e ?body))');
const ifFree = P('(lam ?fresh (let ?v1 ?e (let ?v2 (var ?fresh) ?body)))');

const rules: (ERewrite | Rule)[] = [
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
  rw('let-const', '(let ?v ?e ?c) --> ?c', isConst('c')),
  rw('let-if', '(let ?v ?e (if ?cond ?then ?else)) --> (if (let ?v ?e ?cond) (let ?v ?e ?then) (let ?v ?e ?else))'),
  rw('let-var-same', '(let ?v1 ?e (var ?v1)) --> ?e'),
  rw('let-var-diff', '(let ?v1 ?e (var ?v2)) --> (var ?v2)', isNotSameVar('v1', 'v2')),
  rw('let-lam-same', '(let ?v1 ?e (lam ?v1 ?body)) --> (lam ?v1 ?body)'),
  egraphRule('let-lam-diff', '(let ?v1 ?e (lam ?v2 ?body))', (ctx) => {
    const eg = ctx.egraph as unknown as EGraph<Data>;
    if (!eg.data(ctx.id('e')).free.has(ctx.id('v2'))) return ctx.instantiate(ifNotFree);
    return ctx.instantiate(ifFree, { fresh: eg.add(sym(`_${ctx.eclass}`)) });
  }, { ...S, where: isNotSameVar('v1', 'v2') }),
];

interface Case {
  name: string;
  start: string;
  goals: string[];
  runner?: (r: Runner<Data>) => Runner<Data>;
  fails?: boolean;
}

const cases: Case[] = [
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

function runLambda(c: Case): Runner<Data> {
  let runner = new Runner<Data>({ analysis: lambdaAnalysis });
  if (c.runner) runner = c.runner(runner);
  runner.withExpr(W(c.start));
  const root = runner.roots[runner.roots.length - 1]!;
  const goals = c.goals.map(P);
  for (const g of goals) runner.withGoal(g, root);
  runner.run(rules);
  const proved = goals.every((g) => compilePattern(g).matchesIn(runner.egraph, root));
  expect(proved, `${c.name}: ${runner.stopReason}\n${runner.report()}`).toBe(!c.fails);
  return runner;
}

describe("egg's tests/lambda.rs", () => {
  for (const c of cases) test(c.name, () => void runLambda(c), 30_000);
});

