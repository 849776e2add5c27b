import { describe, expect, it } from 'vitest';
import { hashingEmbedder, hashingVector } from '../../../src/rag/retrieve/embedder.js';

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('hashingEmbedder', () => {
  it('is deterministic, unit length and of the configured size', async () => {
    const e = hashingEmbedder(128);
    const [a, b] = await e.embed(['Refund policy', 'Refund policy']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(128);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    expect(e.id).toBe('hashing-v1-128');
  });
  it('ranks shared vocabulary (and word forms, via trigrams) above unrelated text', () => {
    const q = hashingVector('refund policy', 256);
    const near = hashingVector('Our refunds policy: 30 days', 256);
    const far = hashingVector('The office opens at nine', 256);
    expect(cos(q, near)).toBeGreaterThan(cos(q, far) + 0.3);
  });
  it('gives the zero vector for text without words', () => {
    expect(hashingVector('  ...  ', 8)).toEqual(new Array(8).fill(0));
  });
});
