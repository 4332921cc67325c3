// User names that collide with what lowering generates or with frame members: locals and
// parameters called then/poll/cancel/__proto__/constructor, and `$`-names like the
// generated temporaries. Each must stay an ordinary variable across awaits.
import { later } from './_support';

async function params(then: string, poll: string, cancel: string, $s: number) {
  await later(0);
  return `${then} ${poll} ${cancel} ${$s}`;
}

class Holder {
  value = 'holder';
  async method($this: string, cx: string) {
    await later(0);
    return `${this.value} ${$this} ${cx}`;
  }
}

export async function main(log: string[]) {
  const then = await later('then-value');
  const poll = await later('poll-value');
  const cancel = await later('cancel-value');
  const constructor = await later('ctor-value');
  let __proto__ = await later({ marker: 'proto-value' });
  const hasOwnProperty = await later('own');
  await later(0);
  log.push(`${then} ${poll} ${cancel} ${constructor} ${__proto__.marker} ${hasOwnProperty}`);
  const $f = await later('$f');
  const $r = await later('$r');
  const cx = await later('cx');
  const $tp = await later('$tp');
  const $s = await later(5);
  const $aw = await later('$aw');
  const $t0 = await later('$t0');
  const $st = await later('$st');
  const $out = await later('$out');
  const $cs = await later('$cs');
  const $this = await later('$this');
  await later(0);
  log.push([$f, $r, cx, $tp, $s, $aw, $t0, $st, $out, $cs, $this].join(' '));
  log.push(await params('p-then', 'p-poll', 'p-cancel', 9));
  log.push(await new Holder().method('$this-arg', 'cx-arg'));
  __proto__ = { marker: 'reassigned' };
  await later(0);
  log.push(`reassigned ${__proto__.marker}`);
  return then;
}
