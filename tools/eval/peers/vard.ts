// Peer: @andersmyrmel/vard. Pattern-based; `vard.safe(input)` parses with the default (moderate) preset and
// returns `{ safe: false, threats }` when a threat it blocks is found (threats it only sanitizes pass).
import type { PeerAdapter } from './adapter.js';

interface Threat {
  severity: number;
}
type VardResult = { safe: true; data: string } | { safe: false; threats: Threat[] };
interface Vard {
  safe(input: string): VardResult;
}

export const vard: PeerAdapter = {
  name: '@andersmyrmel/vard',
  version: '1.2.0',
  packageName: '@andersmyrmel/vard',
  async load() {
    const spec: string = '@andersmyrmel/vard';
    const lib = ((await import(spec)) as { default: Vard }).default;
    return async (text) => {
      const r = lib.safe(text);
      if (r.safe) return { flagged: false, score: 0 };
      return { flagged: true, score: r.threats.reduce((m, t) => Math.max(m, t.severity), 0) };
    };
  },
};
