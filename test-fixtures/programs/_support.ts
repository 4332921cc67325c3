// Shared by the program fixtures. Nothing here is async: it stands for code the plugin does not
// lower (a dependency in node_modules), which sees what the lowered functions return.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a dependency does with a handler's result: a promise is awaited, anything else sent. */
export function dispatch(handler: () => unknown, send: (v: unknown) => void): void {
  const res = handler();
  if (res instanceof Promise) res.then(send, (e: Error) => send(`error ${e.message}`));
  else send(res);
}

/** The checks libraries make to tell async functions and promises apart. */
export function describeFunction(fn: Function): string {
  const AsyncFunction = (async () => {}).constructor;
  return [
    fn.constructor === AsyncFunction ? 'AsyncFunction' : fn.constructor.name,
    fn instanceof AsyncFunction,
    Object.prototype.toString.call(fn),
    Object.hasOwn(fn, 'prototype'),
    fn.name,
    fn.length,
  ].join(' ');
}
