// The only doors between host and guest: JSON text in, JSON text out, each bounded in size.
// A guest value never becomes a host object (and vice versa): it is serialised on one side, the string
// is copied, and it is parsed on the other, so neither side can hold a reference into the other's heap.
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import type { JsonValue } from './types.js';

// Evaluated in the fresh context before any guest code runs, so the helpers close over the pristine
// JSON/String built-ins. The guest may later tamper with globals; that only changes what its own values
// serialise to, never what the host accepts (the host re-parses every string with its own JSON.parse).
const PRELUDE = `(function () {
  var stringify = JSON.stringify, parse = JSON.parse, Str = String, TE = TypeError, Err = Error;
  function strict(k, v) {
    var t = typeof v;
    if (t === 'function' || t === 'symbol') throw new TE('value is not JSON-serialisable (' + t + ')');
    return v;
  }
  function format(v) {
    var t = typeof v;
    if (t === 'string') return v;
    if (t === 'object' && v !== null && !(v instanceof Err)) {
      try { var s = stringify(v); return s === undefined ? Str(s) : s; } catch (e) { return '[unserialisable]'; }
    }
    try { return Str(v); } catch (e) { return '[unprintable]'; }
  }
  return [function (v) { return stringify(v, strict); }, function (s) { return parse(s); }, format];
})()`;

export type CopyOut =
  | { ok: true; value: JsonValue; bytes: number }
  | { ok: false; reason: 'too_large' }
  /** Serialisation threw inside the guest (not JSON, a throwing toJSON, stack or memory exhausted); the caller owns `error`. */
  | { ok: false; reason: 'thrown'; error: QuickJSHandle };
export type CopyIn =
  { ok: true; handle: QuickJSHandle } | { ok: false; reason: 'not_json' | 'too_large' | 'guest_error' };

export class Bridge {
  private constructor(
    private readonly ctx: QuickJSContext,
    private readonly toJson: QuickJSHandle,
    private readonly fromJson: QuickJSHandle,
    private readonly formatter: QuickJSHandle,
  ) {}

  static install(ctx: QuickJSContext): Bridge {
    const helpers = ctx.unwrapResult(ctx.evalCode(PRELUDE, 'prelude.js', { type: 'global' }));
    try {
      return new Bridge(ctx, ctx.getProp(helpers, 0), ctx.getProp(helpers, 1), ctx.getProp(helpers, 2));
    } finally {
      helpers.dispose();
    }
  }

  dispose(): void {
    for (const h of [this.toJson, this.fromJson, this.formatter]) if (h.alive) h.dispose();
  }

  /** Host value → fresh guest value, via JSON text. */
  copyIn(value: unknown, maxBytes: number): CopyIn {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      return { ok: false, reason: 'not_json' }; // cycles, BigInt
    }
    text ??= 'null'; // undefined and functions at the top level
    if (Buffer.byteLength(text, 'utf8') > maxBytes) return { ok: false, reason: 'too_large' };
    const str = this.ctx.newString(text);
    try {
      const parsed = this.ctx.callFunction(this.fromJson, this.ctx.undefined, str);
      if (parsed.error) {
        parsed.error.dispose();
        return { ok: false, reason: 'guest_error' }; // out of memory or interrupted inside the guest
      }
      return { ok: true, handle: parsed.value };
    } finally {
      str.dispose();
    }
  }

  /** Guest value → host JSON value. Functions, symbols, cycles and BigInts are refused, not dropped. */
  copyOut(handle: QuickJSHandle, maxBytes: number): CopyOut {
    const res = this.ctx.callFunction(this.toJson, this.ctx.undefined, handle);
    if (res.error) return { ok: false, reason: 'thrown', error: res.error };
    try {
      if (this.ctx.typeof(res.value) !== 'string') return { ok: true, value: null, bytes: 4 }; // top-level undefined
      const text = this.boundedString(res.value, maxBytes);
      if (text === undefined) return { ok: false, reason: 'too_large' };
      return { ok: true, value: JSON.parse(text) as JsonValue, bytes: Buffer.byteLength(text, 'utf8') };
    } finally {
      res.value.dispose();
    }
  }

  /** console.log's rendering of one argument; undefined when it does not fit in maxBytes. */
  format(handle: QuickJSHandle, maxBytes: number): string | undefined {
    const res = this.ctx.callFunction(this.formatter, this.ctx.undefined, handle);
    if (res.error) {
      res.error.dispose();
      return '[unprintable]';
    }
    try {
      return this.ctx.typeof(res.value) === 'string'
        ? this.boundedString(res.value, maxBytes)
        : '[unprintable]';
    } finally {
      res.value.dispose();
    }
  }

  // Checks the length inside the guest before copying, so a 30 MB guest string never lands in the host heap.
  // UTF-8 bytes >= UTF-16 code units, so a string over the bound in code units is over it in bytes too.
  private boundedString(str: QuickJSHandle, maxBytes: number): string | undefined {
    if (stringLength(this.ctx, str) > maxBytes) return undefined;
    const text = this.ctx.getString(str);
    return Buffer.byteLength(text, 'utf8') > maxBytes ? undefined : text;
  }
}

/** "Name: message" of whatever the guest threw, bounded; reads only string-valued name/message. */
export function describeThrown(ctx: QuickJSContext, thrown: QuickJSHandle, maxChars = 1000): string {
  const clip = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars)}…` : s);
  try {
    const type = ctx.typeof(thrown);
    if (type === 'string') return clip(`thrown: ${readBounded(ctx, thrown, maxChars)}`);
    if (type === 'number' || type === 'boolean') return `thrown: ${String(ctx.dump(thrown))}`;
    if (type !== 'object' || isNull(ctx, thrown)) return `thrown: ${type === 'object' ? 'null' : type}`;
    const name = readStringProp(ctx, thrown, 'name', 100) ?? 'Error';
    const message = readStringProp(ctx, thrown, 'message', maxChars) ?? '';
    return clip(message ? `${name}: ${message}` : name);
  } catch {
    return 'the guest threw a value that could not be described';
  }
}

// A string primitive's `length` is an own, non-configurable property: the guest cannot fake it.
function stringLength(ctx: QuickJSContext, str: QuickJSHandle): number {
  const h = ctx.getProp(str, 'length');
  try {
    return ctx.typeof(h) === 'number' ? ctx.getNumber(h) : Number.POSITIVE_INFINITY;
  } finally {
    h.dispose();
  }
}

function isNull(ctx: QuickJSContext, h: QuickJSHandle): boolean {
  return ctx.eq(h, ctx.null);
}

function readBounded(ctx: QuickJSContext, str: QuickJSHandle, maxChars: number): string {
  return stringLength(ctx, str) > maxChars * 4 ? '[very long string]' : ctx.getString(str);
}

function readStringProp(
  ctx: QuickJSContext,
  obj: QuickJSHandle,
  key: string,
  maxChars: number,
): string | undefined {
  // getProp may run a guest getter; it is still under the run's interrupt handler and memory ceiling.
  const h = ctx.getProp(obj, key);
  try {
    return ctx.typeof(h) === 'string' ? readBounded(ctx, h, maxChars) : undefined;
  } finally {
    h.dispose();
  }
}
