/** `npm run bench`: every benchmark of equate, one table each. */
import { runCanonicalBench } from './canonical.js';

await runCanonicalBench();
