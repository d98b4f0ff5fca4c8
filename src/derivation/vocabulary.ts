/**
 * The names generated derivations draw their symbols and functions from: LaTeX names of the
 * kinds the derivation data uses (latin and greek letters, subscripts, hats, bold), each one
 * that reads back as a single symbol with `parseLatex`. Names that the data or LaTeX gives
 * another meaning (`e`, `i`, `d`, `\pi`, `\partial`) are left out.
 *
 * @example DEFAULT_VOCABULARY.symbols.includes('\\theta') // true
 */

export interface Vocabulary {
  /** Names of symbols (variables, parameters, integration constants), as LaTeX. */
  symbols: readonly string[];
  /** Names of undefined functions, as LaTeX. */
  functions: readonly string[];
}

const LATIN = 'abcfghklmnpqrstuvwxyzABCDFGHJKLMNPQRSTUVWXYZ'.split('');
const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda',
  'Xi', 'Sigma', 'Phi', 'Psi', 'Omega',
].map((g) => `\\${g}`);
const DECORATED = [
  'x_{0}', 'x_{1}', 't_{2}', 'E_{n}', 'F_{c}', 'k_{B}', 'r_{0}', 'v_{x}', '\\hat{x}', '\\hat{p}', '\\hat{H}',
  '\\mathbf{r}', '\\mathbf{E}', '\\mathbf{p}', '\\phi_{1}', '\\psi_{0}', '\\omega_{c}', '\\lambda_{2}',
];

/** Symbols and functions of the kinds the derivation data uses. */
export const DEFAULT_VOCABULARY: Vocabulary = Object.freeze({
  symbols: Object.freeze([...LATIN, ...GREEK, ...DECORATED]),
  functions: Object.freeze(['f', 'g', 'h', 'F', 'G', 'H', 'U', 'V', 'W', '\\phi', '\\psi', '\\eta', '\\theta', '\\Phi', '\\Psi', '\\rho', 'E_{n}', 'P_{0}', '\\mathbf{J}', '\\mathcal{L}']),
});
