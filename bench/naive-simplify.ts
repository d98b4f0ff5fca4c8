/**
 * The baseline that canonical construction replaces: terms built as plain trees, then
 * simplified afterwards by rewrite rules applied bottom-up to a fixpoint, as SymbolicUtils.jl
 * did before its polynomial form. The rules are the usual ones for sums and products: flatten
 * nested calls, fold numbers, sort the arguments, merge one pair of like terms (or equal
 * bases) at a time. Each rule application builds a new node, as a rewriter does.
 */
import { call, num, NUM, type Term } from '../src/term/term.js';
import * as N from '../src/term/number.js';
import { ADD, MUL, POW } from '../src/term/operators.js';
import { compareTerms } from '../src/term/order.js';

function isSorted(args: readonly Term[]): boolean {
  for (let i = 1; i < args.length; i++) if (compareTerms(args[i - 1]!, args[i]!) > 0) return false;
  return true;
}

function coeffAndRest(t: Term): [N.Value, Term] {
  if (t.op === MUL && t.args[0]!.kind === NUM) return [t.args[0]!.value!, t.args.length === 2 ? t.args[1]! : call(MUL, t.args.slice(1))];
  return [N.exact(1), t];
}

function baseAndExp(t: Term): [Term, N.Value] {
  if (t.op === POW && t.args[1]!.kind === NUM) return [t.args[0]!, t.args[1]!.value!];
  return [t, N.exact(1)];
}

function rebuild(op: typeof ADD, args: Term[]): Term {
  if (args.length === 0) return num(N.exact(op === ADD ? 0 : 1));
  if (args.length === 1) return args[0]!;
  return call(op, args);
}

/** One rule application at the root of `t`, or null when no rule applies. */
function step(t: Term): Term | null {
  const op = t.op;
  if (op !== ADD && op !== MUL) return null;
  const args = t.args;
  // flatten: +(a, +(b, c)) => +(a, b, c)
  if (args.some((a) => a.op === op)) return rebuild(op, args.flatMap((a) => (a.op === op ? [...a.args] : [a])));
  // identity: +(0, a) => a, *(1, a) => a
  const idx = args.findIndex((a) => a.kind === NUM && (op === ADD ? N.isZero(a.value!) : N.isOne(a.value!)));
  if (idx >= 0) return rebuild(op, args.filter((_, i) => i !== idx));
  // numbers: fold two numeric arguments
  const nums = args.flatMap((a, i) => (a.kind === NUM ? [i] : []));
  if (nums.length >= 2) {
    const [i, j] = nums as [number, number];
    const v = (op === ADD ? N.add : N.mul)(args[i]!.value!, args[j]!.value!)!;
    return rebuild(op, [num(v), ...args.filter((_, k) => k !== i && k !== j)]);
  }
  // commutativity: sort the arguments
  if (!isSorted(args)) return rebuild(op, [...args].sort(compareTerms));
  // like terms: c1 m + c2 m => (c1 + c2) m;  equal bases: x^a x^b => x^(a + b)
  for (let i = 1; i < args.length; i++) {
    if (op === ADD) {
      const [c1, m1] = coeffAndRest(args[i - 1]!), [c2, m2] = coeffAndRest(args[i]!);
      if (m1 === m2 && args[i - 1]!.kind !== NUM) {
        const c = N.add(c1, c2)!;
        const merged = N.isZero(c) ? [] : [N.isOne(c) ? m1 : call(MUL, [num(c), ...(m1.op === MUL ? m1.args : [m1])])];
        return rebuild(op, [...args.slice(0, i - 1), ...merged, ...args.slice(i + 1)]);
      }
    } else {
      const [b1, e1] = baseAndExp(args[i - 1]!), [b2, e2] = baseAndExp(args[i]!);
      if (b1 === b2 && b1.kind !== NUM) {
        const e = N.add(e1, e2)!;
        const merged = N.isZero(e) ? [] : [N.isOne(e) ? b1 : call(POW, [b1, num(e)])];
        return rebuild(op, [...args.slice(0, i - 1), ...merged, ...args.slice(i + 1)]);
      }
    }
  }
  return null;
}

function fixpoint(t: Term): Term {
  for (;;) {
    const next = step(t);
    if (next === null) return t;
    t = next;
  }
}

/** Simplifies a tree bottom-up (an explicit stack, so deep trees are fine). */
export function naiveSimplify(root: Term): Term {
  const done = new Map<Term, Term>();
  const stack: Term[] = [root];
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    if (done.has(t)) {
      stack.pop();
      continue;
    }
    const pending = t.args.filter((a) => !done.has(a));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    const args = t.args.map((a) => done.get(a)!);
    const rebuilt = t.op && args.some((a, i) => a !== t.args[i]) ? call(t.op, args) : t;
    done.set(t, fixpoint(rebuilt));
  }
  return done.get(root)!;
}
