// Tests of lowered code: this file is lowered too (vitest.config.ts), so each test body is a
// tspoll task, and abort(), timeouts and virtual time behave as in the program.
import { Cancelled, lazy, Runtime, spawn, sleep, timeout, TimeoutError } from '@tspoll/runtime';
import { describe, expect, it } from 'vitest';
import { job, pollUntil } from './jobs.ts';

describe('cancellation', () => {
  it('abort() runs the finally block of the suspended function', async () => {
    const log: string[] = [];
    const handle = spawn(job(log));
    await sleep(1);
    handle.abort();
    await expect(handle).rejects.toBeInstanceOf(Cancelled);
    expect(log).toEqual(['job: started', 'job: cleanup']);
  });

  it('timeout cancels the loser, finally included', async () => {
    const log: string[] = [];
    await expect(timeout(job(log), 5)).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(['job: started', 'job: cleanup']);
  });
});

describe('virtual time', () => {
  it('an hour of sleeps passes at once on a paused clock', async () => {
    const rt = new Runtime({ startPaused: true });
    const t0 = rt.now();
    let n = 0;
    // lazy(): the call starts in rt's task, so its sleeps use rt's clock. (A plain call starts at
    // once, as natively, on the runtime of the task it is made in: here the default one.)
    const rounds = await rt.spawn(lazy(pollUntil, () => ++n > 60, 60_000));
    expect(rounds).toBe(60);
    expect(rt.now() - t0).toBe(3_600_000);
  });

  it('advance() moves the clock by hand; a task spawned here and not yet polled sees its sleeps fire', async () => {
    const rt = new Runtime();
    rt.pauseTime({ autoAdvance: false });
    const log: string[] = [];
    await rt.spawn(
      lazy(async () => {
        const worker = spawn(lazy(job, log)); // queued: a spawn inside a task is polled after this poll
        await rt.advance(59_999);
        expect(log).toEqual(['job: started']);
        await rt.advance(1);
        expect(await worker).toBe('done');
      }),
    );
    expect(log).toEqual(['job: started', 'job: finished', 'job: cleanup']);
  });
});
