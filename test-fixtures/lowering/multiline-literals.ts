// Lowered code printed at an indentation (the poll function of an async function nested in a
// plain function, a class method in a block) is indented line by line; lines inside a template
// literal or a string continued with a backslash are the value and must stay as written.
import { later } from './_support';

function outer(x: number) {
  async function inner() {
    await later(0);
    const tick = /`/.test('`') ? 'regex with a backtick' : 'no';
    return `a
b ${x} ${`nested
  ${{ k: 'v' }.k}`}
    c ${tick}`;
  }
  return inner();
}

function block(y: string) {
  if (y) {
    class K {
      async m() {
        await later(0);
        const s = 'one \
  two';
        return s + `
    ${y}`;
      }
    }
    return new K().m();
  }
  return Promise.resolve('');
}

export async function main(log: string[]) {
  log.push(JSON.stringify(await outer(1)));
  log.push(JSON.stringify(await block('y')));
}
