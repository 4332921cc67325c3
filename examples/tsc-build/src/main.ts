import { runPipeline, Source } from './pipeline.js';

// Awaiting a lowered function from native code works: a future is a thenable.
const report = await runPipeline(new Source(), [1, 2, 3, 4, 5, 6]);
// A lowered call returns a lazy future, not a Promise (and runs nothing until awaited).
const lowered = !(runPipeline(new Source(), []) instanceof Promise);
console.log(JSON.stringify({ ...report, lowered }));
