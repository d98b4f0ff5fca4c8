/**
 * Canonical construction against a naive tree simplified afterwards: a sum of 10,000 terms
 * and a product of 10,000 factors, built the way user code builds them (`s = s + t` in a
 * loop) and, for canonical form, also in one n-ary call.
 */
import { call, int, sym, type Term } from '../src/term/term.js';
import { add, mul, pow } from '../src/term/canonical.js';
import { ADD, MUL, POW } from '../src/term/operators.js';
import { limits } from '../src/term/limits.js';
import { naiveSimplify } from './naive-simplify.js';
import { compare, type Row } from './harness.js';

const N = 10_000;
const xs = Array.from({ length: 100 }, (_, i) => sym(`x${i}`));
const ys = Array.from({ length: 7 }, (_, i) => sym(`y${i}`));
// Term i of the sum: c_i * x_(i mod 100) * y_(i mod 7), with 700 distinct monomials.
const sumSpec = Array.from({ length: N }, (_, i) => [(i * 7919) % 19 - 9 || 1, i % 100, i % 7] as const);
// Factor i of the product: x_(i mod 50) ^ e_i.
const prodSpec = Array.from({ length: N }, (_, i) => [i % 50, ((i * 31) % 5) - 1 || 2] as const);

function naiveSum(): Term {
  let s: Term = call(MUL, [int(sumSpec[0]![0]), xs[sumSpec[0]![1]]!, ys[sumSpec[0]![2]]!]);
  for (let i = 1; i < N; i++) {
    const [c, a, b] = sumSpec[i]!;
    s = call(ADD, [s, call(MUL, [int(c), xs[a]!, ys[b]!])]);
  }
  return naiveSimplify(s);
}

function canonicalSumFold(): Term {
  let s: Term = int(0);
  for (const [c, a, b] of sumSpec) s = add([s, mul([int(c), xs[a]!, ys[b]!])]);
  return s;
}

function canonicalSumNary(): Term {
  return add(sumSpec.map(([c, a, b]) => mul([int(c), xs[a]!, ys[b]!])));
}

function naiveProduct(): Term {
  let p: Term = call(POW, [xs[prodSpec[0]![0]]!, int(prodSpec[0]![1])]);
  for (let i = 1; i < N; i++) {
    const [a, e] = prodSpec[i]!;
    p = call(MUL, [p, call(POW, [xs[a]!, int(e)])]);
  }
  return naiveSimplify(p);
}

function canonicalProductFold(): Term {
  let p: Term = int(1);
  for (const [a, e] of prodSpec) p = mul([p, pow(xs[a]!, int(e))]);
  return p;
}

function canonicalProductNary(): Term {
  return mul(prodSpec.map(([a, e]) => pow(xs[a]!, int(e))));
}

export async function runCanonicalBench(): Promise<Row[]> {
  const saved = limits.maxDepth;
  limits.maxDepth = 4 * N; // the naive trees are as deep as they are long
  try {
    // All three agree before anything is timed.
    const sums = [naiveSum(), canonicalSumFold(), canonicalSumNary()];
    const prods = [naiveProduct(), canonicalProductFold(), canonicalProductNary()];
    if (sums[1] !== sums[2] || prods[1] !== prods[2]) throw new Error('canonical constructions disagree');
    if (sums[0]!.args.length !== sums[2]!.args.length || prods[0]!.args.length !== prods[2]!.args.length) {
      throw new Error(`naive and canonical results differ in size: ${sums.map((t) => t.args.length)} ${prods.map((t) => t.args.length)}`);
    }
    const size = (t: Term) => `${t.args.length} args`;
    const rows = await compare(`Sum of ${N} terms (700 distinct monomials)`, [
      { name: 'naive tree, simplified afterwards', run: naiveSum, size: () => size(sums[0]!) },
      { name: 'canonical, s = s + t', run: canonicalSumFold, size: () => size(sums[1]!) },
      { name: 'canonical, one n-ary add', run: canonicalSumNary, size: () => size(sums[2]!) },
    ]);
    rows.push(...(await compare(`Product of ${N} factors (50 distinct bases)`, [
      { name: 'naive tree, simplified afterwards', run: naiveProduct, size: () => size(prods[0]!) },
      { name: 'canonical, p = p * f', run: canonicalProductFold, size: () => size(prods[1]!) },
      { name: 'canonical, one n-ary mul', run: canonicalProductNary, size: () => size(prods[2]!) },
    ])));
    return rows;
  } finally {
    limits.maxDepth = saved;
  }
}
