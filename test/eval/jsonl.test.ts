import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLines, readJsonl } from '../../src/eval/jsonl.js';

const file = (content: string): string => {
  const f = join(mkdtempSync(join(tmpdir(), 'rampart-jsonl-')), 'd.jsonl');
  writeFileSync(f, content);
  return f;
};

const collect = async (path: string, max = 1000) => {
  const out = [];
  for await (const l of readJsonl(path, max)) out.push(l);
  return out;
};

describe('readJsonl', () => {
  it('yields values with line numbers and reports malformed and overlong lines', async () => {
    const f = file(`{"a":1}\nnot json\n\n${JSON.stringify({ t: 'x'.repeat(50) })}\r\n{"b":2}`);
    const lines = await collect(f, 40);
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'not valid JSON' },
      { line: 4, error: 'line is longer than 40 bytes' },
      { line: 5, value: { b: 2 } },
    ]);
    expect(await countLines(f)).toBe(4);
  });

  it('keeps multi-byte characters split across read chunks intact', async () => {
    const text = 'ж'.repeat(70_000);
    const lines = await collect(file(`${JSON.stringify({ text })}\n`), 1_000_000);
    expect((lines[0]?.value as { text: string }).text).toBe(text);
  });

  it('throws DATA_INVALID for a missing file', async () => {
    await expect(collect('/nonexistent/x.jsonl')).rejects.toMatchObject({
      name: 'RampartError',
      code: 'DATA_INVALID',
    });
  });
});
