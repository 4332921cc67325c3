// What an await meets: plain values, resolved promises, thenables, timers, lowered calls,
// and long runs of ready awaits (more than one cooperative budget's worth).
import { later, sleep, thenable } from './_support';

async function ready(n: number) {
  return n;
}

export async function main(log: string[]) {
  log.push(`plain ${await 1} ${await 'two'} ${await undefined} ${await null}`);
  log.push(`resolved ${await Promise.resolve('r')}`);
  log.push(`thenable ${await thenable('t', log)}`);
  await sleep(2);
  log.push('after timer');
  log.push(`lowered ${await ready(5)}`);
  let sum = 0;
  for (let i = 0; i < 1000; i++) sum += await i;
  log.push(`thousand plain ${sum}`);
  sum = 0;
  for (let i = 0; i < 500; i++) sum += await ready(i);
  log.push(`five hundred lowered ${sum}`);
  const fnValue = await (() => 'fn result');
  log.push(`function value ${typeof fnValue}`);
  const nested = await Promise.resolve(Promise.resolve('nested'));
  log.push(nested);
  const objWithThenField = await { then: 'not callable' };
  log.push(`then field ${objWithThenField.then}`);
  return later(sum);
}
