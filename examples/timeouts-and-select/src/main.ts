// Cancellation, Rust-style: a future that loses a race is cancelled, and cancelling a
// suspended machine runs exactly the `finally` blocks around the await it is stuck on
// (as dropping a Rust future runs its destructors). `catch` blocks do not run.
import { select, sleep, timeout, TimeoutError } from '@tspoll/runtime';

async function query(name: string, ms: number): Promise<string> {
  console.log(`  ${name}: started, needs ${ms} ms`);
  try {
    await sleep(ms);
    console.log(`  ${name}: finished`);
    return `${name} result`;
  } catch (e) {
    console.log(`  ${name}: catch (never printed for a cancellation)`);
    throw e;
  } finally {
    console.log(`  ${name}: finally (cleanup runs)`);
  }
}

console.log('1. timeout(query("slow", 5000), 30): the deadline wins, "slow" is cancelled');
try {
  await timeout(query('slow', 5000), 30);
  console.log('  unexpected: no timeout');
} catch (e) {
  console.log(`  -> ${e instanceof TimeoutError ? 'TimeoutError' : 'other error'}: ${(e as Error).message}`);
}

console.log('2. timeout(query("fast", 5), 5000): the query wins');
console.log(`  -> ${await timeout(query('fast', 5), 5000)}`);

console.log('3. select(query("a", 10), query("b", 5000)): "a" wins, "b" is cancelled');
const winner = await select(query('a', 10), query('b', 5000));
console.log(`  -> branch ${winner.index} won with ${JSON.stringify(winner.value)}`);
