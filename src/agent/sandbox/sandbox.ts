// runSandboxed: evaluate model-written JavaScript in a fresh QuickJS instance with no ambient authority.
// The guest sees the ECMAScript built-ins, `console`, `input` and the capabilities it was handed — no
// filesystem, network, timers, process, require or module loader. Everything the guest does ends in a
// SandboxResult; only host misconfiguration (bad options, oversized input) throws.
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
  QuickJSRuntime,
} from 'quickjs-emscripten';
import { RampartError, isRampartError } from '../../core/errors.js';
import { Bridge, describeThrown } from './bridge.js';
import { createEngine, type Engine } from './engine.js';
import { parseCapabilities, parseLimits, type SandboxLimits } from './limits.js';
import type { Capability, JsonValue, SandboxError, SandboxOptions, SandboxResult } from './types.js';

type GuestReturn = QuickJSHandle | { error: QuickJSHandle };

export async function runSandboxed(code: string, opts: SandboxOptions = {}): Promise<SandboxResult> {
  const started = performance.now();
  const limits = parseLimits(opts);
  const capabilities = parseCapabilities(opts.capabilities);
  if (typeof code !== 'string') throw new RampartError('INPUT_INVALID', 'sandbox code must be a string');
  const logs: string[] = [];
  const done = (error: SandboxError): SandboxResult => ({
    ok: false,
    error,
    logs,
    ms: Math.round(performance.now() - started),
  });

  if (Buffer.byteLength(code, 'utf8') > limits.maxCodeBytes) {
    return done({ kind: 'code_too_large', message: `the code exceeds ${limits.maxCodeBytes} bytes` });
  }
  checkInput(opts.input, limits.maxTransferBytes);

  let engine: Engine;
  try {
    engine = await createEngine(limits.memoryBytes);
  } catch {
    // Fail closed: no engine, no execution. Not the guest's doing, but nothing it could exploit either.
    return done({ kind: 'exception', message: 'the sandbox engine could not start' });
  }
  const run = new Run(engine, limits, capabilities, logs, performance.now() + limits.timeoutMs);
  const outcome = await run.execute(code, opts.input);
  return outcome.ok
    ? { ok: true, value: outcome.value, logs, ms: Math.round(performance.now() - started) }
    : done(outcome.error);
}

function checkInput(input: JsonValue | undefined, maxBytes: number): void {
  if (input === undefined) return;
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    throw new RampartError('INPUT_INVALID', 'sandbox input must be JSON-serialisable');
  }
  if (Buffer.byteLength(text ?? 'null', 'utf8') > maxBytes) {
    throw new RampartError('INPUT_TOO_LARGE', `sandbox input exceeds ${maxBytes} bytes`);
  }
}

type Outcome = { ok: true; value: JsonValue } | { ok: false; error: SandboxError };

/** The state of one run. Never reused: a new engine, runtime and context every time. */
class Run {
  /** First reason to stop. Once set, the interrupt handler stops the guest at its next check. */
  private abort: SandboxError | undefined;
  private outputBytes = 0;
  private pendingHost = 0;
  private settledSinceWait = false;
  private wakeUp: (() => void) | undefined;
  private finished = false;
  /** Set when the engine threw at the host level; such an instance is dropped, never disposed. */
  private broken = false;
  private readonly deferreds = new Set<QuickJSDeferredPromise>();

  constructor(
    private readonly engine: Engine,
    private readonly limits: SandboxLimits,
    private readonly capabilities: Array<[string, Capability]>,
    private readonly logs: string[],
    private readonly deadline: number,
  ) {}

