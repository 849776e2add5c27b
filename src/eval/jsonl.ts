// Streaming JSONL reader with bounded lines: a malformed or oversized line is reported by number and skipped.
import { createReadStream } from 'node:fs';
import { RampartError } from '../core/errors.js';

export interface JsonlLine {
  line: number;
  value?: unknown;
  error?: string;
}

export async function* readJsonl(path: string, maxLineBytes: number): AsyncGenerator<JsonlLine> {
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    throw new RampartError('DATA_INVALID', `${path}: cannot read${code ? ` (${code})` : ''}`, { cause });
  }
  let n = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const finish = (): JsonlLine | undefined => {
    n++;
    const tooLong = overflow;
    const raw = tooLong ? '' : Buffer.concat(parts, size).toString('utf8');
    parts = [];
    size = 0;
    overflow = false;
    if (tooLong) return { line: n, error: `line is longer than ${maxLineBytes} bytes` };
    if (raw.trim() === '') return undefined;
    try {
      return { line: n, value: JSON.parse(raw) };
    } catch {
      return { line: n, error: 'not valid JSON' };
    }
  };
  // Split on '\n' by hand: readline would buffer an endless line whole; here a line past the bound is dropped.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, from)) {
      const end = nl === -1 ? chunk.length : nl;
      if (!overflow && end > from) {
        if (size + (end - from) > maxLineBytes) overflow = true;
        else {
          parts.push(chunk.subarray(from, end));
          size += end - from;
        }
      }
      if (nl === -1) break;
      const out = finish();
      if (out) yield out;
      from = nl + 1;
    }
  }
  if (size > 0 || overflow) {
    const out = finish();
    if (out) yield out;
  }
}

export async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) count++;
  }
  return count;
}
