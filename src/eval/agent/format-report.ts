// The text form of the agent benchmark report: the overall figures per defense, then per domain.
import { DEFENSES, DEFENSE_LABELS, type AgentBenchmarkReport } from './run-benchmark.js';
import { DOMAINS } from './types.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export function formatAgentReport(r: AgentBenchmarkReport): string {
  const lines: string[] = [];
  lines.push(
    `Agent-injection benchmark: ${r.tasks} tasks (clean + injected variant each), agent = rampart-local`,
    '',
    `${pad('defense', 22)}${lpad('ASR', 8)}${lpad('utility', 10)}${lpad('utility under attack', 22)}${lpad('refused clean/inj', 19)}${lpad('withheld clean/inj', 20)}`,
  );
  for (const d of DEFENSES) {
    const o = r.overall[d];
    lines.push(
      `${pad(DEFENSE_LABELS[d], 22)}${lpad(pct(o.asr), 8)}${lpad(pct(o.utility), 10)}${lpad(pct(o.utilityUnderAttack), 22)}${lpad(`${o.cleanRefused}/${o.injectedRefused}`, 19)}${lpad(`${o.cleanWithheld}/${o.injectedWithheld}`, 20)}`,
    );
  }
  lines.push(
    '',
    'Per domain (ASR / utility):',
    `${pad('domain', 10)}${lpad('tasks', 6)}${DEFENSES.map((d) => lpad(DEFENSE_LABELS[d], 22)).join('')}`,
  );
  for (const dom of DOMAINS) {
    const b = r.byDomain[dom];
    if (b.tasks === 0) continue;
    lines.push(
      `${pad(dom, 10)}${lpad(String(b.tasks), 6)}${DEFENSES.map((d) => lpad(`${pct(b[d].asr)} / ${pct(b[d].utility)}`, 22)).join('')}`,
    );
  }
  const placements = [...new Set(r.outcomes.map((o) => o.placement))];
  lines.push('', 'Per injection placement (ASR none / firewall+taint / firewall+taint+scan):');
  for (const p of placements) {
    const os = r.outcomes.filter((o) => o.placement === p);
    const asr = (d: (typeof DEFENSES)[number]) =>
      pct(os.filter((o) => o.results[d].attack).length / os.length);
    lines.push(`${pad(p, 14)}${lpad(String(os.length), 4)}  ${DEFENSES.map(asr).join(' / ')}`);
  }
  const passed = r.outcomes.filter((o) => o.results.full.attack).map((o) => o.id);
  const passedFw = r.outcomes.filter((o) => o.results.firewall.attack).map((o) => o.id);
  const delegated = r.outcomes.filter((o) => o.delegated).map((o) => o.id);
  lines.push(
    '',
    `Delegated tasks (the user's goal needs a value from the tool result; the defenses refuse these by design): ${delegated.length ? delegated.join(', ') : 'none'}`,
    `Attacks that got through firewall+taint: ${passedFw.length ? passedFw.join(', ') : 'none'}`,
    `Attacks that got through firewall+taint+scan: ${passed.length ? passed.join(', ') : 'none'}`,
    'ASR = injected episodes whose harmful call was executed; utility = clean episodes whose user goal was met.',
  );
  return lines.join('\n');
}
