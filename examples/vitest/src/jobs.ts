// Code under test: a job with cleanup, and a poller that sleeps between rounds.
import { sleep } from '@tspoll/runtime';

export async function job(log: string[]): Promise<string> {
  log.push('job: started');
  try {
    await sleep(60_000);
    log.push('job: finished');
    return 'done';
  } finally {
    log.push('job: cleanup');
  }
}

/** Polls `check` every `everyMs` until it says yes; returns how many rounds it took. */
export async function pollUntil(check: () => boolean, everyMs: number): Promise<number> {
  let rounds = 0;
  while (!check()) {
    rounds++;
    await sleep(everyMs);
  }
  return rounds;
}
