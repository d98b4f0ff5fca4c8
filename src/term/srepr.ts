/**
 * SymPy's `srepr` form of a term: the constructor calls that rebuild it in SymPy, as the
 * derivation data stores its steps (`Equality(Function('f')(Symbol('x', commutative=True)),
 * Pow(Symbol('x', commutative=True), Integer(2)))`). Symbol and function names are written
 * as their LaTeX (`\hat{x}_{0}`), which is how the data names them; subtraction, division
 * and roots appear as SymPy builds them (`Mul(Integer(-1), x)`, `Pow(x, Integer(-1))`,
 * `Pow(x, Rational(1, 2))`).
 *
 * @example srepr(parse('x^2 + 1')) // "Add(Integer(1), Pow(Symbol('x', commutative=True), Integer(2)))"
 */
import { type Term, NUM, SYM } from './term.js';
import { ADD, MUL, SUB, NEG, DIV, POW, SQRT, EXP, LOG, ABS, DERIVATIVE, INTEGRAL, EQ, PI, E, FACTORIAL } from './operators.js';
import { isExact } from './number.js';
import { latexName } from './latex.js';
import { EquateError } from './errors.js';

/** SymPy's names of the built-in functions that differ from equate's. */
const SYMPY_NAMES: Readonly<Record<string, string>> = { abs: 'Abs', '=': 'Equality' };

function quote(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function symbol(name: string): string {
  return `Symbol(${quote(latexName(name))}, commutative=True)`;
}

/**
 * The srepr text of a term (see the file header).
 * @example srepr(parse('Derivative(f(x), x, 1)')) // "Derivative(Function('f')(Symbol('x', commutative=True)), Tuple(Symbol('x', commutative=True), Integer(1)))"
 */
export function srepr(t: Term): string {
  const memo = new Map<Term, string>();
  const go = (u: Term): string => {
    const hit = memo.get(u);
    if (hit !== undefined) return hit;
    let s: string;
    if (u.kind === NUM) {
      const v = u.value!;
      if (!isExact(v)) s = `Float('${String(v)}', precision=53)`;
      else {
        const sign = v.s < 0n && v.n !== 0n ? '-' : '';
        s = v.d === 1n ? `Integer(${sign}${v.n})` : `Rational(${sign}${v.n}, ${v.d})`;
      }
    } else if (u.kind === SYM) {
      s = symbol(u.name!);
    } else {
      const op = u.op!, a = u.args.map(go);
      if (op === ADD) s = `Add(${a.join(', ')})`;
      else if (op === MUL) s = `Mul(${a.join(', ')})`;
      else if (op === POW) s = `Pow(${a[0]}, ${a[1]})`;
      else if (op === SUB) s = `Add(${a[0]}, Mul(Integer(-1), ${a[1]}))`;
      else if (op === NEG) s = `Mul(Integer(-1), ${a[0]})`;
      else if (op === DIV) s = `Mul(${a[0]}, Pow(${a[1]}, Integer(-1)))`;
      else if (op === SQRT) s = `Pow(${a[0]}, Rational(1, 2))`;
      else if (op === PI) s = 'pi';
      else if (op === E) s = 'E';
      else if (op === EXP) s = `exp(${a[0]})`;
      else if (op === LOG) s = a.length === 2 ? `Mul(log(${a[1]}), Pow(log(${a[0]}), Integer(-1)))` : `log(${a[0]})`;
      else if (op === FACTORIAL) s = `factorial(${a[0]})`;
      else if (op === DERIVATIVE) s = `Derivative(${a[0]}, Tuple(${a[1]}, ${a[2] ?? 'Integer(1)'}))`;
      else if (op === INTEGRAL) s = a.length === 4 ? `Integral(${a[0]}, Tuple(${a[1]}, ${a[2]}, ${a[3]}))` : `Integral(${a[0]}, Tuple(${a[1]}))`;
      else if (op === EQ || op === ABS) s = `${SYMPY_NAMES[op.name]}(${a.join(', ')})`;
      else if (op.kind === 'undefined') s = `Function(${quote(latexName(op.name, 'operatorname'))})(${a.join(', ')})`;
      else if (op.kind === 'function') s = `${op.name}(${a.join(', ')})`;
      else throw new EquateError(`srepr: no SymPy form for ${op.name}`);
    }
    memo.set(u, s);
    return s;
  };
  return go(t);
}
