/**
 * @tspoll/runtime/node: I/O readiness on Node. `TcpListener` and `TcpStream` keep their
 * `net` sockets in paused mode and are polled Rust-style (`pollRead`, `pollWrite`,
 * `pollFlush`, `pollShutdown`); the helpers (`read`, `readExact`, `readToEnd`, `write`,
 * `writeAll`, `flush`, `shutdown`) return lazy, cancel-safe futures that work with native
 * `await` and generated code alike. A socket keeps the process alive only while a task waits
 * on it. See docs/node-io.md.
 */
export { IoError } from './errors.js';
export { type AsyncRead, type AsyncWrite, chunks, flush, read, readExact, readToEnd, shutdown, write, writeAll, WriteAllFuture } from './io.js';
export { MAX_WRITE } from './registration.js';
export { TcpListener } from './tcp-listener.js';
export { type SocketAddr, TcpStream } from './tcp-stream.js';
// Blocking pool, multi-core runtime and the dump signal (docs/blocking-and-multicore.md, docs/introspection.md).
export { BlockingHandle, type BlockingPoolOptions, blockingPoolStats, configureBlockingPool, shutdownBlockingPool, spawnBlocking } from './blocking.js';
export { type DumpSignalOptions, installDumpSignal } from './dump-signal.js';
export { MultiHandle, type MultiThreadOptions, MultiThreadRuntime, type MultiThreadStats, type WorkerStats } from './multicore/runtime.js';
