/**
 * The WebAssembly opcodes the kernels use: the core instructions (one byte) and the 128-bit
 * SIMD instructions (prefix 0xfd, then the opcode as LEB128), as the specification numbers
 * them.
 */

/** Value types. */
export const T = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

/** Block type of a block without results. */
export const VOID = 0x40;

/** Core opcodes. */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, return: 0x0f, call: 0x10,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  f64_load: 0x2b, f64_store: 0x39,
  i32_const: 0x41, i64_const: 0x42, f64_const: 0x44,
  i32_eqz: 0x45, i32_lt_u: 0x49, i32_ge_u: 0x4f,
  f64_eq: 0x61, f64_ne: 0x62, f64_lt: 0x63, f64_gt: 0x64, f64_le: 0x65, f64_ge: 0x66,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_and: 0x71, i32_shl: 0x74, i32_shr_u: 0x76,
  f64_abs: 0x99, f64_neg: 0x9a, f64_sqrt: 0x9f, f64_add: 0xa0, f64_sub: 0xa1, f64_mul: 0xa2, f64_div: 0xa3,
  f64_convert_i32_u: 0xb8,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = {
  v128_load: 0x00, v128_store: 0x0b, v128_const: 0x0c,
  i64x2_splat: 0x12, f64x2_splat: 0x14, i32x4_extract_lane: 0x1b, f64x2_extract_lane: 0x21, f64x2_replace_lane: 0x22,
  f64x2_eq: 0x47, f64x2_ne: 0x48, f64x2_lt: 0x49, f64x2_gt: 0x4a, f64x2_le: 0x4b, f64x2_ge: 0x4c,
  v128_not: 0x4d, v128_and: 0x4e, v128_andnot: 0x4f, v128_or: 0x50, v128_xor: 0x51, v128_bitselect: 0x52,
  v128_any_true: 0x53, v128_load64_lane: 0x57, v128_load64_zero: 0x5d,
  f64x2_floor: 0x75, f64x2_nearest: 0x94,
  i64x2_all_true: 0xc3, i64x2_shl: 0xcb, i64x2_shr_s: 0xcc, i64x2_shr_u: 0xcd, i64x2_add: 0xce, i64x2_sub: 0xd1,
  i64x2_eq: 0xd6,
  f64x2_abs: 0xec, f64x2_neg: 0xed, f64x2_sqrt: 0xef, f64x2_add: 0xf0, f64x2_sub: 0xf1, f64x2_mul: 0xf2, f64x2_div: 0xf3,
  f64x2_pmin: 0xf6, f64x2_pmax: 0xf7,
  // Relaxed SIMD: a*b + c and c - a*b, fused or not as the engine chooses.
  f64x2_relaxed_madd: 0x107, f64x2_relaxed_nmadd: 0x108,
} as const;
