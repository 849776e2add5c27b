// The self-contained HTML report of a folder scan: one file, no script, a CSP that loads nothing, and every
// value escaped (paths, categories and messages come from hostile documents' names and findings).
import { escapeHtml as h } from '../../core/escape-markup.js';
import type { FolderReport } from './folder.js';
import type { Location } from './types.js';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
.allow{color:#1a7f37}.flag{color:#9a6700}.redact,.require_approval,.block{color:#cf222e;font-weight:600}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:20px}code{font-size:12px}`;

export const formatLocation = (l: Location): string =>
  [
    l.page !== undefined ? `page ${l.page}` : '',
    l.cell ?? '',
    l.image !== undefined ? `image ${l.image}` : '',
    l.element ?? '',
    l.field ? `field ${l.field}` : '',
  ]
    .filter(Boolean)
    .join(', ') || 'document';

export function renderIngestHtml(report: FolderReport, title = 'Rampart ingestion report'): string {
  const s = report.summary;
  const cards = [
    ['documents', s.documents],
    ['allowed', s.byAction.allow ?? 0],
    ['flagged or worse', s.documents - (s.byAction.allow ?? 0)],
    ['unreadable', s.unreadable],
    ['near-duplicate pairs', report.nearDuplicates.length],
    ['outliers', report.outliers.length],
    ['OCR ms / image', s.ocrMsPerImage ? `${s.ocrMsPerImage.mean} (max ${s.ocrMsPerImage.max})` : '-'],
  ]
    .map(([k, v]) => `<div class="card"><b>${h(String(v))}</b>${h(String(k))}</div>`)
    .join('');
  const rows = report.documents
    .map((d) => {
      const findings = d.findings
        .map(
          (f) =>
            `<div><span class="${h(f.action)}">${h(f.action)}</span> <code>${h(f.category)}</code> ` +
            `${h(f.score.toFixed(2))} · ${h(formatLocation(f.location))} · ${h(f.message)}</div>`,
        )
        .join('');
      return `<tr><td><code>${h(d.path)}</code></td><td>${h(d.format)}</td><td class="${h(d.action)}">${h(d.action)}</td><td>${findings || '-'}</td></tr>`;
    })
    .join('\n');
  const list = (items: string[]): string => (items.length ? `<ul>${items.join('')}</ul>` : '<p>none</p>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${CSS}</style></head><body>
<h1>${h(title)}</h1>
<div class="cards">${cards}</div>
<h2>Documents</h2>
<table><thead><tr><th>path</th><th>format</th><th>action</th><th>findings</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Near-duplicates</h2>
${list(report.nearDuplicates.map((p) => `<li><code>${h(p.a)}</code> ≈ <code>${h(p.b)}</code> (${h(p.similarity.toFixed(2))})</li>`))}
<h2>Outliers</h2>
${list(report.outliers.map((o) => `<li><code>${h(o.id)}</code>: ${h(o.reason)}</li>`))}
<h2>Quarantined</h2>
${list(report.quarantined.map((q) => `<li><code>${h(q.path)}</code> → <code>${h(q.to)}</code>: ${h(q.reasons.join('; '))}</li>`))}
</body></html>
`;
}
