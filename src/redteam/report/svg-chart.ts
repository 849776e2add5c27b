// A horizontal bar chart as inline SVG: one bar per key, its length the ASR. No script, no external
// font or stylesheet, so the report renders anywhere (and offline).
import { escapeHtml } from '../../core/escape-markup.js';
import type { Bucket } from './summary.js';

const ROW = 26;
const LABEL_W = 200;
const BAR_W = 360;
const PAD = 8;

export function barChart(title: string, buckets: Record<string, Bucket>): string {
  const entries = Object.entries(buckets);
  const height = PAD * 2 + Math.max(1, entries.length) * ROW + 20;
  const width = LABEL_W + BAR_W + 130;
  const rows = entries.map(([key, b], i) => {
    const y = PAD + 20 + i * ROW;
    const w = Math.round(b.asr * BAR_W);
    const label = key.length > 28 ? `${key.slice(0, 27)}…` : key;
    return (
      `<g class="row" data-key="${escapeHtml(key)}">` +
      `<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(label)}</text>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${BAR_W}" height="${ROW - 8}" class="track"/>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${w}" height="${ROW - 8}" class="bar${b.asr > 0 ? ' hit' : ''}">` +
      `<title>${escapeHtml(`${key}: ${b.successes}/${b.ran} (${(b.asr * 100).toFixed(1)}%)`)}</title></rect>` +
      `<text x="${LABEL_W + BAR_W + 8}" y="${y + 15}" class="value">${(b.asr * 100).toFixed(1)}% (${b.successes}/${b.ran})</text>` +
      `</g>`
    );
  });
  const empty = entries.length === 0 ? `<text x="${PAD}" y="${PAD + 36}" class="label">no data</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeHtml(title)}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text x="${PAD}" y="${PAD + 10}" class="title">${escapeHtml(title)}</text>${rows.join('')}${empty}</svg>`
  );
}
