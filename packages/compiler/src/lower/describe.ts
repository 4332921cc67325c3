// The MachineDescription of one lowered function: plain data the CLI prints as text, json,
// mermaid or dot (`--emit-states`), and the tests pin down.
import type ts from 'typescript';
import { sourceLoc, sourceText } from './analyze.js';
import { ADOPTING_STATE, type Emitter } from './emit.js';
import type { Storage } from './hoist.js';

export interface MachineDescription {
  name: string;
  loc: { file: string; line: number; col: number };
  states: Array<{ id: number; name: string; awaits?: string; loc?: { line: number; col: number }; live: string[] }>;
  transitions: Array<{ from: number; to: number; kind: 'normal' | 'await-ready' | 'resume' | 'throw' | 'finally' | 'return' | 'cancel' | 'budget' }>;
}

export const DONE_STATE = -1;
export const UNWIND_STATE = -2;

export function describeMachine(
  tsi: typeof ts,
  sf: ts.SourceFile,
  file: string,
  name: string,
  loc: { line: number; col: number },
  em: Emitter,
  storage: Storage,
): MachineDescription {
  // A frame field is live in a state between the first and the last state that use it
  // (states are numbered in source order; loops make this an approximation).
  const ranges: Array<[string, number, number]> = [];
  for (const [b, field] of storage.frame) {
    const used = [...(storage.states.get(b) ?? [])];
    if (used.length === 0) continue;
    ranges.push([field, Math.min(...used), Math.max(...used)]);
  }
  const states: MachineDescription['states'] = em.cases.map((c) => {
    const s: MachineDescription['states'][number] = {
      id: c.id,
      name: c.name,
      live: ranges.filter(([, lo, hi]) => c.id > lo && c.id <= hi).map(([f]) => f),
    };
    if (c.awaited) {
      s.awaits = sourceText(tsi, sf, tsi.isAwaitExpression(c.awaited) ? c.awaited.expression : c.awaited);
      const l = sourceLoc(tsi, sf, c.awaited);
      if (l) s.loc = l;
    }
    return s;
  });
  if (em.adopts) states.push({ id: ADOPTING_STATE, name: 'WaitingForReturnValue', live: [] });
  states.push({ id: DONE_STATE, name: 'Done', live: [] });
  const seen = new Set<string>();
  const transitions: MachineDescription['transitions'] = [];
  for (const t of em.transitions) {
    const to = typeof t.to === 'number' ? t.to : t.to.id;
    let kind = t.kind;
    // Entering an await state from its predecessor: the value may be ready at once.
    if (kind === 'normal' && em.cases[to]?.kind === 'await' && t.from !== to) kind = 'await-ready';
    const key = `${t.from}:${to}:${kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    transitions.push({ from: t.from, to, kind });
  }
  // Every machine has the unwind entry cancel() enters.
  states.push({ id: UNWIND_STATE, name: 'Unwind', live: [] });
  transitions.push({ from: UNWIND_STATE, to: DONE_STATE, kind: 'cancel' });
  return { name, loc: { file, ...loc }, states, transitions };
}
