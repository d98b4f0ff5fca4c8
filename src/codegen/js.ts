/**
 * The JS back end: IR to JavaScript source, compiled with `new Function`.
 *
 * Nothing from the input reaches the source: arguments are the identifiers `v0, v1, ...`,
 * values `t<n>`, operators fixed text from this file, `Math` functions by their fixed names
 * (`Math.sin`), operators without a native form `f0, f1, ...` (their float functions passed
 * in as an array), and constants are printed by `numberLiteral`, which checks what it prints.
 *
 * The source defines the scalar function `k(v0, v1, ...)` (one number, or an array of them
 * for several outputs) and the batch loop `loop(n, a0, a1, ..., out)`, which writes output
 * j of point i to `out[i*m + j]`.
 *
 * @example
 * const { scalar, source } = emitJs(lowerWith(termOps, [parse('x^2 + 1')], ['x']));
 * scalar(3) // 10
 * source     // contains 'const t2 = v0 * v0;'
 */
import { K, MATH, RELATIONS, type Program } from './ir.js';

export type ScalarFunction = (...xs: number[]) => number | number[];
export type LoopFunction = (n: number, ...arrays: Float64Array[]) => void;

export interface JsKernelParts {
  scalar: ScalarFunction;
  loop: LoopFunction;
  source: string;
}

const LITERAL = /^-?(?:\d+\.?\d*(?:e[+-]?\d+)?|Infinity)$/;

/**
 * The JS literal of a float: its shortest round-trip decimal text, parenthesized when
 * negative; NaN, infinities and -0 as expressions.
 * @example numberLiteral(-2.5) // '(-2.5)'
 */
export function numberLiteral(v: number): string {
  if (Number.isNaN(v)) return '(0 / 0)';
  if (v === Infinity) return '(1 / 0)';
  if (v === -Infinity) return '(-1 / 0)';
  if (Object.is(v, -0)) return '(-0)';
  const text = String(v);
  if (!LITERAL.test(text)) throw new RangeError(`unexpected number text ${text}`);
  return v < 0 ? `(${text})` : text;
}

/** The statements computing every value of `p` (arguments are `v<i>`, already bound). */
function body(p: Program, indent: string): { lines: string[]; ref: (v: number) => string } {
  const ref = (v: number): string => {
    const i = p.instrs[v]!;
    if (i.kind === K.CONST) return numberLiteral(i.value);
    if (i.kind === K.ARG) return `v${i.fn}`;
    return `t${v}`;
  };
  const lines: string[] = [];
  p.instrs.forEach((i, v) => {
    if (i.kind === K.CONST || i.kind === K.ARG) return;
    const [a, b] = i.args.map(ref) as [string, string];
    let e: string;
    switch (i.kind) {
      case K.ADD: e = `${a} + ${b}`; break;
      case K.SUB: e = `${a} - ${b}`; break;
      case K.MUL: e = `${a} * ${b}`; break;
      case K.DIV: e = `${a} / ${b}`; break;
      case K.NEG: e = `-${a}`; break;
      case K.SQRT: e = `Math.sqrt(${a})`; break;
      case K.ABS: e = `Math.abs(${a})`; break;
      case K.MATH: e = `Math.${MATH[i.fn]!}(${i.args.map(ref).join(', ')})`; break;
      case K.EXTERN: e = `f${i.fn}(${i.args.map(ref).join(', ')})`; break;
      case K.CMP: e = `(${a} ${RELATIONS[i.fn]!} ${b} ? 1 : 0)`; break;
      default: throw new RangeError(`unknown instruction kind ${i.kind}`);
    }
    lines.push(`${indent}const t${v} = ${e};`);
  });
  return { lines, ref };
}

/** The JS source of `p` (see the header). */
export function jsSource(p: Program): string {
  const params = Array.from({ length: p.arity }, (_, i) => `v${i}`);
  const arrays = Array.from({ length: p.arity }, (_, i) => `a${i}`);
  const m = p.outputs.length;
  const lines: string[] = ['"use strict";'];
  p.externs.forEach((_, i) => lines.push(`const f${i} = F[${i}];`));

  const scalar = body(p, '  ');
  lines.push(`function k(${params.join(', ')}) {`);
  for (const v of params) lines.push(`  ${v} = Number(${v});`);
  lines.push(...scalar.lines);
  const outs = p.outputs.map(scalar.ref);
  lines.push(`  return ${m === 1 ? outs[0]! : `[${outs.join(', ')}]`};`);
  lines.push('}');

  const inner = body(p, '    ');
  lines.push(`function loop(${['n', ...arrays, 'out'].join(', ')}) {`);
  lines.push('  for (let i = 0; i < n; i++) {');
  if (p.arity > 0) lines.push(`    const ${params.map((v, i) => `${v} = ${arrays[i]}[i]`).join(', ')};`);
  lines.push(...inner.lines);
  if (m === 1) lines.push(`    out[i] = ${inner.ref(p.outputs[0]!)};`);
  else {
    lines.push(`    const o = i * ${m};`);
    p.outputs.forEach((o, j) => lines.push(`    out[${j === 0 ? 'o' : `o + ${j}`}] = ${inner.ref(o)};`));
  }
  lines.push('  }');
  lines.push('}');
  lines.push('return [k, loop];');
  return lines.join('\n');
}

/**
 * Compiles `p` to JS functions.
 * @example emitJs(p).loop(n, xs, out)
 */
export function emitJs(p: Program): JsKernelParts {
  const source = jsSource(p);
  const make = new Function('F', source) as (fs: readonly ((...xs: number[]) => number)[]) => [ScalarFunction, LoopFunction];
  const [scalar, loop] = make(p.externs.map((op) => op.float!));
  return { scalar, loop, source };
}
