// authenticate() and headerReader() with a real gateway context and a real key file.
import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, headerReader, type HeaderSource } from '../../src/gateway/auth.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { createGateway, type Gateway } from '../../src/gateway/gateway.js';
import { FileKeyStore } from '../../src/gateway/keys/file-key-store.js';

let gw: Gateway;
let key: string;
let keyId: string;
let revokedKey: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-auth-'));
  const file = join(dir, 'keys.json');
  const store = new FileKeyStore(file);
  ({
    key,
    record: { id: keyId },
  } = await store.create('acme', { limits: { requests_per_minute: 7 } }));
  const revoked = await store.create('acme');
  revokedKey = revoked.key;
  await store.revoke(revoked.record.id);
  gw = await createGateway(
    parseGatewayConfig(
      `keys: { file: ${file} }\naudit: { enabled: false }\nserver: { scan_workers: 0 }\nlimits: { requests_per_minute: 100, tokens_per_minute: 5000 }`,
      't',
      dir,
    ),
  );
});
afterAll(async () => {
  await gw?.close();
});

const headers = (h: Record<string, string>): HeaderSource => new Headers(h);
const auth = (h: Record<string, string>, keysRequired = true) =>
  authenticate(gw.context, headers(h), keysRequired);
const refusal = (h: Record<string, string>) => auth(h).catch((e: unknown) => e);

describe('authenticate', () => {
  it('accepts a valid key as Bearer (any case, spaces or tabs) or as api-key, with its own limits', async () => {
    const caller = {
      keyId,
      tenant: 'acme',
      limits: { ...gw.context.config.limits, requests_per_minute: 7 },
    };
    expect(caller.limits.tokens_per_minute).toBe(5000);
    for (const h of [
      { authorization: `Bearer ${key}` },
      { authorization: `bearer \t${key}  ` },
      { authorization: `BEARER ${key}` },
      { 'api-key': key },
      { 'api-key': ` ${key} ` },
    ] as Array<Record<string, string>>)
      expect(await auth(h), JSON.stringify(h)).toEqual(caller);
  });

  it('refuses a missing, wrong, revoked or malformed key with 401 invalid_api_key', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{}, /missing API key/u],
      [{ authorization: `Basic ${key}` }, /missing API key/u],
      [{ authorization: `Bearer` }, /missing API key/u],
      [{ authorization: `Bearer ${key} extra` }, /missing API key/u],
      [{ authorization: `Bearer ${key}, Bearer ${key}` }, /missing API key/u],
      [
        { authorization: `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` },
        /invalid or revoked/u,
      ],
      [{ authorization: `Bearer ${revokedKey}` }, /invalid or revoked/u],
      [{ 'api-key': revokedKey }, /invalid or revoked/u],
      [{ authorization: `Bearer ${'k'.repeat(600)}` }, /missing API key/u],
      [{ 'api-key': 'k'.repeat(600) }, /missing API key/u],
    ];
    for (const [h, message] of cases) {
      const err = await refusal(h);
      expect(err, JSON.stringify(h).slice(0, 80)).toMatchObject({
        name: 'GatewayError',
        init: {
          status: 401,
          type: 'authentication_error',
          code: 'invalid_api_key',
          message: expect.stringMatching(message),
        },
      });
    }
  });

  it('the Authorization header wins over api-key: a bad bearer is not rescued by a good api-key', async () => {
    expect(await refusal({ authorization: 'Bearer nope', 'api-key': key })).toMatchObject({
      init: { status: 401, code: 'invalid_api_key' },
    });
  });

  it('in open mode (no keys) every caller gets the configured limits and no key id', async () => {
    const open = { limits: gw.context.config.limits };
    expect(open.limits).toMatchObject({ requests_per_minute: 100, tokens_per_minute: 5000 });
    expect(await auth({}, false)).toEqual(open);
    expect(await auth({ authorization: `Bearer ${key}` }, false)).toEqual(open);
  });

  it('never lets an arbitrary header through, and never fails with anything but a 401 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 700 }), fc.string({ maxLength: 700 }), async (a, k) => {
        let h: Headers;
        try {
          h = new Headers({ authorization: a, 'api-key': k });
        } catch {
          return; // not a header value at all: no request can carry it
        }
        const err = await authenticate(gw.context, h, true).catch((e: unknown) => e);
        expect(err).toMatchObject({ init: { status: 401, code: 'invalid_api_key' } });
      }),
      { numRuns: 300 },
    );
  });
});

describe('headerReader', () => {
  const incoming = (rawHeaders: string[]): IncomingMessage => {
    const headers: Record<string, string | string[]> = {};
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const k = rawHeaders[i]!.toLowerCase();
      // As Node parses them: the first authorization only; other repeated headers as a list.
      if (k === 'authorization') headers[k] ??= rawHeaders[i + 1]!;
      else {
        const prev = headers[k];
        headers[k] = prev === undefined ? rawHeaders[i + 1]! : [prev, rawHeaders[i + 1]!].flat();
      }
    }
    return { rawHeaders, headers } as unknown as IncomingMessage;
  };

  it('joins a repeated Authorization header, so a request with two keys is refused', async () => {
    const two = headerReader(incoming(['Authorization', `Bearer ${key}`, 'authorization', `Bearer ${key}`]));
    expect(two.get('authorization')).toBe(`Bearer ${key}, Bearer ${key}`);
    expect(await authenticate(gw.context, two, true).catch((e: unknown) => e)).toMatchObject({
      init: { status: 401, code: 'invalid_api_key' },
    });
    const one = headerReader(incoming(['AUTHORIZATION', `Bearer ${key}`, 'x-a', '1', 'x-a', '2']));
    expect(one.get('authorization')).toBe(`Bearer ${key}`);
    expect(one.get('x-a')).toBe('1, 2');
    expect(one.get('api-key')).toBeUndefined();
    expect((await authenticate(gw.context, one, true)).keyId).toBe(keyId);
  });
});
