// The floor under the gateway benchmark: the least any JSON-aware HTTP gateway written on Node does per
// request — read the body, parse it, forward it on a pooled keep-alive connection, parse the answer,
// serialize it back. No framework, no guard, no limits, no audit, no telemetry. Measured in the same run as
// the gateway, it shows how much of the gateway's added latency is the extra HTTP hop itself on this
// machine and how much is Rampart's work. Never a product: no bounds, no error handling beyond a 502.
import { Agent, createServer, request } from 'node:http';

const upstreamPort = Number(process.argv[2]);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  process.stderr.write('usage: bare-proxy.ts <upstream port>\n');
  process.exit(2);
}
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const readAll = (s: NodeJS.ReadableStream, done: (body: string) => void) => {
  const parts: Buffer[] = [];
  s.on('data', (c: Buffer) => parts.push(c));
  s.on('end', () => done(Buffer.concat(parts).toString('utf8')));
};

const server = createServer((req, res) => {
  const fail = () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  };
  readAll(req, (text) => {
    const out = JSON.stringify(JSON.parse(text));
    const up = request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        path: '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) },
      },
      (answer) =>
        readAll(answer, (a) => {
          const body = JSON.stringify(JSON.parse(a));
          res.writeHead(answer.statusCode ?? 502, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        }),
    );
    up.on('error', fail);
    up.end(out);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
