// Bounded reads for the CLI: a file or stdin is read up to a byte limit, never whole and unbounded.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { RampartError } from '../core/errors.js';

export async function readBounded(stream: Readable, maxBytes: number, label: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      stream.destroy();
      throw new RampartError('INPUT_TOO_LARGE', `${label} is larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readInput(
  file: string | undefined,
  maxBytes: number,
  stdin: Readable,
): Promise<string> {
  if (file === undefined || file === '-') return readBounded(stdin, maxBytes, 'standard input');
  const stream = createReadStream(file);
  try {
    return await readBounded(stream, maxBytes, file);
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    const code = (cause as NodeJS.ErrnoException)?.code;
    throw new RampartError('INPUT_INVALID', `${file}: cannot read${code ? ` (${code})` : ''}`, { cause });
  }
}
