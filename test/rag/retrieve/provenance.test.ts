import { describe, expect, it } from 'vitest';
import { toUntrustedDocuments, type RetrievedChunk } from '../../../src/rag/retrieve/provenance.js';

describe('toUntrustedDocuments', () => {
  it('labels chunks S1…Sn in rank order and carries document, chunk, hash and ingest decision', () => {
    const chunk = (doc: string, n: number): RetrievedChunk => ({
      id: `${doc}#${n}`,
      text: `text of ${doc}`,
      distance: 0.1,
      acl: { tenant: 't', groups: [], classification: 'internal' },
      provenance: { doc, chunk: n, sha256: 'a'.repeat(64), docSha256: 'b'.repeat(64), ingest: 'flag' },
    });
    expect(toUntrustedDocuments([chunk('x', 0), chunk('y', 3)])).toEqual([
      {
        text: 'text of x',
        cite: 'S1',
        provenance: { doc: 'x', chunk: 0, sha256: 'a'.repeat(64), ingest: 'flag' },
      },
      {
        text: 'text of y',
        cite: 'S2',
        provenance: { doc: 'y', chunk: 3, sha256: 'a'.repeat(64), ingest: 'flag' },
      },
    ]);
  });
});
