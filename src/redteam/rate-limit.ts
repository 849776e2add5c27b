// Request pacing for a run: at most `perSecond` sends start per second, spread evenly (a target's own rate
// limit should see a steady stream, not bursts of `concurrency`).
export interface Pacer {
  wait(): Promise<void>;
}

export function createPacer(perSecond: number | undefined, now = () => performance.now()): Pacer {
  if (!perSecond || !Number.isFinite(perSecond) || perSecond <= 0) return { wait: async () => {} };
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    async wait() {
      const t = now();
      const at = Math.max(t, next);
      next = at + interval;
      if (at > t) await new Promise((r) => setTimeout(r, at - t));
    },
  };
}
