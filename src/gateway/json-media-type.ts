// The JSON routes take `content-type: application/json` and nothing else. A web page may POST text/plain,
// form data or a body without a type to any address without asking first (a CORS "simple" request, no
// preflight); parsing such a body as JSON would let any site the user visits call the upstream models
// through a keyless gateway on loopback. application/json needs a preflight, which the gateway never
// grants. A compressed body is refused too rather than inflated: its size after inflation is not bounded
// by the byte limit the body was read under.
import { GatewayError } from './http-errors.js';

const unsupported = (message: string, param: string) =>
  new GatewayError({
    status: 415,
    type: 'invalid_request_error',
    code: 'unsupported_media_type',
    param,
    message,
  });

/** Throws 415 unless the body is declared as uncompressed UTF-8 JSON. */
export function assertJsonBody(
  contentType: string | null | undefined,
  contentEncoding: string | null | undefined,
): void {
  if (contentEncoding !== undefined && contentEncoding !== null) {
    const encoding = contentEncoding.trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity')
      throw unsupported(
        `content-encoding "${contentEncoding.slice(0, 40)}" is not accepted; send the JSON body uncompressed`,
        'content-encoding',
      );
  }
  if (!isJsonUtf8(contentType))
    throw unsupported(
      contentType
        ? `content-type "${contentType.slice(0, 80)}" is not accepted; send content-type: application/json`
        : 'the request has no content-type; send content-type: application/json',
      'content-type',
    );
}

/** `application/json`, with an optional charset that must be UTF-8 (RFC 8259 §8.1); other parameters ignored. */
function isJsonUtf8(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';');
  if (type!.trim().toLowerCase() !== 'application/json') return false;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/u, '$1')
      .toLowerCase();
    if (value !== 'utf-8' && value !== 'utf8') return false;
  }
  return true;
}
