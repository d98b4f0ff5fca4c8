/**
 * Limits that keep every operation on terms bounded. They are plain mutable settings so a
 * caller can raise them; each is enforced where terms are built or numbers are folded.
 */
export const limits = {
  /** Deepest term that may be built (recursive algorithms stay far from the stack limit). Default: 10,000. */
  maxDepth: 10_000,
  /** Largest exact integer (in bits) that constant folding may produce; beyond it a power or factorial stays symbolic. Default: 100,000. */
  maxExactBits: 100_000,
  /** Longest input the parsers accept, in characters. Default: 10,000,000. */
  maxInputLength: 10_000_000,
};
