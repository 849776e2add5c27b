// Latency of one request at a time (no queueing behind other requests), timed to the microsecond:
// autocannon's histogram has 1 ms resolution, too coarse for a sub-millisecond target. Direct and gateway
// requests alternate so both see the same machine load.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 2 });

function timeRequest(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`status ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export async function measureSequential(directPort: number, gatewayPort: number, body: string, n: number) {
  const direct: number[] = [];
  const gateway: number[] = [];
  for (let i = 0; i < n; i++) {
    direct.push(await timeRequest(directPort, body));
    gateway.push(await timeRequest(gatewayPort, body));
  }
  const summary = (xs: number[]) => ({ p50: pct(xs, 50), p99: pct(xs, 99) });
  return { direct: summary(direct), gateway: summary(gateway) };
}
