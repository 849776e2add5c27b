// Human-readable rendering of a Decision. Never prints the scanned text: a finding shows its span, so the
// user can look at the characters themselves.
import type { Decision } from '../core/types.js';

const fmtMs = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

export function formatDecision(d: Decision): string {
  const lines = [
    `${d.action.toUpperCase()} (stage ${d.stage}, ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'})`,
  ];
  for (const f of d.findings) {
    const where = f.span ? ` at ${f.span[0]}..${f.span[1]}` : '';
    const seg = f.segment !== undefined && f.segment > 0 ? ` segment ${f.segment}` : '';
    const via = f.via ? ` via ${f.via}` : '';
    lines.push(
      `  ${(f.action ?? '').padEnd(7)} ${f.category} score=${f.score.toFixed(2)}${seg}${where}${via}  ${f.message} [${f.scanner}]`,
    );
  }
  const timings = Object.entries(d.timingsMs)
    .map(([k, v]) => `${k} ${fmtMs(v)}`)
    .join(', ');
  lines.push(`  timings: ${timings}`);
  return lines.join('\n');
}
