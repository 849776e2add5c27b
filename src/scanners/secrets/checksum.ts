// CRC32 (IEEE 802.3, the zlib polynomial) and the base62 encoding GitHub and npm use for the 6-character
// checksum at the end of their tokens. A checksum, not cryptography: it only tells a real token from a typo
// or an invented look-alike. Node 20 has no zlib.crc32, hence the table.

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC32 of the UTF-8 bytes of `s` (token bodies are ASCII, so one byte per code unit). */
export function crc32(s: string): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (const byte of Buffer.from(s, 'utf8')) c = t[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  while (v > 0) {
    s = B62[v % 62]! + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/**
 * GitHub-style token checksum: `<prefix>_<30 random base62><base62(crc32(random), 6)>`.
 * Used by ghp_/gho_/ghu_/ghs_/ghr_ and by npm_ tokens.
 */
export function hasCrc32Base62Checksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
