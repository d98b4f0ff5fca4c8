/** A rewrite budget whose time has run out, for the tests of what gives up when it does. */
import { Budget } from '../../src/rewrite/budget.js';

/**
 * A budget of no time, returned once its deadline has passed (its clock not yet read).
 * @example withBudget(expiredBudget(), () => expand(t)) // t, unchanged
 */
export function expiredBudget(): Budget {
  const budget = new Budget({ maxTime: 0 });
  const start = performance.now();
  while (performance.now() <= start + 1);
  return budget;
}
