// Direct and gateway measurements taken alternately, one at a time, so both sides see the same machine
// load; p50/p99 with the eval metrics' percentile (nearest rank).
import { percentile } from '../../src/eval/metrics.js';

export type TimeOne = (port: number, body: string) => Promise<number>;

export async function alternate(
  timeOne: TimeOne,
  directPort: number,
  gatewayPort: number,
  body: string,
  n: number,
) {
  const direct: number[] = [];
  const gateway: number[] = [];
  for (let i = 0; i < n; i++) {
    direct.push(await timeOne(directPort, body));
    gateway.push(await timeOne(gatewayPort, body));
  }
  const summary = (xs: number[]) => {
    const sorted = xs.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50)!, p99: percentile(sorted, 99)! };
  };
  return { direct: summary(direct), gateway: summary(gateway) };
}
