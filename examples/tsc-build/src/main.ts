import { isLowered } from '@tspoll/runtime';
import { runPipeline, Source } from './pipeline.js';

// A lowered function is called and awaited as written: the call returns a native Promise.
const report = await runPipeline(new Source(), [1, 2, 3, 4, 5, 6]);
// Only the runtime can tell it was lowered.
const lowered = isLowered(runPipeline);
console.log(JSON.stringify({ ...report, lowered, promise: runPipeline(new Source(), []) instanceof Promise }));
