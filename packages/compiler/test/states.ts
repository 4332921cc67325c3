// Expected state listings (`<fixture>.states.json`): compared with `analyzeSource`, rewritten
// when UPDATE_FIXTURES=1. The file name recorded is repo-relative so listings are portable.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource, STATES_SCHEMA_VERSION, type StatesDocument } from '../src/index.js';
import { REPO_DIR } from './harness.js';

export const UPDATE = process.env.UPDATE_FIXTURES === '1';

export function statesPath(fixture: string): string {
  return fixture.replace(/\.ts$/, '.states.json');
}

/** The listing `analyzeSource` gives for `fixture` now. */
export function currentStates(fixture: string): StatesDocument {
  const file = path.relative(REPO_DIR, fixture).split(path.sep).join('/');
  return { schemaVersion: STATES_SCHEMA_VERSION, file, machines: analyzeSource(readFileSync(fixture, 'utf8'), file) };
}

/** The stored listing, or undefined if there is none yet. In update mode, store the current one first. */
export function expectedStates(fixture: string, current: StatesDocument): StatesDocument | undefined {
  const file = statesPath(fixture);
  if (UPDATE) writeFileSync(file, JSON.stringify(current, null, 2) + '\n');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as StatesDocument;
}
