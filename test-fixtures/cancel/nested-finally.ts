// Cancellation fixture: six awaits at different depths of nested try/catch/finally, one of
// them inside a finally. The test makes gate `k` pending and cancels there.
export async function work(log: string[], gates: unknown[]) {
  log.push('start');
  try {
    await gates[0];
    log.push('after 0');
    try {
      await gates[1];
      log.push('after 1');
      try {
        await gates[2];
        log.push('after 2');
      } catch {
        log.push('catch 3');
      } finally {
        log.push('finally 3');
      }
      await gates[3];
      log.push('after 3');
    } finally {
      log.push('finally 2');
      await gates[4];
      log.push('finally 2 end');
    }
    await gates[5];
    log.push('after 5');
  } catch {
    log.push('catch 1');
  } finally {
    log.push('finally 1');
  }
  log.push('end');
  return 'done';
}

function resource(log: string[], name: string) {
  return {
    [Symbol.dispose]() {
      log.push(`dispose ${name}`);
    },
  };
}

// Cancellation runs `using` disposals like finally blocks: innermost first.
export async function workUsing(log: string[], gates: unknown[]) {
  log.push('start');
  using outer = resource(log, 'outer');
  await gates[0];
  {
    using inner = resource(log, 'inner');
    await gates[1];
    try {
      await gates[2];
    } finally {
      log.push('finally');
    }
    void inner;
  }
  await gates[3];
  void outer;
  log.push('end');
}
