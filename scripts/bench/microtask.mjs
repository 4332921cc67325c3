// Why the runtime queues its microtasks as reactions of a settled promise (scheduler/host.ts
// queueJob) and not with queueMicrotask: the cost of 200k callbacks each way, queued one after
// another (each callback queues the next) and all at once, alternated, medians of 5 rounds.
//   node scripts/bench/microtask.mjs
const N = 200_000;
const settled = Promise.resolve();
const promiseThen = Promise.prototype.then;
const ways = {
  queueMicrotask: (cb) => queueMicrotask(cb),
  'settled promise': (cb) => void promiseThen.call(settled, cb),
};

function chained(queue) {
  return new Promise((done) => {
    let c = 0;
    const cb = () => (++c < N ? queue(cb) : done());
    queue(cb);
  });
}

function atOnce(queue) {
  return new Promise((done) => {
    let c = 0;
    const cb = () => void (++c === N && done());
    for (let i = 0; i < N; i++) queue(cb);
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const times = {};
for (let round = 0; round < 5; round++) {
  for (const [name, queue] of Object.entries(ways)) {
    for (const [shape, run] of [['one after another', chained], ['all at once', atOnce]]) {
      const t = performance.now();
      await run(queue);
      ((times[shape] ??= {})[name] ??= []).push(performance.now() - t);
      await new Promise((r) => setImmediate(r));
    }
  }
}
for (const [shape, byWay] of Object.entries(times)) {
  const q = median(byWay.queueMicrotask);
  const p = median(byWay['settled promise']);
  console.log(`${N} callbacks ${shape}: queueMicrotask ${q.toFixed(1)} ms, settled promise ${p.toFixed(1)} ms (${(q / p).toFixed(2)}x)`);
}
