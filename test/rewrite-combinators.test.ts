import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, call, type Term } from '../src/term/term.js';
import * as N from '../src/term/number.js';
import { fn } from '../src/term/operator.js';
import { ADD, MUL, SUB, NEG, POW, SIN, COS, EXP, LOG } from '../src/term/operators.js';
import { apply } from '../src/term/canonical.js';
import { parse } from '../src/term/parse.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { writtenOps } from '../src/term/interface.js';
import { evaluate } from '../src/term/evaluate.js';
import {
  rule, theory, chain, restartedChain, postwalk, prewalk, fixpoint, fixpointNoCycle, ifElse, passThrough, rewrite, activeBudget,
  DEFAULT_REWRITE_LIMITS, type Rewriter, type RuleOptions,
} from '../src/rewrite/index.js';

const W = (s: string): Term => parseSexpr(s, { mode: 'written' });
const S = (t: Term | null): string | null => (t === null ? null : toSexpr(t));
const written: RuleOptions<Term> = { syntax: 'sexpr', mode: 'written' };

/** Folds `+` or `*` of two numbers (a dynamic rule; partial matches keep the other arguments). */
function foldRule(op: '+' | '*', opts: RuleOptions<Term>) {
  return rule(`fold${op}`, `(${op} ?a::isNumber ?b::isNumber)`, (s, { ops }) => {
    const a = ops.numberValue(s.term('a')), b = ops.numberValue(s.term('b'));
    const v = op === '+' ? N.add(a, b) : N.mul(a, b);
    return v === undefined ? null : ops.makeNumber(v);
  }, opts);
}

// A small theory on terms kept as written (canonical construction would do all this itself).
const addZero = rule('add-zero', '(+ ?x 0) --> ?x', written);
const mulOne = rule('mul-one', '(* ?x 1) --> ?x', written);
const mulZero = rule('mul-zero', '(* ?x 0) --> 0', written);
const pythagoras = rule('pythagoras', '(+ (^ (sin ?x) 2) (^ (cos ?x) 2)) --> 1', written);
const powOne = rule('pow-one', '(^ ?x 1) --> ?x', written);
const divSelf = rule('div-self', '(/ ?x ?x) --> 1', { ...written, where: (s) => s.term('x').isNumber() && !N.isZero(s.term('x').value!) });
const basic = theory('basic', [addZero, mulOne, mulZero, pythagoras, powOne, divSelf, foldRule('+', written), foldRule('*', written)]);
const simplifyWritten = fixpoint(postwalk(basic, { ops: writtenOps }), { ops: writtenOps });

describe('a small theory with fixpoint(postwalk(...)), one case a line', () => {
  test.each<[string, string]>([
    ['(+ x 0)', 'x'],
    ['(* (+ x 0) 1)', 'x'],
    ['(+ (* y 0) x)', 'x'],
    ['(+ a (* b 0) c)', '(+ a c)'],
    ['(f (+ (^ (sin (* t 1)) 2) (^ (cos t) 2)))', '(f 1)'],
    ['(+ (^ (cos t) 2) z (^ (sin t) 2))', '(+ 1 z)'],
    ['(+ 1 2 3)', '6'],
    ['(* 2 (+ x (* 3 4)) 1/2)', '(+ x 12)'],
    ['(^ (+ x (* 2 0)) (+ 0 1))', 'x'],
    ['(/ 3 3)', '1'],
    ['(/ 0 0)', '(/ 0 0)'],
    ['(/ x x)', '(/ x x)'],
    ['(+ (sin y) (cos y))', '(+ (sin y) (cos y))'],
  ])('%s => %s', (input, output) => {
    const r = simplifyWritten(W(input));
    expect(S(r ?? W(input))).toBe(output);
    if (input === output) expect(r).toBeNull();
  });

  test('rewrite() reports the fixpoint, the applications in all and per rule', () => {
    const res = rewrite(W('(+ (* (+ a 0) 1) (* b 0) (^ (sin c) 2) (^ (cos c) 2))'), simplifyWritten, { ops: writtenOps });
    expect(S(res.term)).toBe('(+ 1 a)');
    expect(res.stopped).toBe('fixpoint');
    expect(res.applications).toBe(5);
    expect(Object.fromEntries(res.rules)).toEqual({ 'add-zero': 2, 'mul-one': 1, 'mul-zero': 1, pythagoras: 1 });
    expect(res.time).toBeGreaterThanOrEqual(0);
  });

  test('rewrite() runs a one-pass rewriter to its fixpoint', () => {
    const res = rewrite(W('(+ (+ (+ a 0) 0) 0)'), prewalk(addZero, { ops: writtenOps }), { ops: writtenOps });
    expect(S(res.term)).toBe('a');
    expect(res.stopped).toBe('fixpoint');
  });
});

