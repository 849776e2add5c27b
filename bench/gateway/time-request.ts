// One POST /v1/chat/completions, timed from sending it to the end of the answer.
import { request, type Agent, type RequestOptions } from 'node:http';

/** POST /v1/chat/completions on 127.0.0.1:port with a JSON body, over `agent` (shared by the bench clients). */
export const chatRequestOptions = (agent: Agent, port: number, body: string): RequestOptions => ({
  host: '127.0.0.1',
  port,
  path: '/v1/chat/completions',
  method: 'POST',
  agent,
  headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
});

export function timeRequest(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const req = request(chatRequestOptions(agent, port, body), (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - startedAt)
          : reject(new Error(`status ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
