// The errors Node I/O futures throw: one class, a message that says what went wrong and during
// which operation, and the host's error kept as `cause` (its `code` is copied to the top).

/** What a poll was doing when the error surfaced; part of the message. */
export type IoOp = 'reading' | 'writing' | 'flushing' | 'shutting down' | 'connecting' | 'accepting' | 'binding';

const DESCRIPTIONS: Record<string, string> = {
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe (the peer closed the connection)',
  ECONNREFUSED: 'connection refused',
  ECONNABORTED: 'connection aborted',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available',
  EACCES: 'permission denied',
  ENOTFOUND: 'host not found',
};

/**
 * An I/O error from a socket or listener. `code` is the host's errno name (`ECONNRESET`,
 * `EPIPE`, ...) or one of tspoll's own: `ERR_SOCKET_CLOSED` (used after `close()`),
 * `ERR_WRITE_AFTER_SHUTDOWN`, `ERR_UNEXPECTED_EOF`, `ERR_LISTENER_CLOSED`.
 */
export class IoError extends Error {
  override name = 'IoError';
  readonly code: string;
  constructor(message: string, code: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

/** Wrap a host error: `TcpStream: connection reset by peer while writing`. */
export function hostError(who: string, op: IoOp, e: unknown): IoError {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'EIO';
  const what = DESCRIPTIONS[code] ?? (e instanceof Error ? e.message : String(e));
  return new IoError(`${who}: ${what} while ${op} (${code})`, code, e);
}
