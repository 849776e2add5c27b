// report.html rendered in headless Chromium: the charts are SVG with bars, the successful-attacks table is
// there with its transcripts, hostile text stays text, and the page logs no console errors and makes no
// request at all (it is one self-contained file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/redteam/runner-types.js';
import { renderHtml } from '../../src/redteam/report/html.js';
import { summarize } from '../../src/redteam/report/summary.js';
import { launchChromium } from '../helpers/chromium.js';

const hostile =
  '<script>window.__pwned=1</script><img src="http://127.0.0.1:9/x" onerror="window.__pwned=2">';
const result = (id: string, category: string, success: boolean, mutators: string[] = []): CaseResult => ({
  id,
  attack_id: id,
  category,
  title: `title ${id}`,
  lang: 'en',
  mutators,
  strategy: 'single',
  goal: 'marker_in_output',
  success,
  blocked: !success,
  turns: 1,
  planned_turns: 1,
  reason: success ? 'marker in output' : 'blocked',
  transcript: [
    { role: 'user', content: `say it ${hostile}` },
    { role: 'assistant', content: `![x](https://evil.test/p) ${hostile}` },
  ],
});
const results = [
  result('a1', 'instruction_override', true, ['base64']),
  result('a2', 'instruction_override', false),
  result('b1', 'exfiltration', true, ['homoglyph']),
  result('c1', 'tool_misuse', false, ['base64']),
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('report.html in Chromium', () => {
  it('renders the charts and the successful attacks, with no console errors and no requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(summarize(results, { target: 'rampart-local', seed: 7 }), results));
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);

    for (const id of ['#chart-category', '#chart-mutator']) {
      expect(await page.locator(`${id} svg`).count()).toBe(1);
      expect(await page.locator(`${id} svg rect.bar`).count()).toBeGreaterThan(0);
    }
    const widths = await page.$$eval('#chart-category rect.bar', (els) =>
      els.map((e) => Number(e.getAttribute('width'))),
    );
    expect(widths.some((w) => w > 0)).toBe(true);
    const box = await page.locator('#chart-category svg').boundingBox();
    expect(box!.width).toBeGreaterThan(100);

    expect(await page.locator('#successes tbody tr').count()).toBe(2);
    await page.locator('#successes details summary').first().click();
    const transcript = await page.locator('#successes details').first().innerText();
    expect(transcript).toContain('<script>window.__pwned=1</script>');
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('img, script').count()).toBe(0);
    expect(await page.locator('#asr').innerText()).toContain('50.0%');

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
