import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStreamBounded, readStreamBoundedText } from '../../src/core/bounded-stream.js';

/** A real web stream that hands out `chunks` one pull at a time and records whether it was cancelled. */
function streamOf(chunks: Uint8Array[]): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

describe('readStreamBounded', () => {
  it('returns every byte in order when the stream fits, and undefined (stream cancelled) when it does not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }),
        fc.nat({ max: 400 }),
        async (chunks, max) => {
          const total = chunks.reduce((n, c) => n + c.byteLength, 0);
          const { stream, cancelled } = streamOf(chunks);
          const out = await readStreamBounded(stream, max);
          if (total <= max) {
            expect(out).toEqual(Uint8Array.from(chunks.flatMap((c) => [...c])));
            expect(cancelled()).toBe(false);
          } else {
            expect(out).toBeUndefined();
            expect(cancelled()).toBe(true);
          }
        },
      ),
    );
  });

  it('stops reading at the limit instead of draining an endless stream', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readStreamBounded(endless, 10_000)).toBeUndefined();
    expect(pulls).toBeLessThan(20);
  });

  it('treats a missing stream as an empty body', async () => {
    expect(await readStreamBounded(null, 0)).toEqual(new Uint8Array());
    expect(await readStreamBoundedText(undefined, 0)).toBe('');
  });

  it('decodes UTF-8 split across chunks, and counts bytes, not characters', async () => {
    const bytes = new TextEncoder().encode('héllo ✓');
    const { stream } = streamOf([bytes.subarray(0, 2), bytes.subarray(2)]);
    expect(await readStreamBoundedText(stream, bytes.byteLength)).toBe('héllo ✓');
    expect(await readStreamBoundedText(streamOf([bytes]).stream, bytes.byteLength - 1)).toBeUndefined();
  });
});
