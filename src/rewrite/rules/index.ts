/**
 * The rule families of the default simplifier, each a theory (a named list of rules that
 * both engines read): `derivative` and `integral` (calculus), `powers`, `explog`, `trig`,
 * `fractions`, `common-factor`; `expand` on request. Canonical sums and products are built
 * into term construction (`src/term/canonical.ts`).
 *
 * @example defaultTheory.rules.map((r) => r.name) // ['pow-pow', 'pow-product', ...]
 */
import { theory } from '../theory.js';
import { powersTheory } from './powers.js';
import { explogTheory } from './explog.js';
import { trigTheory } from './trig.js';
import { derivativeTheory, integralTheory } from './calculus.js';
import { fractionsTheory, expandTheory } from './fractions.js';
import { commonFactorTheory } from './common-factor.js';

export { powersTheory, explogTheory, trigTheory, derivativeTheory, integralTheory, fractionsTheory, expandTheory, commonFactorTheory };
export { integrate } from './integrate.js';
export { sumRule, productRule, callRule } from './shape.js';

/** Every family of the default simplifier, in the order they are tried at a node. */
export const defaultTheory = theory('default', [derivativeTheory, integralTheory, powersTheory, explogTheory, trigTheory, fractionsTheory, commonFactorTheory]);

/** The families of `{ expand: true }`: `expand` first, then the defaults except `common-factor` (which would undo it). */
export const expandingTheory = theory('default-expand', [expandTheory, derivativeTheory, integralTheory, powersTheory, explogTheory, trigTheory, fractionsTheory]);
