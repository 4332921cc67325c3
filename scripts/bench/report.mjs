#!/usr/bin/env node
// Prints the markdown table of a results file (default: results/latest.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH } from './lib/build.mjs';
import { table } from './lib/report.mjs';

const file = process.argv[2] ?? join(BENCH, 'results', 'latest.json');
const r = JSON.parse(readFileSync(file, 'utf8'));
console.log(`<!-- ${file}: ${r.date}, node ${r.node}, ${r.cores} cores${r.quick ? ', --quick' : ''} -->`);
console.log(table(r.results));
for (const b of r.results) {
  for (const [k, e] of Object.entries(b.errors ?? {})) console.log(`- ${b.name} ${k}: ${e}`);
  if (b.notes) console.log(`- ${b.name}: ${b.notes}`);
}
