// One bounded read of a web byte stream (request bodies, upstream and embedder responses): the stream is
// cancelled at the limit, never buffered whole. Callers turn "too large" into their own error.

/**
 * Reads `stream` to the end, or stops at `maxBytes`: returns the bytes, or `undefined` when the stream held
 * more than `maxBytes` (it is cancelled then; a cancel that fails is ignored, the read is already over).
 * A missing stream is an empty body.
 */
export async function readStreamBounded(
  stream: ReadableStream<Uint8Array> | null | undefined,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** readStreamBounded, decoded as UTF-8 (invalid sequences become U+FFFD, as Response.text() does). */
export async function readStreamBoundedText(
  stream: ReadableStream<Uint8Array> | null | undefined,
  maxBytes: number,
): Promise<string | undefined> {
  const bytes = await readStreamBounded(stream, maxBytes);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}
