// The README's RAG example, end to end through the public `rampart/rag` API: store → retrieve for a
// principal → spotlighted prompt → (model) → grounding check. The model here is rampart-local's stand-in
// answer written out, since the point is the path, not the model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildSpotlightedPrompt,
  checkGrounding,
  openChunkStore,
  toUntrustedDocuments,
} from '../../src/rag/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-rag-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rampart/rag end to end', () => {
  it('retrieves only the principal’s chunks, spotlights them with provenance, and checks the answer’s citations', async () => {
    const store = await openChunkStore({ dir });
    await store.addDocument({
      docId: 'handbook.md',
      tenant: 'acme',
      groups: ['staff'],
      text: 'Employees receive 25 days of paid leave each year.',
      ingest: 'allow',
    });
    await store.addDocument({
      docId: 'globex-handbook.md',
      tenant: 'globex',
      text: 'Employees receive 40 days of paid leave each year.',
    });

    const { chunks, refused } = await store.retrieve(
      { tenant: 'acme', groups: ['staff'] },
      'paid leave days',
    );
    expect(refused).toEqual([]);
    expect(chunks.map((c) => c.provenance.doc)).toEqual(['handbook.md']);

    const prompt = buildSpotlightedPrompt(
      {
        system: 'Answer from the documents.',
        question: 'How much leave do I get?',
        documents: toUntrustedDocuments(chunks),
      },
      { mode: 'datamark' },
    );
    expect(prompt.messages[1]!.content).toContain('"doc":"handbook.md"');
    expect(prompt.messages[1]!.content).toContain(`Employees${prompt.spotlight.marker}receive`);

    const sources = chunks.map((c, i) => ({ cite: prompt.spotlight.cites[i]!, text: c.text }));
    expect(checkGrounding('You get 25 days of paid leave each year [S1].', sources).grounded).toBe(true);
    // The other tenant's figure, or a citation to a chunk that was never retrieved, is caught.
    expect(checkGrounding('You get 40 days of paid leave each year [S1].', sources).grounded).toBe(false);
    expect(checkGrounding('You get 25 days of paid leave each year [S2].', sources).unknownCitations).toEqual(
      ['S2'],
    );
    store.close();
  });
});
