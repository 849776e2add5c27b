// Latency of one request at a time (no queueing behind other requests), timed to the microsecond:
// autocannon's histogram has 1 ms resolution, too coarse for a sub-millisecond target. Direct and gateway
// requests alternate so both see the same machine load.
import { Agent } from 'node:http';
import { alternate } from './alternate.js';
import { timeRequest } from './time-request.js';

const agent = new Agent({ keepAlive: true, maxSockets: 2 });

export const measureSequential = (directPort: number, gatewayPort: number, body: string, n: number) =>
  alternate((port, b) => timeRequest(agent, port, b), directPort, gatewayPort, body, n);
