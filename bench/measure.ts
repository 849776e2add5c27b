// Shared timing harness for `npm run bench`: warm up, then time each call with the monotonic clock.
export interface BenchRow {
  name: string;
  p50Ms: number;
  p99Ms: number;
  opsPerSec: number;
}

export async function measure(
  name: string,
  fn: () => unknown,
  { minRuns = 20, maxRuns = 5000, budgetMs = 1500, warmup = 20 } = {},
): Promise<BenchRow> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
  const total = times.reduce((a, b) => a + b, 0);
  return { name, p50Ms: at(0.5), p99Ms: at(0.99), opsPerSec: (times.length / total) * 1000 };
}

export function formatRows(title: string, rows: readonly BenchRow[]): string {
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  const out = [
    title,
    `${'case'.padEnd(w)}  ${'p50 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'ops/s'.padStart(9)}`,
  ];
  for (const r of rows)
    out.push(
      `${r.name.padEnd(w)}  ${r.p50Ms.toFixed(4).padStart(9)}  ${r.p99Ms.toFixed(4).padStart(9)}  ${Math.round(r.opsPerSec).toString().padStart(9)}`,
    );
  return out.join('\n');
}
