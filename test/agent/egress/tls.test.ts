// TLS through the pinned connection: the handshake must carry the host NAME (SNI), and the certificate
// is verified against that name with the system trust store — a self-signed certificate is refused.
import https from 'node:https';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createSafeFetch, EgressError } from '../../../src/agent/egress/index.js';

// Self-signed, TEST ONLY (CN/SAN secure.test); it protects nothing.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoGhK/hUDAvxr2zXh
xbnCnhuITWILzq81ssim9EXxaOOhRANCAAQTsb9oS1e2m0lAhkJnYswOrETf4yuE
M6IayquBLWKpqlAv8wzQTzYtHYEBkS5BKs+QbS5Ytzt+cN0FJk3drMJA
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUWaFEW3XIO9+p55VfhQ8XHIdgoiIwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLc2VjdXJlLnRlc3QwIBcNMjYxMTI1MTQ0ODQ5WhgPMjEyNjEx
MDExNDQ4NDlaMBYxFDASBgNVBAMMC3NlY3VyZS50ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEE7G/aEtXtptJQIZCZ2LMDqxE3+MrhDOiGsqrgS1iqapQL/MM
0E82LR2BAZEuQSrPkG0uWLc7fnDdBSZN3azCQKNrMGkwHQYDVR0OBBYEFNO8zlqc
93BG5Qf2Wk3BQ1li99bKMB8GA1UdIwQYMBaAFNO8zlqc93BG5Qf2Wk3BQ1li99bK
MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILc2VjdXJlLnRlc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAIHa6V1OnBkapMX5CYokwnnsJe6fhR2217g8Hc4pOaQZAiBw
bkP1AmctD9N8/UWlHBtTtaJ1lHOUqdgSvyeqROLYlA==
-----END CERTIFICATE-----`;

let close: (() => void) | undefined;
afterEach(() => close?.());

it('sends SNI for the host name to the pinned address and verifies the certificate', async () => {
  const servernames: string[] = [];
  let requests = 0;
  const ctx = tls.createSecureContext({ key: KEY, cert: CERT });
  const server = https.createServer(
    {
      key: KEY,
      cert: CERT,
      SNICallback: (name, cb) => {
        servernames.push(name);
        cb(null, ctx);
      },
    },
    (_req, res) => {
      requests += 1;
      res.end('secret');
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => server.close();
  const port = (server.address() as AddressInfo).port;
  const fetch = createSafeFetch(
    { allow_addresses: ['127.0.0.1/32'], ports: [port] },
    { resolver: async () => [{ address: '127.0.0.1', family: 4 }] },
  );
  const e = await fetch(`https://secure.test:${port}/`).catch((x: unknown) => x);
  expect(e).not.toBeInstanceOf(EgressError);
  expect(e).toMatchObject({ code: 'UPSTREAM_ERROR' });
  expect(servernames).toEqual(['secure.test']);
  expect(requests).toBe(0);
});
