// Compares a native outcome with a lowered one. Logs are trees: each concurrent child has a
// sub-log of its own, compared separately, because interleavings legitimately differ.

/** Returns null when equal, else a short description of the first difference. */
export function diff(native, lowered) {
  if (native.ok !== lowered.ok) return `outcome: native ${show(native)} vs lowered ${show(lowered)}`;
  if (native.ok && !same(native.value, lowered.value)) return `result: native ${show(native)} vs lowered ${show(lowered)}`;
  if (!native.ok && native.error !== lowered.error) return `error: native ${show(native)} vs lowered ${show(lowered)}`;
  return diffLog(native.log, lowered.log, 'log');
}

function diffLog(a, b, path) {
  const n = Math.max(a.ev.length, b.ev.length);
  for (let i = 0; i < n; i++) {
    if (!same(a.ev[i], b.ev[i])) {
      return `${path}[${i}]: native ${i < a.ev.length ? JSON.stringify(a.ev[i]) : '(end)'} vs lowered ${i < b.ev.length ? JSON.stringify(b.ev[i]) : '(end)'}`;
    }
  }
  const as = a.subs ?? [];
  const bs = b.subs ?? [];
  if (as.length !== bs.length) return `${path}: ${as.length} concurrent children natively vs ${bs.length} lowered`;
  for (let i = 0; i < as.length; i++) {
    const d = diffLog(as[i], bs[i], `${path}.sub${i}`);
    if (d) return d;
  }
  return null;
}

function same(x, y) {
  return JSON.stringify(x) === JSON.stringify(y);
}

function show(o) {
  return o.ok ? `returned ${JSON.stringify(o.value)}` : `threw "${o.error}"`;
}

/** Failure class, so shrinking keeps chasing the same bug. */
export function failureKind(native, lowered) {
  if (lowered.died) return /^hung/.test(lowered.died) ? 'hang' : 'crash';
  if (!lowered.ok && /^Error: LOWERING FAILED/.test(lowered.error)) return 'lowering-failed';
  if (!lowered.ok && /TIMEOUT/.test(lowered.error)) return 'hang';
  if (!lowered.ok && /FutureError|polled after completion/.test(lowered.error)) return 'future-error';
  return 'mismatch';
}
