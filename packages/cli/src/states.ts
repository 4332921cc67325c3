// `tspoll --emit-states`: each async function's states and transitions as text, JSON,
// Mermaid (stateDiagram-v2) or Graphviz dot.
import { STATES_SCHEMA_VERSION } from '@tspoll/compiler';
import { displayPath } from './io.js';

/** The compiler's MachineDescription, declared structurally so extra fields pass through. */
export interface StateDesc {
  id: number | string;
  name: string;
  awaits?: string;
  loc?: { file?: string; line: number; col?: number; column?: number };
  live: string[];
}
export interface TransitionDesc {
  from: number | string;
  to: number | string;
  kind: string;
}
export interface MachineDesc {
  name: string;
  loc: { file: string; line: number; col?: number; column?: number };
  states: StateDesc[];
  transitions: TransitionDesc[];
}

/** Version of the `--format json` document (the compiler's `.states.json` schema). */
export { STATES_SCHEMA_VERSION };

/** Transition kinds drawn as exceptional edges (into catch/finally, or out by throw/cancel). */
export function isExceptional(kind: string): boolean {
  return /throw|catch|finally|reject|error|cancel|unwind/i.test(kind);
}

function col(loc: { col?: number; column?: number }): number | undefined {
  return loc.col ?? loc.column;
}

function locText(loc: StateDesc['loc'] | MachineDesc['loc'] | undefined, withFile: boolean): string {
  if (!loc) return '';
  const c = col(loc);
  return `${withFile && loc.file ? `${displayPath(loc.file)}:` : ''}${loc.line}${c !== undefined ? `:${c}` : ''}`;
}

function stateOf(m: MachineDesc, ref: number | string): StateDesc | undefined {
  return m.states.find((s) => s.id === ref) ?? m.states.find((s) => s.name === ref) ?? (typeof ref === 'number' ? m.states[ref] : undefined);
}

function nameOf(m: MachineDesc, ref: number | string): string {
  return stateOf(m, ref)?.name ?? String(ref);
}

