// The floor under the gateway benchmark: the least any JSON-aware HTTP gateway written on Node does per
// request — read the body, parse it, forward it on a pooled keep-alive connection, parse the answer,
// serialize it back. No framework, no guard, no limits, no audit, no telemetry. Measured in the same run as
// the gateway, it shows how much of the gateway's added latency is the extra HTTP hop itself on this
// machine and how much is Rampart's work. Never a product: no bounds, no error handling beyond a 502.
//
// With --scan it also runs the bench policy's guard on the way in (the user messages) and out (the answer
// text), and nothing else: the least a gateway that scans what the target names (a 2 KB prompt, the
// rule scanners) can cost here, before limits, audit log, metrics or error handling.
import { Agent, createServer, request, type ServerResponse } from 'node:http';
import { createGuard, type Guard } from '../../src/policy/create-guard.js';
import { BENCH_POLICY } from './gateway-server.js';

const upstreamPort = Number(process.argv[2]);
const scan = process.argv[3] === '--scan';
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0 || (process.argv.length > 3 && !scan)) {
  process.stderr.write('usage: bare-proxy.ts <upstream port> [--scan]\n');
  process.exit(2);
}
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const guard = scan ? createGuard(BENCH_POLICY) : undefined;

interface Message {
  role: string;
  content: string;
}
interface Answer {
  choices: Array<{ message: { content: string | null } }>;
}

/** With --scan: whether the input stage lets the request through (the proxy answers 400 when it blocks). */
async function inputAllowed(guard: Guard, request: { messages: Message[] }): Promise<boolean> {
  const segments = request.messages.map((m) => ({ text: m.content, trust: 'user' as const, role: m.role }));
  return (await guard.check('input', segments)).action !== 'block';
}

const readAll = (s: NodeJS.ReadableStream, done: (body: string) => void) => {
  const parts: Buffer[] = [];
  s.on('data', (c: Buffer) => parts.push(c));
  s.on('end', () => done(Buffer.concat(parts).toString('utf8')));
};

// Without --scan no await is evaluated: the async handlers below then run to the end synchronously, as the
// plain callbacks did, so the floor itself is unchanged.
async function proxy(text: string, res: ServerResponse, fail: () => void): Promise<void> {
  const parsed = JSON.parse(text) as { messages: Message[] };
  if (guard && !(await inputAllowed(guard, parsed))) {
    res.writeHead(400);
    res.end();
    return;
  }
  const out = JSON.stringify(parsed);
  const up = request(
    {
      host: '127.0.0.1',
      port: upstreamPort,
      path: '/v1/chat/completions',
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) },
    },
    (answer) => readAll(answer, (a) => void answerClient(a, answer.statusCode ?? 502, res).catch(fail)),
  );
  up.on('error', fail);
  up.end(out);
}

async function answerClient(a: string, status: number, res: ServerResponse): Promise<void> {
  const parsed = JSON.parse(a) as Answer;
  if (guard) await guard.check('output', parsed.choices[0]?.message.content ?? '', { canaries: [] });
  const body = JSON.stringify(parsed);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const fail = () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  };
  readAll(req, (text) => void proxy(text, res, fail).catch(fail));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
