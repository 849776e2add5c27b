// Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (an upstream, or Rampart's own gateway,
// which scans the input). Bounded: a time limit per call, a byte cap on the answer, and the answer is
// checked (one vector per input, the configured length, finite numbers) before anything is stored.
import { z } from 'zod';
import { readStreamBoundedText } from '../../core/bounded-stream.js';
import { RampartError } from '../../core/errors.js';
import type { Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  /** Base URL up to and including `/v1`, e.g. `http://127.0.0.1:8787/v1`. */
  baseUrl: string;
  model: string;
  dim: number;
  /** Sent as `Authorization: Bearer`; read it from the environment or a file, never from config text. */
  apiKey?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Inputs per request. */
  batch?: number;
}

const Answer = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

export function openAIEmbedder(o: OpenAIEmbedderOptions): Embedder {
  let base = o.baseUrl;
  while (base.endsWith('/')) base = base.slice(0, -1);
  const url = `${base}/embeddings`;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const maxBytes = o.maxResponseBytes ?? 64 * 1024 * 1024;
  const batch = o.batch ?? 64;
  const fail = (why: string, cause?: unknown): never => {
    throw new RampartError('EMBEDDING_FAILED', `embeddings endpoint ${why}`, { cause });
  };

  async function call(inputs: readonly string[]): Promise<number[][]> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: o.model, input: inputs }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      return fail(`could not be reached or did not answer within ${timeoutMs} ms`, e);
    }
    if (!res.ok) {
      await res.body?.cancel();
      return fail(`answered HTTP ${res.status}`);
    }
    const text = await readBounded(res, maxBytes).catch((e: unknown) =>
      e instanceof RampartError ? Promise.reject(e) : fail('broke off its answer', e),
    );
    let parsed: z.infer<typeof Answer>;
    try {
      parsed = Answer.parse(JSON.parse(text));
    } catch {
      return fail('answered something that is not an embeddings list');
    }
    const out: number[][] = new Array<number[]>(inputs.length);
    for (const d of parsed.data) {
      if (d.index >= inputs.length || out[d.index]) return fail('answered an index twice or out of range');
      if (d.embedding.length !== o.dim || !d.embedding.every(Number.isFinite))
        return fail(`answered a vector that is not ${o.dim} finite numbers`);
      out[d.index] = d.embedding;
    }
    for (let i = 0; i < inputs.length; i++) if (!out[i]) return fail('answered fewer vectors than inputs');
    return out;
  }

  async function readBounded(res: Response, max: number): Promise<string> {
    const text = await readStreamBoundedText(res.body, max);
    return text ?? fail(`answered more than ${max} bytes`);
  }

  return {
    dim: o.dim,
    id: `openai:${o.model}:${o.dim}`,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batch) out.push(...(await call(texts.slice(i, i + batch))));
      return out;
    },
  };
}
