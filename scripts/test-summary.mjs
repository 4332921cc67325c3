// The end of `npm test`, from vitest's JSON report: notes, then the plain line CI reads,
// "tests: N passed, N failed" (", N skipped" when some were), alone on its line. A test file
// that fails outside its tests (in beforeAll, or at import) has no failed test of its own,
// only skipped ones or none: it counts as one failure, so a failed run never reads "0 failed".

/** `report`: vitest's JSON report (undefined if none was written); `status`: vitest's exit code. */
export function summaryLines(report, status) {
  if (report === undefined) return [`vitest exited with ${status} and wrote no report`, 'tests: 0 passed, 1 failed'];
  const notes = [];
  const files = report.testResults ?? [];
  const broken = files.filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
  for (const f of broken) notes.push(`failed outside a test (counted as one failure): ${f.name}`);
  let failed = report.numFailedTests + broken.length;
  if (failed === 0 && status !== 0) {
    failed = 1; // e.g. an unhandled error between tests: vitest fails the run, so must the line
    notes.push(`vitest exited with ${status} although no test failed: see the errors above`);
  }
  if (report.numTotalTests === 0) notes.push('no test ran');
  const skipped = report.numPendingTests + (report.numTodoTests ?? 0);
  return [...notes, `tests: ${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`];
}
