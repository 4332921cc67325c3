export { dropOwned, isStream, merge, STREAM, Stream } from './stream.js';
export { fromAsyncIterable, fromIterable } from './iter.js';
export { closeSink, fanout, send, sendAll, SINK, Sink } from './sink.js';
export { GenMachine } from './generator.js';
