import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/gateway/http-errors.js';
import { assertJsonBody } from '../../src/gateway/json-media-type.js';

const refusal = (type: string | undefined, encoding?: string) => {
  try {
    assertJsonBody(type, encoding);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(GatewayError);
    return (e as GatewayError).init;
  }
};

describe('assertJsonBody', () => {
  it('accepts application/json with or without a UTF-8 charset', () => {
    for (const t of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/json; charset=utf8; foo=bar',
    ])
      expect(refusal(t)).toBeUndefined();
    expect(refusal('application/json', 'identity')).toBeUndefined();
  });

  it('refuses what a web page may send without a preflight, and anything not JSON, with 415', () => {
    for (const t of [
      undefined,
      '',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json; charset=latin1',
    ])
      expect(refusal(t)).toMatchObject({
        status: 415,
        code: 'unsupported_media_type',
        param: 'content-type',
      });
  });

  it('refuses a compressed body, naming content-encoding', () => {
    const init = refusal('application/json', 'gzip');
    expect(init).toMatchObject({ status: 415, code: 'unsupported_media_type', param: 'content-encoding' });
    expect(init?.message).toContain('content-encoding');
  });
});
