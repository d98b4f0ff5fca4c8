/**
 * The checks of a batch call, shared by both back ends: one array per argument, all of one
 * length n, and an output array of n*m values (m outputs per point, interleaved: output j of
 * point i at `out[i*m + j]`), made when not given.
 */
import { EquateError } from '../term/errors.js';

export interface BatchShape {
  /** Points. */
  n: number;
  /** Inputs as Float64Arrays (other array-likes are copied). */
  inputs: Float64Array[];
  out: Float64Array;
}

/**
 * Checks the arguments of `kernel.batch(inputs, out?)` for a kernel of `arity` arguments and
 * `m` outputs. A kernel without arguments computes one point, or as many as `out` holds.
 * @example batchShape([xs, ys], undefined, 2, 1).out.length // xs.length
 */
export function batchShape(inputs: unknown, out: unknown, arity: number, m: number): BatchShape {
  if (!Array.isArray(inputs)) throw new EquateError(`batch: expected an array of ${arity} input array${arity === 1 ? '' : 's'}`);
  if (inputs.length !== arity) throw new EquateError(`batch: the kernel takes ${arity} input array${arity === 1 ? '' : 's'}, got ${inputs.length}`);
  let n = -1;
  const arrays: Float64Array[] = [];
  for (let j = 0; j < arity; j++) {
    const a: unknown = inputs[j];
    if (a instanceof Float64Array) arrays.push(a);
    else if (Array.isArray(a) || ArrayBuffer.isView(a)) arrays.push(Float64Array.from(a as ArrayLike<number>, Number));
    else throw new EquateError(`batch: input ${j + 1} is not an array of numbers`);
    const len = arrays[j]!.length;
    if (n < 0) n = len;
    else if (len !== n) throw new EquateError(`batch: input ${j + 1} has ${len} values, input 1 has ${n}`);
  }
  if (out !== undefined && !(out instanceof Float64Array)) throw new EquateError('batch: the output must be a Float64Array');
  if (n < 0) n = out === undefined ? 1 : Math.floor(out.length / m);
  if (out === undefined) return { n, inputs: arrays, out: new Float64Array(n * m) };
  if (out.length !== n * m) throw new EquateError(`batch: the output needs ${n * m} values (${n} points x ${m} outputs), got ${out.length}`);
  return { n, inputs: arrays, out };
}
