// Lowered async functions and the runtime, in a page. Each line of the list is one step;
// the test reads them back from headless Chromium.
import { machineInfo, sleep, timeout, TimeoutError } from '@tspoll/runtime';

interface Item {
  id: number;
  name: string;
  tags: string[];
}

const list = document.getElementById('log')!;
function line(text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  list.append(li);
}

const client = {
  async get(url: string): Promise<Response> {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
    return res;
  },
};

async function fetch_and_process(url: string): Promise<Item> {
  const response = await client.get(url);
  const data = (await response.json()) as Item;
  return data;
}

async function slow(): Promise<string> {
  try {
    await sleep(1000);
    return 'slow finished';
  } finally {
    line('slow: finally ran on cancellation');
  }
}

async function main(): Promise<void> {
  // The call starts at once and returns a Promise, as natively; lowered, a state machine runs it.
  const call = fetch_and_process('/api/item');
  const info = machineInfo(call);
  line(info ? `fetch_and_process is a poll machine: ${info.states.join(' -> ')} -> Done` : 'fetch_and_process is NOT lowered');
  const data = await call;
  line(`result: ${JSON.stringify(data)}`);
  try {
    await timeout(slow(), 20);
    line('unexpected: slow won');
  } catch (e) {
    line(`timeout: ${e instanceof TimeoutError ? 'TimeoutError' : String(e)}`);
  }
}

main().then(
  () => {
    document.body.dataset.status = 'done';
  },
  (e: Error) => {
    line(`error: ${e.message}`);
    document.body.dataset.status = 'error';
  },
);
