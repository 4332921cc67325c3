// Wakes that happen together, with no other code in between (a Notify waking all its waiters):
// natively each woken continuation is a reaction queued right after the previous one, so
// polling all of them in one microtask runs the same code in the same order (what one of them
// queues runs after the last, either way), for one job instead of one per task.

/** A runtime collecting the tasks woken together into one job (scheduler/runtime.ts). */
export interface WakeBatch {
  $closeBatch(): void;
}

let open = 0;
let batching: WakeBatch | null = null;

/** Wakes from here to `closeWakes()` share a job, per run of the same runtime. */
export function openWakes(): void {
  open++;
}

export function closeWakes(): void {
  if (--open > 0) return;
  const b = batching;
  batching = null;
  if (b !== null) b.$closeBatch();
}

/** Called by a runtime scheduling a task: false if it must queue the task's job itself. */
export function joinWakes(rt: WakeBatch): boolean {
  if (open === 0) return false;
  if (batching !== rt) {
    if (batching !== null) batching.$closeBatch(); // another runtime: its tasks go first, as woken
    batching = rt;
  }
  return true;
}
