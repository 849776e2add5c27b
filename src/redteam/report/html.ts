// report.html: ONE self-contained file — inline CSS and SVG, no script, no external resource, and a
// Content-Security-Policy that forbids loading anything, so a markdown image or <script> an attack put in a
// transcript can neither run nor phone home even if escaping were ever wrong. All text is escaped.
import type { CaseResult, TranscriptMessage } from '../runner-types.js';
import { escapeHtml as h } from '../../core/escape-markup.js';
import { renderAdaptiveHtml, renderBaselineHtml } from './adaptive.js';
import { pct, type Summary } from './summary.js';
import { barChart } from './svg-chart.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#57606a}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:110px}
.card b{display:block;font-size:20px}.bad b{color:#cf222e}.good b{color:#1a7f37}
.charts{display:flex;flex-wrap:wrap;gap:24px}
svg.chart .title{font-weight:600;font-size:13px}svg.chart .label,svg.chart .value{font-size:12px;fill:#1b1f24}
svg.chart .track{fill:#eaeef2}svg.chart .bar{fill:#8c959f}svg.chart .bar.hit{fill:#cf222e}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}details summary{cursor:pointer;color:#0969da}
.msg{margin:6px 0;padding:6px 8px;border-left:3px solid #d0d7de;background:#f6f8fa}
.msg .role{font-weight:600;font-size:12px;text-transform:uppercase;color:#57606a}
.msg pre{white-space:pre-wrap;word-break:break-word;margin:4px 0 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
.msg.assistant{border-color:#cf222e}.msg.blocked{border-color:#1a7f37}
`;

export function renderHtml(summary: Summary, results: readonly CaseResult[]): string {
  const wins = results.filter((r) => r.success);
  const asrClass = summary.asr > 0 ? 'bad' : 'good';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Rampart red-team report</title><style>${CSS}</style></head>
<body>
<h1>Rampart red-team report</h1>
<div class="meta">target <code>${h(summary.target)}</code> · seed ${h(String(summary.seed ?? '-'))} · plan ${h(summary.plan ?? 'default')}</div>
<div class="cards">
<div class="card ${asrClass}" id="asr"><b>${pct(summary.asr)}</b>attack success rate</div>
<div class="card"><b>${summary.attacks}</b>attacks</div>
<div class="card"><b>${summary.successes}</b>succeeded</div>
<div class="card"><b>${summary.blocked}</b>blocked</div>
<div class="card"><b>${summary.errors}</b>errors</div>
</div>
<p class="meta">ASR = ${h(summary.asr_definition)}.</p>
<h2>Attack success rate</h2>
<div class="charts">
<figure id="chart-category">${barChart('ASR by category', summary.by_category)}</figure>
<figure id="chart-mutator">${barChart('ASR by mutator', summary.by_mutator)}</figure>
<figure id="chart-turns">${barChart('ASR by number of turns', summary.by_turns)}</figure>
</div>
${summary.adaptive ? renderAdaptiveHtml(summary.adaptive) : ''}
${summary.baseline ? renderBaselineHtml(summary.baseline) : ''}
<h2>Successful attacks (${wins.length})</h2>
${wins.length === 0 ? '<p id="no-successes">No attack succeeded.</p>' : successTable(wins)}
</body></html>
`;
}

/** The table lists at most this many successful attacks (results.jsonl has them all). */
const MAX_ROWS = 1000;

function successTable(all: readonly CaseResult[]): string {
  const wins = all.slice(0, MAX_ROWS);
  const more =
    all.length > wins.length ? `<p class="meta">${all.length - wins.length} more in results.jsonl.</p>` : '';
  const rows = wins.map(
    (r) => `<tr class="success" data-id="${h(r.id)}">
<td><code>${h(r.id)}</code></td><td>${h(r.category)}</td><td>${h(r.title)}</td>
<td>${h(r.mutators.join(', ') || 'none')}</td><td>${h(r.strategy)}</td><td>${r.turns}</td><td>${h(r.reason)}</td>
<td><details><summary>transcript (${r.transcript.length} messages)</summary>${r.transcript.map(message).join('')}</details></td>
</tr>`,
  );
  return `<table id="successes"><thead><tr><th>case</th><th>category</th><th>attack</th><th>mutators</th><th>strategy</th><th>turns</th><th>judge</th><th>transcript</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>${more}`;
}

function message(m: TranscriptMessage): string {
  const calls = (m.tool_calls ?? []).map((t) => `\n→ ${t.function.name}(${t.function.arguments})`).join('');
  const cls = `msg ${h(m.role)}${m.blocked ? ' blocked' : ''}`;
  const role = m.blocked ? `${m.role} (blocked${m.blockedBy ? `: ${m.blockedBy}` : ''})` : m.role;
  return `<div class="${cls}"><div class="role">${h(role)}</div><pre>${h(m.content + calls)}</pre></div>`;
}
