// User-originated calls through the MCP proxy. The MCP client (the application the user types into, not the
// model) may vouch for a call: it puts an HMAC-SHA256 over the session id, the tool name and the canonical JSON of
// the arguments in `_meta["rampart/user-intent"]`, keyed with a per-session secret the proxy issues at initialize
// (InitializeResult `_meta["rampart/user-intent"]`: `{ session, key }`) or derives from a configured secret. It may
// also start a turn: `_meta["rampart/user-turn"] = { text, mac }`, the MAC over the session id and the user's text.
// A tool result cannot forge either: the key never passes through the model, and a mark binds one call.
// Verification is constant time (timingSafeEqual over equal-length digests); no crypto of our own.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CANONICAL_MAX_DEPTH, canonicalJson, jsonDepth } from '../session/canonical-args.js';

/** `_meta` keys: the call mark (a base64url MAC) and the turn mark (`{ text, mac }`); also the initialize key. */
export const USER_INTENT_META = 'rampart/user-intent';
export const USER_TURN_META = 'rampart/user-turn';

const CALL_LABEL = 'rampart/user-intent/v1';
const TURN_LABEL = 'rampart/user-turn/v1';
const KEY_LABEL = 'rampart/user-intent-key/v1';
/** A MAC is 32 bytes: 43 base64url characters. Anything else is refused before any comparison. */
const MAC_CHARS = 43;
const MAX_TURN_CHARS = 64 * 1024;

/** A fresh random 32-byte session key. */
export function newSessionKey(): Buffer {
  return randomBytes(32);
}

/** The session key derived from a configured secret: HMAC-SHA256(secret, label ‖ 0 ‖ sessionId). */
export function deriveSessionKey(secret: string | Buffer, sessionId: string): Buffer {
  return createHmac('sha256', secret).update(KEY_LABEL).update('\u0000').update(sessionId).digest();
}

/** The mark a client puts in `_meta["rampart/user-intent"]` for a call (base64url). */
export function signUserIntent(
  key: Buffer | string,
  sessionId: string,
  tool: string,
  args: Record<string, unknown>,
): string {
  return createHmac('sha256', keyBytes(key))
    .update(`${CALL_LABEL}\u0000${sessionId}\u0000${tool}\u0000`)
    .update(canonicalJson(args))
    .digest('base64url');
}

/** The MAC of a turn mark `{ text, mac }` (base64url). */
export function signUserTurn(key: Buffer | string, sessionId: string, text: string): string {
  return createHmac('sha256', keyBytes(key))
    .update(`${TURN_LABEL}\u0000${sessionId}\u0000`)
    .update(text)
    .digest('base64url');
}

export type MarkCheck = { ok: true } | { ok: false; reason: string };

/** Checks a call mark. Malformed input (wrong type, length, alphabet, too deep arguments) is a refusal. */
export function verifyUserIntent(
  key: Buffer,
  sessionId: string,
  tool: string,
  args: Record<string, unknown>,
  mark: unknown,
): MarkCheck {
  const shape = macShape(mark);
  if (shape) return { ok: false, reason: shape };
  if (jsonDepth(args) > CANONICAL_MAX_DEPTH)
    return { ok: false, reason: 'the arguments nest too deeply to be marked' };
  return same(signUserIntent(key, sessionId, tool, args), mark as string)
    ? { ok: true }
    : { ok: false, reason: 'the mark does not match this session, tool and arguments' };
}

/** Checks a turn mark; on success returns the user's text. */
export function verifyUserTurn(
  key: Buffer,
  sessionId: string,
  mark: unknown,
): { ok: true; text: string } | { ok: false; reason: string } {
  if (mark === null || typeof mark !== 'object' || Array.isArray(mark))
    return { ok: false, reason: 'expected an object { text, mac }' };
  const { text, mac } = mark as { text?: unknown; mac?: unknown };
  if (typeof text !== 'string') return { ok: false, reason: "'text' must be a string" };
  if (text.length > MAX_TURN_CHARS)
    return { ok: false, reason: `'text' is longer than ${MAX_TURN_CHARS} characters` };
  const shape = macShape(mac);
  if (shape) return { ok: false, reason: shape };
  return same(signUserTurn(key, sessionId, text), mac as string)
    ? { ok: true, text }
    : { ok: false, reason: 'the mark does not match this session and text' };
}

function macShape(mac: unknown): string | undefined {
  if (typeof mac !== 'string') return 'the mark must be a string (base64url HMAC-SHA256)';
  if (mac.length !== MAC_CHARS || !/^[A-Za-z0-9_-]+$/u.test(mac))
    return 'the mark is not a base64url HMAC-SHA256 (43 characters)';
  return undefined;
}

function same(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64url');
  const b = Buffer.from(given, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}

function keyBytes(key: Buffer | string): Buffer {
  return typeof key === 'string' ? Buffer.from(key, 'base64url') : key;
}
