// What a client gets when Node's HTTP parser gives up on it before the app sees a request: a request
// not received within server.request_timeout_ms (408), headers too large (431), malformed HTTP (400).
// Node's own answer has an empty body; OpenAI SDKs then report "no body", so the gateway answers the
// same statuses with its usual OpenAI-shaped JSON error. Mirrors Node's default handler otherwise: only
// when nothing of a response has been written yet, and the connection is closed after it.
import type { Socket } from 'node:net';
import { errorBody, type GatewayErrorInit } from './http-errors.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function initFor(code: string | undefined): GatewayErrorInit {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        type: 'invalid_request_error',
        code: 'request_timeout',
        message: 'the request was not received in time (server.request_timeout_ms); connection closed',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        type: 'invalid_request_error',
        code: 'headers_too_large',
        message: 'the request headers are too large',
      };
    default:
      return {
        status: 400,
        type: 'invalid_request_error',
        code: 'malformed_http',
        message: 'the request is not valid HTTP/1.1',
      };
  }
}

/** The raw HTTP/1.1 response for a parser error. */
export function clientErrorResponse(code: string | undefined): string {
  const init = initFor(code);
  const body = JSON.stringify(errorBody(init));
  return (
    `HTTP/1.1 ${init.status} ${REASONS[init.status]}\r\n` +
    'content-type: application/json\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    'connection: close\r\n\r\n' +
    body
  );
}

/** For `server.on('clientError', …)`. */
export function onClientError(err: Error & { code?: string }, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent)
    socket.write(clientErrorResponse(err.code));
  socket.destroy();
}