function oneLine(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function selectMachines(machines: MachineDesc[], fn: string | undefined): MachineDesc[] {
  return fn === undefined ? machines : machines.filter((m) => m.name === fn);
}

// ---------------------------------------------------------------- text

export function toText(machines: MachineDesc[], generated?: string): string {
  const out: string[] = [];
  for (const m of machines) {
    out.push(`async function ${m.name} (${locText(m.loc, true)}): ${m.states.length} states, ${m.transitions.length} transitions`);
    out.push('  states:');
    const nameW = Math.max(...m.states.map((s) => s.name.length), 4);
    for (const s of m.states) {
      const parts = [`    ${String(s.id).padStart(2)} ${s.name.padEnd(nameW)}`];
      if (s.awaits) parts.push(`awaits ${oneLine(s.awaits)}`);
      if (s.loc) parts.push(`at ${locText(s.loc, false)}`);
      parts.push(`live: ${s.live.length ? s.live.join(', ') : '-'}`);
      out.push(parts.join('  '));
    }
    out.push('  transitions:');
    for (const t of m.transitions) {
      out.push(`    ${nameOf(m, t.from)} -> ${nameOf(m, t.to)}  [${t.kind}]${isExceptional(t.kind) ? '  (exceptional)' : ''}`);
    }
    out.push('');
  }
  if (generated !== undefined) {
    out.push('generated code:');
    out.push(generated.replace(/\n$/, ''));
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- json

/** The compiler's StatesDocument: `{ schemaVersion, file, machines }`, machines verbatim. */
export function toJson(file: string, machines: MachineDesc[]): string {
  return JSON.stringify({ schemaVersion: STATES_SCHEMA_VERSION, file: displayPath(file), machines }, null, 2) + '\n';
}

// ---------------------------------------------------------------- mermaid

function mermaidId(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

function mermaidLabel(s: string): string {
  // ':' ends a transition label's syntax, ';' ends a statement, '#' starts an entity.
  // Type arguments (`json<Data>()`) would read as HTML tags.
  return oneLine(s.replace(/<[^<>()]*>(?=\()/g, ''), 50).replace(/[:;#<>]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Edge label, in the seed's style: entering an await state shows what it waits on; a state
 * polled again after Pending says so; other edges show their kind (`return`, `throw`, ...).
 */
function edgeLabel(m: MachineDesc, t: TransitionDesc): string {
  if (t.kind === 'budget') return 'budget spent, yield';
  if (t.kind === 'resume' || (t.from === t.to && !isExceptional(t.kind))) return 'Pending, woken';
  const to = stateOf(m, t.to);
  if (to?.awaits && !isExceptional(t.kind) && t.kind !== 'return') return to.awaits;
  if (t.kind === 'await-ready') return 'await';
  return t.kind === 'normal' || t.kind === 'next' ? '' : t.kind;
}

/**
 * Mermaid node ids of a machine's states, keyed by state id: the state's name made
 * identifier-safe, and kept distinct when two names differ only in the characters replaced
 * (each id is one node, so two states must never share one).
 */
function mermaidIds(m: MachineDesc, prefix: string): Map<number | string, string> {
  const ids = new Map<number | string, string>();
  const taken = new Set<string>();
  for (const s of m.states) {
    let id = prefix + mermaidId(s.name);
    if (taken.has(id)) id += `_${mermaidId(String(s.id))}`;
    taken.add(id);
    ids.set(s.id, id);
  }
  return ids;
}

export function toMermaid(machines: MachineDesc[]): string {
  const out = ['stateDiagram-v2'];
  const nested = machines.length > 1;
  for (const m of machines) {
    const ind = nested ? '        ' : '    ';
    const ids = mermaidIds(m, nested ? `${mermaidId(m.name)}_` : '');
    const id = (ref: number | string) => ids.get(stateOf(m, ref)?.id ?? ref) ?? mermaidId(String(ref));
    if (nested) out.push(`    state "${m.name}" as ${mermaidId(m.name)} {`);
    else out.push(`    %% async function ${m.name} (${locText(m.loc, true)})`);
    // A node whose id is not its name shows the name.
    for (const s of m.states) if (nested || id(s.id) !== s.name) out.push(`${ind}state "${s.name}" as ${id(s.id)}`);
    const first = m.states[0];
    if (first) out.push(`${ind}[*] --> ${id(first.id)}`);
    for (const t of m.transitions) {
      const label = mermaidLabel(edgeLabel(m, t));
      out.push(`${ind}${id(t.from)} --> ${id(t.to)}${label ? `: ${label}` : ''}`);
    }
    const sources = new Set(m.transitions.map((t) => id(t.from)));
    for (const s of m.states) if (!sources.has(id(s.id)) && s !== first) out.push(`${ind}${id(s.id)} --> [*]`);
    // Like Rust's enum variants, a waiting state holds the locals live across its await.
    for (const s of m.states) {
      if (s.live.length) out.push(`${ind}note right of ${id(s.id)}: holds ${mermaidLabel(s.live.join(', '))}`);
    }
    if (nested) out.push('    }');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- dot

function dotStr(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

export function toDot(machines: MachineDesc[]): string {
  const out = ['digraph tspoll {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  machines.forEach((m, i) => {
    // Node ids come from state ids, so two states are two nodes whatever their names.
    const id = (ref: number | string) => dotStr(`m${i}_s${stateOf(m, ref)?.id ?? ref}`);
    out.push(`  subgraph cluster_${i} {`);
    out.push(`    label=${dotStr(`async function ${m.name} (${locText(m.loc, true)})`)};`);
    out.push(`    m${i}_start [shape=point, label=""];`);
    for (const s of m.states) {
      const lines = [s.name];
      if (s.awaits) lines.push(`awaits ${oneLine(s.awaits, 40)}`);
      if (s.live.length) lines.push(`live: ${s.live.join(', ')}`);
      out.push(`    ${id(s.id)} [label=${dotStr(lines.join('\n'))}];`);
    }
    if (m.states[0]) out.push(`    m${i}_start -> ${id(m.states[0].id)};`);
    for (const t of m.transitions) {
      const ex = isExceptional(t.kind);
      out.push(`    ${id(t.from)} -> ${id(t.to)} [label=${dotStr(ex ? t.kind : oneLine(edgeLabel(m, t), 40))}${ex ? ', style=dashed, color=firebrick, fontcolor=firebrick' : ''}];`);
    }
    out.push('  }');
  });
  out.push('}');
  return out.join('\n') + '\n';
}
