// Escaping for HTML and XML reports (red team, ingestion). Attack, target and document text is hostile by
// definition: everything that reaches HTML or XML goes through these, and characters XML 1.0 forbids are replaced
// (a parser would reject them).
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function escapeXml(s: string): string {
  return s
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

/** HTML text and attribute values (same rules; `&#39;` for HTML4 readers). */
export const escapeHtml = (s: string): string => escapeXml(s).replace(/&apos;/gu, '&#39;');
