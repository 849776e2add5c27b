// Open-loop load at a fixed arrival rate, timed to the microsecond. autocannon's rate mode is a burst per
// second (each connection sends its share back to back, then waits for the next second's tick), so its
// "1,000 req/s" latencies are those of a server saturated for part of every second. Here request i is sent
// at t0 + i / rate whether or not earlier ones have been answered (open loop), so a server that falls behind
// shows its queue in the latencies instead of slowing the sender down (no coordinated omission). Latency is
// counted from the moment the request is written, so this generator's own timer lateness is not charged to
// the server.
import { Agent } from 'node:http';
import { percentile } from '../../src/eval/metrics.js';
import { timeRequest } from './time-request.js';

export interface PacedResult {
  p50: number;
  p90: number;
  p99: number;
  /** Requests per second actually completed. */
  rps: number;
  errors: number;
}

export async function measurePaced(
  port: number,
  body: string,
  rate: number,
  seconds: number,
): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / rate <= now) {
        sent++;
        pending.push(
          timeRequest(agent, port, body).then(
            (ms) => void latencies.push(ms),
            () => void errors++,
          ),
        );
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, t0 + (sent * 1000) / rate - performance.now() - 0.5));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50) ?? NaN,
    p90: percentile(sorted, 90) ?? NaN,
    p99: percentile(sorted, 99) ?? NaN,
    rps: latencies.length / elapsed,
    errors,
  };
}
