// Latency of one request at a time (no queueing behind other requests), timed to the microsecond:
// autocannon's histogram has 1 ms resolution, too coarse for a sub-millisecond target. Direct and gateway
// requests alternate so both see the same machine load.
import { Agent, request } from 'node:http';
import { alternate } from './alternate.js';

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

export const measureSequential = (directPort: number, gatewayPort: number, body: string, n: number) =>
  alternate(timeRequest, directPort, gatewayPort, body, n);
