// Small text helpers shared by the extractors.

/** Whitespace runs to one space, trimmed. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Bytes of a base64 `data:image/...` URI; undefined for any other URI. */
export function dataUriImage(src: string): Uint8Array | undefined {
  const s = src.trim();
  if (!s.toLowerCase().startsWith('data:image/')) return undefined;
  const comma = s.indexOf(',');
  if (comma < 0 || !s.slice(0, comma).toLowerCase().endsWith(';base64')) return undefined;
  const bytes = Buffer.from(s.slice(comma + 1), 'base64');
  return bytes.length > 0 ? new Uint8Array(bytes) : undefined;
}
