// Time to first token, measured the way a client sees it: from sending a streaming request to the first
// SSE `data:` line whose delta carries content (the gateway's opening role-only chunk does not count).
// Plain node:http with a keep-alive agent, so the client itself adds as little as possible.
import { Agent, request } from 'node:http';
import { alternate } from './alternate.js';
import { chatRequestOptions } from './time-request.js';

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One streaming request; resolves the ms to the first content token (the stream is read to its end). */
export function timeToFirstToken(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    let buf = '';
    const req = request(chatRequestOptions(agent, port, body), (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`status ${res.statusCode}`));
      }
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        if (first !== undefined) return;
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) !== -1) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line.startsWith('data: {')) continue;
          const j = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
          if (j.choices?.[0]?.delta?.content) {
            first = performance.now() - started;
            break;
          }
        }
      });
      res.on('end', () => (first === undefined ? reject(new Error('no content token')) : resolve(first)));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const measureTtft = (directPort: number, gatewayPort: number, body: string, n: number) =>
  alternate(timeToFirstToken, directPort, gatewayPort, body, n);
