// The results table (markdown), shared by run.mjs and report.mjs.
export function fmt(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '–';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function table(results) {
  const lines = [];
  lines.push('| benchmark | metric | sync | native | tspoll | TS ES5 | tspoll ÷ native | tspoll ÷ sync | ES5 ÷ native | goal | met |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const b of results) {
    if (b.static) {
      lines.push(`| ${b.title} | ${b.metricLabel} | | ${b.baseline ?? ''} | ${b.value ?? '–'} | | ${b.ratio ? fmt(b.ratio) + '×' : ''} | | | ${b.goal} | ${b.met === null ? '–' : b.met ? 'yes' : '**no**'} |`);
      continue;
    }
    const m = b.metric ?? 'ms';
    const cell = (v) => (b.variants[v] ? fmt(b.variants[v][m]) : b.errors[v] ? 'n/a' : '');
    const r = (k) => (b.ratios[k] !== undefined && Number.isFinite(b.ratios[k]) ? fmt(b.ratios[k]) + '×' : '');
    lines.push(
      `| ${b.title} | ${m} | ${cell('sync')} | ${cell('native')} | ${cell('tspoll')} | ${cell('es5')} | ${r('tspoll/native')} | ${r('tspoll/sync')} | ${r('es5/native')} | ${b.goal} | ${b.met === null ? '–' : b.met ? 'yes' : '**no**'} |`,
    );
    for (const e of b.extra ?? []) {
      const c = (v) => (b.variants[v] ? fmt(b.variants[v][e]) : '');
      const rr = (k) => (Number.isFinite(b.ratios[`${k} ${e}`]) ? fmt(b.ratios[`${k} ${e}`]) + '×' : '');
      lines.push(`| ″ | ${e} | ${c('sync')} | ${c('native')} | ${c('tspoll')} | ${c('es5')} | ${rr('tspoll/native')} | | ${rr('es5/native')} | | |`);
    }
  }
  return lines.join('\n');
}