describe('combinators', () => {
  const f = fn('f'), g = fn('g'), h = fn('h');
  const fToG = rule('f-g', '(f ?x) --> (g ?x)', written);
  const gToH = rule('g-h', '(g ?x) --> (h ?x)', written);
  const hToF = rule('h-f', '(h ?x) --> (f ?x)', written);
  const a = sym('a');

  test('chain: each rewriter on the result of the previous one', () => {
    expect(S(chain([fToG, gToH])(call(f, [a])))).toBe('(h a)');
    expect(S(chain([gToH, fToG])(call(f, [a])))).toBe('(g a)');
    expect(chain([gToH, fToG])(a)).toBeNull();
  });

  test('restartedChain: after the first change, the whole chain once more from the start', () => {
    // f -> g is the first change; then the chain from the start turns g into h.
    expect(S(restartedChain([gToH, fToG])(call(f, [a])))).toBe('(h a)');
    expect(S(chain([gToH, fToG])(call(f, [a])))).toBe('(g a)');
    expect(restartedChain([gToH, hToF])(a)).toBeNull();
  });

  test('postwalk rewrites arguments first, prewalk the node first', () => {
    const t = W('(+ a (* b 0))');
    const both = [addZero, mulZero];
    expect(S(postwalk(both, { ops: writtenOps })(t))).toBe('a');
    expect(S(prewalk(chain(both), { ops: writtenOps })(t))).toBe('(+ a 0)');
    expect(S(fixpoint(prewalk(chain(both), { ops: writtenOps }), { ops: writtenOps })(t))).toBe('a');
  });

  test('prewalk walks into the arguments of the rewritten node', () => {
    const wrap = rule('wrap', '(k ?x) --> (h (g ?x))', written);
    expect(S(prewalk(chain([wrap, gToH]), { ops: writtenOps })(W('(k a)')))).toBe('(h (h a))');
    expect(S(postwalk(chain([wrap, gToH]), { ops: writtenOps })(W('(k a)')))).toBe('(h (g a))');
  });

  test('no change is null, and the walk allocates nothing new for it', () => {
    const t = W('(+ (sin x) (* y (cos z)))');
    expect(postwalk(basic, { ops: writtenOps })(t)).toBeNull();
    expect(prewalk(basic, { ops: writtenOps })(t)).toBeNull();
    expect(simplifyWritten(t)).toBeNull();
    expect(chain([])(t)).toBeNull();
  });

  test('walks memoise per term: a shared subterm is rewritten once', () => {
    const seen = new Map<Term, number>();
    const counting: Rewriter<Term> = (t) => (seen.set(t, (seen.get(t) ?? 0) + 1), null);
    const shared = call(f, [call(g, [a])]);
    const t = call(ADD, [shared, call(h, [shared]), shared]);
    postwalk(counting)(t);
    expect(seen.get(shared)).toBe(1);
    expect(seen.get(a)).toBe(1);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  test('a memo map given by the caller is shared between walks', () => {
    let calls = 0;
    const counting: Rewriter<Term> = () => (calls++, null);
    const memo = new Map<Term, Term>();
    const walk = postwalk(counting, { memo });
    const t = W('(+ (f a) (g b))');
    walk(t);
    const first = calls;
    walk(t);
    expect(calls).toBe(first);
    expect(memo.get(t)).toBe(t);
  });

  test('walks are iterative: a term 9,000 levels deep', () => {
    let t: Term = a;
    for (let i = 0; i < 9000; i++) t = call(i % 2 === 0 ? f : g, [t]);
    const r = postwalk(fToG, { ops: writtenOps })(t)!;
    expect(r.depth).toBe(9001);
    expect(r.op).toBe(g);
    const p = prewalk(fToG, { ops: writtenOps })(t)!;
    expect(p).toBe(r);
  });

  test('ifElse and passThrough', () => {
    const onlySums = ifElse((t: Term) => t.op === ADD, addZero, mulOne);
    expect(S(onlySums(W('(+ x 0)')))).toBe('x');
    expect(S(onlySums(W('(* x 1)')))).toBe('x');
    expect(ifElse((t: Term) => t.op === ADD, addZero)(W('(* x 1)'))).toBeNull();
    const total = passThrough(addZero);
    const x = sym('x');
    expect(total(x)).toBe(x);
    expect(total(W('(+ x 0)'))).toBe(x);
  });

  test('rules and theories are rewriters wherever a rewriter is expected', () => {
    expect(S(fixpoint(basic, { ops: writtenOps })(W('(+ (* x 1) 0)')))).toBe('x');
    expect(S(postwalk(mulOne, { ops: writtenOps })(W('(f (* x 1))')))).toBe('(f x)');
  });
});

describe('cycles and limits', () => {
  const commute = rule('commute', '(+ ?a ?b) --> (+ ?b ?a)', { ...written, acRest: false });

  test('fixpointNoCycle stops before a term comes back', () => {
    const r = fixpointNoCycle(postwalk(commute, { ops: writtenOps }), { ops: writtenOps })(W('(+ x y)'));
    expect(S(r)).toBe('(+ y x)');
    const nested = fixpointNoCycle(postwalk(commute, { ops: writtenOps }), { ops: writtenOps })(W('(f (+ x y) (+ u v))'));
    expect(S(nested)).toBe('(f (+ y x) (+ v u))');
  });

  test('fixpointNoCycle ends on a cyclic pair of rules', () => {
    const fToG = rule('f-g', '(f ?x) --> (g ?x)', written);
    const gToF = rule('g-f', '(g ?x) --> (f ?x)', written);
    const f = fn('f');
    const either = ifElse((t: Term) => t.op === f, fToG, gToF);
    expect(S(fixpointNoCycle(either, { ops: writtenOps })(W('(f a)')))).toBe('(g a)');
    // rewrite() repeats its rewriter, and sees the cycle too.
    const res = rewrite(W('(f a)'), fixpointNoCycle(either, { ops: writtenOps }), { ops: writtenOps });
    expect(S(res.term)).toBe('(g a)');
    expect(res.stopped).toBe('cycle');
    const plain = rewrite(W('(f a)'), either, { ops: writtenOps });
    expect(S(plain.term)).toBe('(g a)');
    expect(plain.stopped).toBe('cycle');
    expect(plain.applications).toBe(2);
    expect(S(fixpointNoCycle(postwalk(either, { ops: writtenOps }), { ops: writtenOps })(W('(h (f a) (g b))')))).toBe('(h (g a) (f b))');
  });

  test('the same cycle under fixpoint ends at the application limit, and says so', () => {
    const res = rewrite(W('(+ x y)'), fixpoint(commute, { ops: writtenOps }), { ops: writtenOps, maxApplications: 101 });
    expect(res.stopped).toBe('applications');
    expect(res.applications).toBe(101);
    expect(S(res.term)).toBe('(+ y x)');
  });

  test('the time limit', () => {
    const res = rewrite(W('(+ x y)'), fixpoint(commute, { ops: writtenOps }), { ops: writtenOps, maxApplications: Infinity, maxTime: 30 });
    expect(res.stopped).toBe('time');
    expect(res.time).toBeGreaterThanOrEqual(30);
    expect(res.time).toBeLessThan(1000);
    expect(res.applications).toBeGreaterThan(100);
  });

  test('a limit reached inside a walk stops the walk, and the term is what was rewritten so far', () => {
    const t = W('(+ (* a 1) (* b 1) (* c 1) (* d 1))');
    const res = rewrite(t, postwalk(mulOne, { ops: writtenOps }), { ops: writtenOps, maxApplications: 2 });
    expect(res.stopped).toBe('applications');
    expect(res.applications).toBe(2);
    expect(S(res.term)).toBe('(+ a b (* c 1) (* d 1))');
  });

  test('a fixpoint used on its own takes the default limits, so it ends', () => {
    expect(activeBudget()).toBeNull();
    const start = performance.now();
    const t = W('(+ x y)');
    const r = fixpoint(commute, { ops: writtenOps })(t);
    expect(['(+ x y)', '(+ y x)']).toContain(S(r ?? t));
    expect(performance.now() - start).toBeLessThan(DEFAULT_REWRITE_LIMITS.maxTime + 500);
    expect(activeBudget()).toBeNull();
  });

  test('defaults are visible, bad limits are errors', () => {
    expect(DEFAULT_REWRITE_LIMITS).toEqual({ maxApplications: 100_000, maxTime: 1_000 });
    expect(() => rewrite(W('x'), addZero, { maxTime: -1 })).toThrow(/maxTime must be a nonnegative number/);
    expect(() => rewrite(W('x'), addZero, { maxApplications: Number.NaN })).toThrow(/maxApplications/);
  });

  test('zero applications allowed: nothing changes', () => {
    const res = rewrite(W('(+ x 0)'), addZero, { ops: writtenOps, maxApplications: 0 });
    expect(S(res.term)).toBe('(+ x 0)');
    expect(res.stopped).toBe('applications');
  });
});

describe('canonical terms', () => {
  const pyth = rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1');
  const expMul = rule('exp-mul', 'exp(~a) * exp(~b) --> exp(~a + ~b)');
  const logExp = rule('log-exp', 'log(exp(~x)) --> ~x');
  const trig = theory('trig', [pyth, expMul, logExp]);
  const simplifyCanonical = fixpoint(postwalk(trig));

  test.each<[string, string]>([
    ['cos(x)^2 + 1 + sin(x)^2', '2'],
    ['exp(a) * exp(-a)', '1'],
    ['log(exp(x) * exp(y)) + sin(z)^2', '(+ x y (^ (sin z) 2))'],
    ['f(sin(x + y)^2 + cos(y + x)^2) * exp(2) * exp(3)', '(* (exp 5) (f 1))'],
    ['exp(x) * exp(y) * exp(z)', '(exp (+ x y z))'],
  ])('%s => %s', (input, output) => {
    expect(S(rewrite(parse(input), simplifyCanonical).term)).toBe(output);
  });
});

describe('property: sound rules preserve the value at random points', () => {
  // Written terms over x and y: sums, products, differences, negation, small powers, sin, cos, exp, log.
  const leaf = fc.oneof(
    fc.constantFrom('x', 'y').map((n) => sym(n)),
    fc.integer({ min: -3, max: 3 }).map((n) => int(n)),
  );
  const termArb: fc.Arbitrary<Term> = fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((xs) => call(ADD, xs)),
      fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((xs) => call(MUL, xs)),
      fc.tuple(tie('t'), tie('t')).map(([p, q]) => call(SUB, [p, q])),
      tie('t').map((p) => call(NEG, [p])),
      fc.tuple(tie('t'), fc.integer({ min: 0, max: 3 })).map(([p, n]) => call(POW, [p, int(n)])),
      fc.constantFrom(SIN, COS, EXP, LOG).chain((op) => tie('t').map((p) => call(op, [p]))),
      tie('t').map((p) => call(ADD, [call(POW, [call(SIN, [p]), int(2)]), call(POW, [call(COS, [p]), int(2)])])),
    ),
  })).t;

  const sound = theory('sound', [
    addZero, mulOne, mulZero, pythagoras, powOne, foldRule('+', written), foldRule('*', written),
    rule('pow-zero', '(^ ?x 0) --> 1', written),
    rule('sub-self', '(- ?x ?x) --> 0', written),
    rule('sub-add', '(- ?a ?b) --> (+ ?a (* -1 ?b))', written),
    rule('neg-neg', '(neg (neg ?x)) --> ?x', written),
    rule('neg-mul', '(neg ?x) --> (* -1 ?x)', written),
    rule('square-sum', '(^ (+ ?a ?b) 2) --> (+ (^ ?a 2) (* 2 ?a ?b) (^ ?b 2))', { ...written, acRest: false }),
    rule('log-exp', '(log (exp ?x)) --> ?x', written),
    rule('exp-sum', '(exp (+ ?a ?b)) --> (* (exp ?a) (exp ?b))', { ...written, acRest: false }),
  ]);
  const run = (t: Term): Term => rewrite(t, fixpoint(postwalk(sound, { ops: writtenOps }), { ops: writtenOps }), { ops: writtenOps }).term;

  const value = (t: Term, env: Record<string, number>): number | null => {
    const v = evaluate(t, env, { mode: 'decimal', precision: 60 });
    return v.isFinite() ? v.toNumber() : null;
  };

  test('on written terms, evaluated at 60 digits', () => {
    let changed = 0;
    fc.assert(
      fc.property(termArb, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (t, x, y) => {
        const env = { x: Math.abs(x) < 1e-300 ? 0 : x, y: Math.abs(y) < 1e-300 ? 0 : y };
        const before = value(t, env);
        if (before === null || Math.abs(before) > 1e12) return;
        const r = run(t);
        if (r !== t) changed++;
        const after = value(r, env);
        if (after === null) return;
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(before)));
      }),
      { numRuns: 300, seed: 20240611 },
    );
    // The rules did rewrite most of the random terms.
    expect(changed).toBeGreaterThan(100);
  });

  test('on canonical terms', () => {
    let changed = 0;
    const canonicalArb = termArb.map((t) => {
      const go = (u: Term): Term => (u.isCall() ? apply(u.op!, u.args.map(go)) : u);
      return go(t);
    });
    const trig = theory('trig', [
      rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1'),
      rule('exp-mul', 'exp(~a) * exp(~b) --> exp(~a + ~b)'),
      rule('log-exp', 'log(exp(~x)) --> ~x'),
      rule('sin-neg', 'sin(-~x) --> -sin(~x)'),
      rule('cos-neg', 'cos(-~x) --> cos(~x)'),
    ]);
    const simplify = fixpoint(postwalk(trig));
    fc.assert(
      fc.property(canonicalArb, fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (t, x, y) => {
        const env = { x: Math.abs(x) < 1e-300 ? 0 : x, y: Math.abs(y) < 1e-300 ? 0 : y };
        const before = value(t, env);
        if (before === null || Math.abs(before) > 1e12) return;
        const r = rewrite(t, simplify).term;
        if (r !== t) changed++;
        const after = value(r, env);
        if (after === null) return;
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(before)));
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(changed).toBeGreaterThan(10);
  });

});
