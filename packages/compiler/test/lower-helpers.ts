// Shared by the lower-*.test.ts files: lower a snippet with the engine alone (no front end),
// run it against the runtime, and run the same snippet natively for comparison.
import ts from 'typescript';
import * as abi from '@tspoll/runtime/abi';
import { createLowerTransformer, type LowerDiagnostic, type MachineDescription } from '../src/lower/index.js';

export interface Lowered {
  code: string;
  diagnostics: LowerDiagnostic[];
  machines: MachineDescription[];
}

export function lower(source: string, fileName = 'snippet.js', moduleKind: 'cjs' | 'esm' = 'cjs'): Lowered {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const diagnostics: LowerDiagnostic[] = [];
  const machines: MachineDescription[] = [];
  const result = ts.transform(sf, [
    createLowerTransformer(ts, { fileName, moduleKind, onDiagnostic: (d) => diagnostics.push(d), onMachine: (m) => machines.push(m) }),
  ]);
  const code = ts.createPrinter().printFile(result.transformed[0]!);
  result.dispose();
  return { code, diagnostics, machines };
}

/** Evaluate CommonJS-shaped code whose only import is the runtime ABI (or a stand-in for it). */
export function load(code: string, globals: Record<string, unknown> = {}, runtime: object = abi): Record<string, any> {
  const exports: Record<string, unknown> = {};
  const names = Object.keys(globals);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'exports', ...names, `"use strict";\n${code}`)(() => runtime, exports, ...names.map((n) => globals[n]));
  return exports;
}

/** Run `exports.main(log)` natively and lowered; return both outcomes for comparison. */
export async function both(source: string, globals: Record<string, unknown> = {}): Promise<{ native: Outcome; lowered: Outcome; code: string; diagnostics: LowerDiagnostic[] }> {
  const l = lower(source);
  const native = await outcome(load(source, globals));
  const lowered = await outcome(load(l.code, globals));
  return { native, lowered, code: l.code, diagnostics: l.diagnostics };
}

export interface Outcome {
  log: unknown[];
  ok?: unknown;
  err?: string;
}

async function outcome(mod: Record<string, any>): Promise<Outcome> {
  const log: unknown[] = [];
  try {
    const v = await mod.main(log);
    return { log, ok: v };
  } catch (e) {
    return { log, err: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Lower a TypeScript snippet and strip its types, giving CommonJS JavaScript for `load`. */
export function lowerTs(source: string): Lowered {
  const l = lower(source, 'snippet.ts');
  const js = ts.transpileModule(l.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  return { ...l, code: js };
}

/** The same snippet as plain JavaScript, unlowered. */
export function stripTypes(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
}