  async execute(code: string, input: JsonValue | undefined): Promise<Outcome> {
    let rt: QuickJSRuntime | undefined;
    let ctx: QuickJSContext | undefined;
    let bridge: Bridge | undefined;
    try {
      rt = this.engine.module.newRuntime();
      // QuickJS's own accounting under-counts in this build; the wasm memory ceiling (engine.ts) is the real bound.
      rt.setMemoryLimit(this.limits.memoryBytes);
      rt.setMaxStackSize(this.limits.maxStackBytes);
      rt.setInterruptHandler(() => this.shouldInterrupt());
      ctx = rt.newContext();
      bridge = Bridge.install(ctx);
      this.installGlobals(ctx, bridge, input);
      const evaluated = ctx.evalCode(code, 'sandbox.js', { type: 'global' });
      if (evaluated.error) return this.fromThrown(ctx, evaluated.error);
      return await this.settle(rt, ctx, bridge, evaluated.value);
    } catch (e) {
      if (isRampartError(e)) throw e; // host misconfiguration found while installing globals
      this.broken = true;
      return { ok: false, error: this.hostFailure(e) };
    } finally {
      this.finished = true;
      this.wakeUp?.();
      // A broken engine (the host stack overflowed inside wasm, say) is not disposed at all: its C state is
      // inconsistent, freeing would trip QuickJS's leak assertion, and the whole instance is garbage anyway.
      if (!this.broken) this.dispose(bridge, ctx, rt);
    }
  }

  private dispose(
    bridge: Bridge | undefined,
    ctx: QuickJSContext | undefined,
    rt: QuickJSRuntime | undefined,
  ): void {
    for (const d of this.deferreds) quietly(() => d.dispose());
    quietly(() => bridge?.dispose());
    quietly(() => ctx?.dispose());
    quietly(() => rt?.dispose());
  }

  private shouldInterrupt(): boolean {
    if (this.abort) return true;
    if (performance.now() > this.deadline) {
      this.abort = this.timeoutError();
      return true;
    }
    return false;
  }

  private timeoutError(): SandboxError {
    return { kind: 'timeout', message: `the code ran longer than ${this.limits.timeoutMs} ms` };
  }

  private installGlobals(ctx: QuickJSContext, bridge: Bridge, input: JsonValue | undefined): void {
    const log = ctx.newFunction('log', (...args) => this.guard(ctx, () => this.log(ctx, bridge, args)));
    const consoleObj = ctx.newObject();
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) ctx.setProp(consoleObj, level, log);
    ctx.setProp(ctx.global, 'console', consoleObj);
    consoleObj.dispose();
    log.dispose();

    if (input !== undefined) {
      const copied = bridge.copyIn(input, this.limits.maxTransferBytes);
      if (!copied.ok) throw new Error('input could not be copied into the sandbox'); // memory, most likely
      ctx.setProp(ctx.global, 'input', copied.handle);
      copied.handle.dispose();
    }

