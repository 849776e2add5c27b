// Node's HTTP parser errors answered as OpenAI-shaped JSON, over a real socket.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorResponse, onClientError } from '../../src/gateway/client-error.js';

describe('clientErrorResponse', () => {
  it('is a complete HTTP/1.1 answer with a JSON error body and connection: close', () => {
    const raw = clientErrorResponse('HPE_HEADER_OVERFLOW');
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 431 Request Header Fields Too Large',
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
    ]);
    expect(JSON.parse(body)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'headers_too_large' },
    });
  });

  it('maps the parser codes: timeout 408, header overflow 431, anything else 400 malformed_http', () => {
    const statusOf = (code: string | undefined) => {
      const raw = clientErrorResponse(code);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
      return `${raw.slice(9, 12)} ${body.error.code}`;
    };
    expect(statusOf('ERR_HTTP_REQUEST_TIMEOUT')).toBe('408 request_timeout');
    expect(statusOf('HPE_HEADER_OVERFLOW')).toBe('431 headers_too_large');
    expect(statusOf('HPE_INVALID_METHOD')).toBe('400 malformed_http');
    expect(statusOf(undefined)).toBe('400 malformed_http');
  });
});

describe('onClientError on a real server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 1024 }, (_req, res) => res.end('ok'));
    server.on('clientError', onClientError);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      let got = '';
      s.setEncoding('utf8');
      s.on('data', (d: string) => (got += d));
      s.on('end', () => resolve(got));
      s.on('error', reject);
      s.end(request);
    });

  it('answers malformed HTTP and oversized headers with JSON, then closes', async () => {
    const bad = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/u);
    expect(bad).toContain('"code":"malformed_http"');
    const big = await raw(`GET / HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(4096)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /u);
    expect(big).toContain('"code":"headers_too_large"');
  });
});
