/**
 * The simplification corpus: the cases the simplifier is measured on, as infix strings that
 * equate's parser and the other JavaScript systems (mathjs, compute-engine, nerdamer,
 * Algebrite) all read. Three groups: the simplifier's table cases, trigonometric, logarithmic
 * and power identities (with derivatives), and scale cases (long sums, deep nests, long
 * products, a term of 10,000 nodes).
 *
 * Names used as symbols avoid every name some system reserves: `e`, `i`, `I`, `E`, `pi`
 * are constants somewhere, and Algebrite has functions named `d` and `sum` (it still reads
 * them as plain symbols where they are not called).
 *
 * @example
 * import { simplifyCorpus } from './corpus.js';
 * for (const c of simplifyCorpus()) console.log(c.name, c.expr.length);
 */

export type CaseGroup = 'table' | 'identity' | 'scale';

export interface SimplifyCase {
  /** Short unique name, shown in tables. */
  name: string;
  group: CaseGroup;
  /** The expression, infix: `*` written out, `^` for powers, `log` is the natural log. */
  expr: string;
  /** When set, the case is the derivative of `expr` in this symbol, simplified. */
  wrt?: string;
  /** What a complete simplifier returns, when it is short (documentation only). */
  expected?: string;
}

const TABLE: SimplifyCase[] = [
  { name: 'like terms', group: 'table', expr: '1x + 2x', expected: '3*x' },
  { name: 'zero term', group: 'table', expr: 'a + b + 0*c + d', expected: 'a + b + d' },
  { name: 'equal bases', group: 'table', expr: 'a*x^y*b*x^d', expected: 'a*b*x^(d + y)' },
  { name: 'pythagoras', group: 'table', expr: 'cos(x)^2 + 1 + sin(x)^2', expected: '2' },
  { name: 'exp cancel', group: 'table', expr: 'exp(a)*exp(-a)', expected: '1' },
  { name: 'fractions', group: 'table', expr: '2*((y + z)/x) - 2*y/x - z/x*2', expected: '0' },
  { name: 'same denominator', group: 'table', expr: 'x/(x + 3) + 3/(x + 3)', expected: '1' },
  { name: 'cancel factor', group: 'table', expr: '(x^2 - 1)/(x - 1)', expected: 'x + 1' },
];

const IDENTITY: SimplifyCase[] = [
  { name: 'tan cos', group: 'identity', expr: 'tan(x)*cos(x)', expected: 'sin(x)' },
  { name: 'odd sin', group: 'identity', expr: 'sin(-x) + sin(x)', expected: '0' },
  { name: 'double angle', group: 'identity', expr: '2*sin(x)*cos(x) - sin(2*x)', expected: '0' },
  { name: 'log exp', group: 'identity', expr: 'log(exp(x))', expected: 'x' },
  { name: 'exp log', group: 'identity', expr: 'exp(log(x))', expected: 'x' },
  { name: 'log power', group: 'identity', expr: 'log(x^2) - 2*log(x)', expected: '0' },
  { name: 'sqrt squared', group: 'identity', expr: 'sqrt(x)^2', expected: 'x' },
  { name: 'root product', group: 'identity', expr: 'x^(1/2)*x^(1/3)', expected: 'x^(5/6)' },
  { name: 'monomial quotient', group: 'identity', expr: 'x^2*y/(x*y^2)', expected: 'x/y' },
  { name: 'square expand', group: 'identity', expr: '(x + 1)^2 - x^2 - 2*x', expected: '1' },
  { name: 'difference of squares', group: 'identity', expr: '(a + b)*(a - b) - a^2 + b^2', expected: '0' },
  { name: 'derivative', group: 'identity', expr: 'x^2*sin(x)', wrt: 'x', expected: '2*x*sin(x) + x^2*cos(x)' },
  { name: 'derivative chain', group: 'identity', expr: 'exp(x^2)*log(x)', wrt: 'x', expected: '2*x*exp(x^2)*log(x) + exp(x^2)/x' },
];

/** `1*x + 2*x^2 + ... + n*x^n`: nothing to collect, a long sum to sort and print. */
function powerSum(n: number): string {
  return Array.from({ length: n }, (_, i) => `${i + 1}*x^${i + 1}`).join(' + ');
}

/** n terms `c*x^p*y^q` over 12 monomials, in scrambled order, that collect to 12 terms. */
function likeTermSum(n: number): string {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    const c = ((k * 7) % 11) - 5 || 3;
    const term = `${Math.abs(c)}*x^${(k % 4) + 1}*y^${(k % 3) + 1}`;
    parts.push(k === 0 ? (c < 0 ? `-${term}` : term) : `${c < 0 ? '-' : '+'} ${term}`);
  }
  return parts.join(' ');
}

/** `2*(2*(...2*(x) + 1...) + 1) + 1`, n levels: a linear polynomial once expanded. */
function affineNest(n: number): string {
  let s = 'x';
  for (let k = 0; k < n; k++) s = `2*(${s}) + 1`;
  return s;
}

/** `sin(sin(...sin(x + 0)...))`, n levels: only the innermost `+ 0` goes. */
function sinNest(n: number): string {
  return 'sin('.repeat(n) + 'x + 0' + ')'.repeat(n);
}

/** n factors cycling over `x`, `y^2`, `2`, `z`, `x^(-1)`: collects to `2^(n/5)*y^(2n/5)*z^(n/5)`. */
function longProduct(n: number): string {
  const cycle = ['x', 'y^2', '2', 'z', 'x^(-1)'];
  return Array.from({ length: n }, (_, k) => cycle[k % cycle.length]!).join('*');
}

/**
 * A sum of `n` terms `c*xA^p*sin(yB)` (7 nodes each, so 1,430 terms make 10,011 nodes) over
 * 150 distinct monomials: collects to 150 terms.
 */
function bigSum(n: number): string {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(`${(k % 9) + 1}*x${k % 10}^${(k % 3) + 1}*sin(y${k % 5})`);
  return parts.join(' + ');
}

const SCALE: SimplifyCase[] = [
  { name: 'power sum 200', group: 'scale', expr: powerSum(200) },
  { name: 'like-term sum 200', group: 'scale', expr: likeTermSum(200) },
  { name: 'affine nest 50', group: 'scale', expr: affineNest(50), expected: '1125899906842623 + 1125899906842624*x' },
  { name: 'sin nest 50', group: 'scale', expr: sinNest(50) },
  { name: 'product 100', group: 'scale', expr: longProduct(100), expected: '1048576*y^40*z^20' },
  { name: 'sum 10k nodes', group: 'scale', expr: bigSum(1430) },
];

/** Every case of the corpus, in table order (table, identity, scale). */
export function simplifyCorpus(): SimplifyCase[] {
  return [...TABLE, ...IDENTITY, ...SCALE];
}
