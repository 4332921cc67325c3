// Failures: one nobody observes is an unhandled rejection (with native timing); one awaited
// or caught later in the same turn is not; one caught after a timer is reported, then handled.
import { sleep } from './_support';

process.on('unhandledRejection', (e) => console.log(`unhandledRejection: ${(e as Error).message}`));
process.on('rejectionHandled', () => console.log('rejectionHandled'));

async function fails(what: string, wait: boolean): Promise<never> {
  if (wait) await sleep(1);
  throw new Error(what);
}

fails('sync failure, ignored', false);
fails('async failure, ignored', true);

const caughtNow = fails('caught in the same turn', false);
caughtNow.catch((e) => console.log(`caught: ${e.message}`));

async function awaitsIt(): Promise<void> {
  try {
    await fails('awaited', true);
  } catch (e) {
    console.log(`awaited and caught: ${(e as Error).message}`);
  }
}
awaitsIt();

const late = fails('caught after a timer', false);
await sleep(10);
late.catch((e) => console.log(`late catch: ${e.message}`));
await sleep(10);
console.log('end');