    for (const [name, fn] of this.capabilities) {
      const existing = ctx.getProp(ctx.global, name);
      const taken = ctx.typeof(existing) !== 'undefined';
      existing.dispose();
      if (taken)
        throw new RampartError('CONFIG_INVALID', `sandbox capability "${name}" would shadow a built-in`);
      const handle = ctx.newFunction(name, (...args) =>
        this.guard(ctx, () => this.callCapability(ctx, bridge, name, fn, args)),
      );
      ctx.setProp(ctx.global, name, handle);
      handle.dispose();
    }
  }

  // Host callbacks must not throw: the library would hand the host error (stack trace included) to the
  // guest. A throw here means the engine itself failed under us, most likely the host stack overflowing in
  // wasm code re-entered from this callback; the run ends and the instance is dropped.
  private guard(ctx: QuickJSContext, body: () => GuestReturn | undefined): GuestReturn | undefined {
    try {
      return body();
    } catch (e) {
      this.broken = true;
      this.abort ??= this.hostFailure(e);
      return { error: ctx.newError({ name: 'InternalError', message: 'aborted' }) };
    }
  }

  private log(ctx: QuickJSContext, bridge: Bridge, args: QuickJSHandle[]): GuestReturn | undefined {
    if (this.abort) return { error: ctx.newError({ name: 'InternalError', message: 'aborted' }) };
    const parts: string[] = [];
    let bytes = 1; // every line costs at least its newline, so a million empty logs still hit the bound
    for (const arg of args) {
      const text = bridge.format(arg, this.limits.maxOutputBytes - this.outputBytes - bytes);
      if (text === undefined) return this.outputExceeded(ctx);
      parts.push(text);
      bytes += Buffer.byteLength(text, 'utf8') + 1;
    }
    if (this.outputBytes + bytes > this.limits.maxOutputBytes) return this.outputExceeded(ctx);
    this.outputBytes += bytes;
    this.logs.push(parts.join(' '));
    return undefined;
  }

  private outputExceeded(ctx: QuickJSContext): GuestReturn {
    this.abort ??= {
      kind: 'output_limit',
      message: `console output exceeded ${this.limits.maxOutputBytes} bytes`,
    };
    return { error: ctx.newError({ name: 'InternalError', message: 'output limit reached' }) };
  }

  private callCapability(
    ctx: QuickJSContext,
    bridge: Bridge,
    name: string,
    fn: Capability,
    args: QuickJSHandle[],
  ): GuestReturn {
    if (this.abort) return { error: ctx.newError({ name: 'InternalError', message: 'aborted' }) };
    const array = ctx.newArray();
    let copied;
    try {
      args.forEach((arg, i) => ctx.setProp(array, i, arg));
      copied = bridge.copyOut(array, this.limits.maxTransferBytes);
    } finally {
      array.dispose();
    }
    if (!copied.ok) {
      // The guest's own mistake, so a catchable error rather than the capability's failure: its own
      // serialisation error (TypeError for functions and cycles), or a RangeError for oversized arguments.
      if (copied.reason === 'thrown') return { error: copied.error };
      const message = `arguments to ${name} exceed ${this.limits.maxTransferBytes} bytes`;
      return { error: ctx.newError({ name: 'RangeError', message }) };
    }
    let out: unknown;
    try {
      out = fn(...(copied.value as JsonValue[]));
    } catch {
      return this.capabilityFailed(ctx, name, 'threw');
    }
    if (isThenable(out)) return this.deferCapability(ctx, bridge, name, out);
    return this.deliver(ctx, bridge, name, out);
  }

  private deliver(ctx: QuickJSContext, bridge: Bridge, name: string, value: unknown): GuestReturn {
    const copied = bridge.copyIn(value, this.limits.maxTransferBytes);
    if (copied.ok) return copied.handle;
    if (copied.reason === 'too_large') {
      return this.capabilityFailed(ctx, name, `returned more than ${this.limits.maxTransferBytes} bytes`);
    }
    if (copied.reason === 'not_json')
      return this.capabilityFailed(ctx, name, 'returned a value that is not JSON');
    return { error: ctx.newError({ name: 'InternalError', message: 'out of memory' }) };
  }

  // A failing capability ends the run (the guest cannot catch its way past it): the host's tool broke,
  // and the caller must see that rather than whatever the guest improvised. Its message never carries
  // the host error's text, which may hold paths, hosts or secrets.
  private capabilityFailed(ctx: QuickJSContext, name: string, why: string): GuestReturn {
    this.abort ??= { kind: 'capability_error', message: `capability "${name}" ${why}` };
    return { error: ctx.newError({ name: 'Error', message: `capability "${name}" failed` }) };
  }

  private deferCapability(
    ctx: QuickJSContext,
    bridge: Bridge,
    name: string,
    pending: PromiseLike<unknown>,
  ): GuestReturn {
    const deferred = ctx.newPromise();
    this.deferreds.add(deferred);
    this.pendingHost++;
    const settle = (apply: () => void) => {
      this.pendingHost--;
      if (!this.finished && deferred.alive) {
        quietly(apply);
        this.deferreds.delete(deferred);
        quietly(() => deferred.dispose());
      }
      this.settledSinceWait = true;
      this.wakeUp?.();
    };
    Promise.resolve(pending).then(
      (value) =>
        settle(() => {
          const result = this.deliver(ctx, bridge, name, value);
          if ('error' in result) {
            deferred.reject(result.error);
            result.error.dispose();
          } else {
            deferred.resolve(result);
            result.dispose();
          }
        }),
      () =>
        settle(() => {
          const failure = this.capabilityFailed(ctx, name, 'rejected');
          if ('error' in failure) {
            deferred.reject(failure.error);
            failure.error.dispose();
          }
        }),
    );
    return deferred.handle;
  }

  /** Drives the guest's promise jobs until its completion value settles, the deadline passes or nothing can progress. */
  private async settle(
    rt: QuickJSRuntime,
    ctx: QuickJSContext,
    bridge: Bridge,
    value: QuickJSHandle,
  ): Promise<Outcome> {
    try {
      for (;;) {
        this.settledSinceWait = false;
        rt.executePendingJobs().dispose();
        if (this.abort) return { ok: false, error: this.abort };
        const state = ctx.getPromiseState(value);
        if (state.type === 'fulfilled') {
          try {
            return this.fromValue(ctx, bridge, state.value);
          } finally {
            if (!state.notAPromise) state.value.dispose();
          }
        }
        if (state.type === 'rejected') return this.fromThrown(ctx, state.error);
        if (this.pendingHost === 0) {
          return {
            ok: false,
            error: { kind: 'exception', message: 'the returned promise can never settle' },
          };
        }
        await this.waitForHost();
        if (!this.abort && performance.now() > this.deadline) this.abort = this.timeoutError();
        if (this.abort) return { ok: false, error: this.abort };
      }
    } finally {
      value.dispose();
    }
  }

  private waitForHost(): Promise<void> {
    const remaining = this.deadline - performance.now();
    if (this.settledSinceWait || remaining <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.ceil(remaining) + 1);
      this.wakeUp = done;
    });
  }

  private fromValue(ctx: QuickJSContext, bridge: Bridge, handle: QuickJSHandle): Outcome {
    if (this.abort) return { ok: false, error: this.abort };
    const copied = bridge.copyOut(handle, this.limits.maxOutputBytes - this.outputBytes);
    if (copied.ok) return { ok: true, value: copied.value };
    if (copied.reason === 'too_large') {
      const message = `the result exceeds the ${this.limits.maxOutputBytes}-byte output bound (console output included)`;
      return { ok: false, error: { kind: 'output_limit', message } };
    }
    const failure = this.fromThrown(ctx, copied.error); // a toJSON() past the deadline, out of stack or memory
    if (failure.ok || failure.error.kind !== 'exception') return failure;
    return {
      ok: false,
      error: { kind: 'invalid_result', message: `the result is not JSON: ${failure.error.message}` },
    };
  }

  private fromThrown(ctx: QuickJSContext, thrown: QuickJSHandle): Outcome {
    try {
      if (this.abort) return { ok: false, error: this.abort };
      if (performance.now() > this.deadline) return { ok: false, error: this.timeoutError() };
      // Checked before describing: reading name/message may run guest getters in a starved heap.
      if (this.engine.memoryExhausted()) return { ok: false, error: this.memoryError() };
      const message = describeThrown(ctx, thrown);
      if (this.abort) return { ok: false, error: this.abort }; // a name/message getter that ran past the deadline
      // QuickJS strings are ropes, so a doubling loop hits the 2^30-character cap before the heap ceiling.
      if (message === 'InternalError: out of memory' || message === 'InternalError: string too long')
        return { ok: false, error: this.memoryError() };
      if (message === 'InternalError: stack overflow') return { ok: false, error: this.stackError() };
      return { ok: false, error: { kind: 'exception', message } };
    } finally {
      thrown.dispose();
    }
  }

  // The library or the wasm instance itself threw: a host-stack overflow inside wasm, an engine abort.
  private hostFailure(e: unknown): SandboxError {
    if (this.abort) return this.abort;
    if (e instanceof RangeError && /call stack/i.test(e.message)) return this.stackError();
    if (this.engine.memoryExhausted()) return this.memoryError();
    if (performance.now() > this.deadline) return this.timeoutError();
    return engineFailure();
  }

  private memoryError(): SandboxError {
    return { kind: 'memory', message: `the code used more than ${this.limits.memoryBytes} bytes of memory` };
  }

  private stackError(): SandboxError {
    return { kind: 'stack', message: 'the code exceeded the maximum stack depth' };
  }
}

function engineFailure(): SandboxError {
  return { kind: 'exception', message: 'the sandbox engine failed while running the code' };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    (typeof v === 'object' || typeof v === 'function') &&
    v !== null &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // disposal of a broken engine; nothing to recover
  }
}
