// The errors of channels and primitives, named as Tokio names them.

/** A send on a channel whose receiver is gone (or closed). Carries the value back. */
export class SendError<T = unknown> extends Error {
  override name = 'SendError';
  constructor(readonly value: T, message = 'channel closed: the receiver was dropped or closed') {
    super(message);
  }
}

/** `trySend` could not send now: the channel is `full`, or `closed`. Carries the value back. */
export class TrySendError<T = unknown> extends Error {
  override name = 'TrySendError';
  constructor(readonly kind: 'full' | 'closed', readonly value: T) {
    super(kind === 'full' ? 'channel full' : 'channel closed: the receiver was dropped or closed');
  }
}

/** A receive on a channel whose senders are all gone (oneshot, broadcast, watch). */
export class RecvError extends Error {
  override name = 'RecvError';
  constructor(message = 'channel closed: every sender was dropped') {
    super(message);
  }
}

/** `tryRecv` found nothing: the channel is `empty`, or `closed` (and drained). */
export class TryRecvError extends Error {
  override name = 'TryRecvError';
  constructor(readonly kind: 'empty' | 'closed') {
    super(kind === 'empty' ? 'channel empty' : 'channel closed: every sender was dropped');
  }
}

/** A broadcast receiver fell behind: `skipped` messages were overwritten before it read them.
 * The receiver stays usable and continues from the oldest message still held. */
export class Lagged extends Error {
  override name = 'Lagged';
  constructor(readonly skipped: number) {
    super(`receiver lagged behind and missed ${skipped} message(s)`);
  }
}

/** Acquiring from a closed semaphore. */
export class AcquireError extends Error {
  override name = 'AcquireError';
  constructor() {
    super('semaphore closed');
  }
}
