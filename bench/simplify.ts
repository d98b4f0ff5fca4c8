/**
 * The bound of the classical simplifier: random terms of 1,000, 3,000 and 10,000 nodes (sums,
 * products, quotients, powers, sin / cos / tan / exp / log / sqrt / abs, seeded) simplified with
 * the default limits. Prints the time per simplification against the bound (100 ms
 * for 10,000 nodes), the stop reason, rule applications and the sizes before and after;
 * the baseline row is canonical form alone on the same term.
 *
 * @example
 * import { runSimplifyBench } from './simplify.js';
 * await runSimplifyBench(); // prints one table per size
 */
import { parse, simplify, simplifyClassic, type Term } from '../src/index.js';
import { compare } from './harness.js';

/** A seeded generator of random infix expressions of about `n` nodes. */
export function randomExpression(n: number, seed: number): string {
  let s = seed >>> 0;
  const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const fns = ['sin', 'cos', 'exp', 'log', 'sqrt', 'tan', 'abs'];
  const gen = (m: number): string => {
    if (m <= 1) {
      const k = rnd();
      return k < 0.4 ? 'x' : k < 0.6 ? 'y' : k < 0.8 ? 'z' : String(1 + Math.floor(rnd() * 9));
    }
    if (rnd() < 0.15) return `${fns[Math.floor(rnd() * fns.length)]}(${gen(m - 2)})`;
    const op = ['+', '-', '*', '/', '^'][Math.floor(rnd() * 5)]!;
    if (op === '^') return `(${gen(m - 2)})^${1 + Math.floor(rnd() * 4)}`;
    const a = 1 + Math.floor(rnd() * (m - 1));
    return `(${gen(a)}${op}${gen(m - 1 - a)})`;
  };
  return gen(n);
}

export async function runSimplifyBench(): Promise<void> {
  for (const n of [1000, 3000, 10000]) {
    const terms: Term[] = [1, 2, 3].map((seed) => parse(randomExpression(n, seed), { mode: 'written' }));
    const reports = terms.map((t) => simplifyClassic(t));
    const sizes = terms.map((t, i) => `${t.size} -> ${reports[i]!.term.size}`).join(', ');
    const stops = [...new Set(reports.map((r) => r.stopped))].join(', ');
    const applications = reports.map((r) => r.applications).join(', ');
    let i = 0, j = 0;
    await compare(`Classical simplifier on random terms of ~${n} nodes (3 seeds; sizes ${sizes}; stopped: ${stops}; applications ${applications})`, [
      { name: 'canonical form only', run: () => simplify(terms[i++ % 3]!, { engine: 'canonical' }) },
      { name: 'simplify (classic, default limits)', run: () => simplifyClassic(terms[j++ % 3]!), size: (ms) => (n >= 10000 ? (ms <= 100 ? 'within 100 ms' : 'over 100 ms') : '') },
    ], { time: 1500 });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSimplifyBench();
