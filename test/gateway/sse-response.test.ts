// The stall guard of a streamed answer: only a frame the client leaves untaken counts, never the time the
// gateway waits for the upstream, and a client that keeps taking frames, however slowly, is never dropped.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { sseResponse } from '../../src/gateway/chat/sse-response.js';

async function* frames(count: number, gapMs = 0): AsyncGenerator<string, void, void> {
  for (let i = 0; i < count; i++) {
    if (gapMs > 0) await sleep(gapMs);
    yield `data: ${i}\n\n`;
  }
}

async function readAll(res: Response, pauseMs = 0): Promise<string> {
  const reader = res.body!.getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
    if (pauseMs > 0) await sleep(pauseMs);
  }
}

describe('sseResponse stall guard', () => {
  it('does not count the time spent waiting for the next frame (the upstream)', async () => {
    const onStall = vi.fn();
    const text = await readAll(sseResponse(frames(3, 400), {}, undefined, { ms: 200, onStall }));
    expect(text).toBe('data: 0\n\ndata: 1\n\ndata: 2\n\n');
    expect(onStall).not.toHaveBeenCalled();
  });

  it('never drops a client that takes every frame within the limit, however slowly', async () => {
    const onStall = vi.fn();
    // 20 frames, 60 ms each: longer than the limit in all, never one frame.
    const text = await readAll(sseResponse(frames(20), {}, undefined, { ms: 1000, onStall }), 60);
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(20);
    expect(onStall).not.toHaveBeenCalled();
  });

  it('calls onStall once when a frame is left untaken past the limit', async () => {
    const onStall = vi.fn();
    const cancelled = vi.fn();
    const res = sseResponse(frames(1_000_000), {}, cancelled, { ms: 100, onStall });
    const reader = res.body!.getReader();
    await reader.read(); // one frame, then the client stops reading
    await vi.waitFor(() => expect(onStall).toHaveBeenCalledTimes(1), { timeout: 2000 });
    await sleep(300);
    expect(onStall).toHaveBeenCalledTimes(1);
    await reader.cancel(); // what dropping the connection leads to: the stream is cancelled
    expect(cancelled).toHaveBeenCalledTimes(1);
  });
});
