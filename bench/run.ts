/** `npm run bench`: every benchmark of equate, one table each. */
import { runCanonicalBench } from './canonical.js';
import { runParsePrintBench } from './parse-print.js';
import { runSystemsBench } from './systems.js';
import { runEGraphBench } from './egraph.js';
import { runSimplifyBench } from './simplify.js';
import { runCodegenBench } from './codegen.js';
import { runDerivationBench } from './derivation.js';
import { runGenerateBench } from './generate.js';

await runCanonicalBench();
await runParsePrintBench();
await runSimplifyBench();
await runSystemsBench();
await runEGraphBench();
await runCodegenBench();
await runDerivationBench();
await runGenerateBench();
