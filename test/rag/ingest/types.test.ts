import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_LIMITS } from '../../../src/rag/ingest/types.js';

describe('ingest defaults', () => {
  it('bounds every document as the README says: 20 MiB, 200 pages, 20 images, 30 s of OCR, 2 M characters', () => {
    expect(DEFAULT_INGEST_LIMITS).toEqual({
      maxBytes: 20 * 1024 * 1024,
      maxPages: 200,
      maxImages: 20,
      ocrBudgetMs: 30_000,
      maxTextChars: 2_000_000,
    });
  });
});
