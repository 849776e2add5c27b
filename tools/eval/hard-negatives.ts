// False positives on hard negatives (issue 5: FPR <= 2%), by kind: benign text that looks like an attack to
// a keyword or n-gram detector. Computed from the per-row results of the dev runs that `npm run eval` already
// makes (user text, and documents as untrusted text), so it costs no extra scanning.
import type { RowResult } from '../../src/eval/injection-eval.js';

interface Kind {
  name: string;
  /** Which run the kind is read from: the prompt run (user text) or the document run (untrusted text). */
  run: 'user' | 'untrusted';
  test: (r: RowResult) => boolean;
}

const KINDS: readonly Kind[] = [
  {
    name: 'attack vocabulary used harmlessly, en + 20 languages',
    run: 'user',
    test: (r) => /rampart\/synthetic:(ml-)?hard-negative/u.test(r.source),
  },
  { name: 'harmless role-play requests', run: 'user', test: (r) => /GPTeacher:Roleplay/u.test(r.source) },
  { name: 'code tasks and code answers', run: 'user', test: (r) => /GPTeacher:Codegen/u.test(r.source) },
  {
    name: 'prompts with task templates (T0)',
    run: 'user',
    test: (r) => /self-instruct:data\/finetuning/u.test(r.source),
  },
  { name: 'benign text not in English (all sources)', run: 'user', test: (r) => r.lang !== 'en' },
  {
    name: 'documents with reader-directed imperatives',
    run: 'untrusted',
    test: (r) => r.source.includes('+benign-imperative'),
  },
  {
    name: 'e-mails, web pages, tool results (clean)',
    run: 'untrusted',
    test: (r) => /\((email|web-page|inbox-tool-result|tool-output|tool-result|table)\)$/u.test(r.source),
  },
  {
    name: 'library and how-to docs (fastify, zod, hono, tldr)',
    run: 'untrusted',
    test: (r) => /fastify|colinhacks\/zod|honojs|tldr-pages/u.test(r.source),
  },
];

export interface HardNegativeRow {
  kind: string;
  trust: 'user' | 'untrusted';
  rows: number;
  flagged: number;
  fpr: number;
}

export function hardNegatives(
  user: readonly RowResult[],
  untrusted: readonly RowResult[],
): HardNegativeRow[] {
  return KINDS.map((k) => {
    const rows = (k.run === 'user' ? user : untrusted).filter((r) => !r.positive && k.test(r));
    const flagged = rows.filter((r) => r.predicted).length;
    return {
      kind: k.name,
      trust: k.run,
      rows: rows.length,
      flagged,
      fpr: rows.length ? flagged / rows.length : 0,
    };
  });
}

export function formatHardNegatives(rows: readonly HardNegativeRow[]): string {
  const lines = [
    `${'hard negatives (benign rows of dev)'.padEnd(56)} ${'scanned as'.padEnd(10)} ${'rows'.padStart(5)} ${'flagged'.padStart(8)} ${'FPR'.padStart(7)}`,
  ];
  for (const r of rows)
    lines.push(
      `${r.kind.padEnd(56)} ${r.trust.padEnd(10)} ${String(r.rows).padStart(5)} ${String(r.flagged).padStart(8)} ${`${(r.fpr * 100).toFixed(1)}%`.padStart(7)}`,
    );
  return lines.join('\n');
}
