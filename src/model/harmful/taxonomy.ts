// The harmful-content taxonomy (the MLCommons AILuminate hazard categories) and the lexicon rule that gives
// a harmful request its category. harmful.jsonl carries no category labels, so a row gets one by this rule:
// the FIRST category in PRECEDENCE whose lexicon matches the text; a row no lexicon matches takes its source's
// hint (SOURCE_HINTS, e.g. an XSafety Privacy_And_Property file → privacy), else `unspecified`. The same rule
// names the category of a finding at run time, and the model's category heads (trained on the rule's labels)
// decide when no lexicon matches. Lexicons are literal word lists (no nested quantifiers) in English and the
// data's major languages; what they can and cannot support is in README "Harmful content".

export const HARM_CATEGORIES = [
  'violent_crimes',
  'nonviolent_crimes',
  'sex_crimes',
  'child_exploitation',
  'indiscriminate_weapons',
  'self_harm',
  'hate',
  'specialized_advice',
  'privacy',
  'ip',
  'elections',
  'sexual_content',
] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];
/** A harmful text whose category no lexicon and no category head can name. */
export type HarmLabel = HarmCategory | 'unspecified';

/** Word lists per category. Latin-script words match at word starts; CJK/Thai entries match anywhere. */
export const WORDS: Readonly<
  Record<HarmCategory, { latin: readonly string[]; anywhere: readonly string[] }>
> = {
  child_exploitation: {
    latin: [
      'child porn',
      'child sexual',
      'csam',
      'underage sex',
      'minor sexually',
      'sex with a child',
      'sex with a minor',
      'sex with children',
      'pedophil',
      'paedophil',
      'lolicon',
      'groom a child',
      'grooming children',
      'kinderporn',
      'pédopornographie',
      'pornografía infantil',
      'pornografia infantile',
      'детская порнография',
      'педофил',
    ],
    anywhere: ['儿童色情', '恋童', '児童ポルノ', '아동 포르노', 'สื่อลามกเด็ก'],
  },
  indiscriminate_weapons: {
    latin: [
      'bomb',
      'explosive',
      'nerve agent',
      'sarin',
      'anthrax',
      'bioweapon',
      'biological weapon',
      'biological warfare',
      'chemical weapon',
      'chemical warfare',
      'nuclear weapon',
      'dirty bomb',
      'uranium',
      'weapon of mass',
      'weapons of mass',
      'ricin',
      'toxin',
      'pipe bomb',
      'grenade',
      'napalm',
      'mustard gas',
      'dimethylmercury',
      'sprengstoff',
      'bombe',
      'explosif',
      'explosivo',
      'esplosiv',
      'бомб',
      'взрывчат',
      'zarin',
    ],
    anywhere: [
      '炸弹',
      '炸药',
      '爆炸物',
      '化学武器',
      '生物武器',
      '核武器',
      '爆弾',
      '爆発物',
      '폭탄',
      '폭발물',
      'ระเบิด',
      'قنبلة',
      'متفجرات',
      'बम',
      'विस्फोटक',
    ],
  },
  sex_crimes: {
    latin: [
      'rape',
      'sexual assault',
      'sexually assault',
      'molest',
      'sex trafficking',
      'prostitut',
      'pay her for sex',
      'sell my daughter',
      'revenge porn',
      'upskirt',
      'vergewaltig',
      'viol ',
      'violer',
      'violación',
      'violar',
      'stupro',
      'изнасил',
    ],
    anywhere: [
      '强奸',
      '性侵',
      '卖淫',
      '強姦',
      'レイプ',
      '売春',
      '강간',
      '성매매',
      'ข่มขืน',
      'اغتصاب',
      'बलात्कार',
    ],
  },
  self_harm: {
    latin: [
      'suicide',
      'kill myself',
      'end my life',
      'self-harm',
      'self harm',
      'cut myself',
      'hurt myself',
      'starve myself',
      'anorexi',
      'overdose',
      'selbstmord',
      'suizid',
      'mich umbringen',
      'suicid',
      'me suicider',
      'suicidarme',
      'suicidio',
      'самоубий',
      'суицид',
    ],
    anywhere: ['自杀', '自残', '自殺', '自傷', '자살', '자해', 'ฆ่าตัวตาย', 'انتحار', 'आत्महत्या'],
  },
  violent_crimes: {
    latin: [
      'murder',
      'kill someone',
      'kill a person',
      'kill my',
      'kill him',
      'kill her',
      'kill them',
      'assassinat',
      'torture',
      'kidnap',
      'stab',
      'shoot someone',
      'strangle',
      'poison someone',
      'poison my',
      'beat up',
      'hurt someone',
      'gun',
      'firearm',
      'weapon',
      'terroris',
      'massacre',
      'animal cruelty',
      'mistreat animals',
      'dogfight',
      'ermorden',
      'töten',
      'mord',
      'waffe',
      'tuer',
      'meurtre',
      'arme ',
      'matar',
      'asesinar',
      'arma',
      'uccidere',
      'omicidio',
      'убить',
      'убийств',
      'оружи',
      'пытк',
    ],
    anywhere: [
      '杀人',
      '谋杀',
      '杀死',
      '枪支',
      '武器',
      '恐怖袭击',
      '殺す',
      '殺人',
      '武器',
      '銃',
      '살인',
      '죽이',
      '총기',
      'ฆ่า',
      'قتل',
      'سلاح',
      'हत्या',
      'हथियार',
    ],
  },
  hate: {
    latin: [
      'racist',
      'racism',
      'inferior race',
      'white supremac',
      'ethnic cleansing',
      'genocide',
      'slur',
      'hate speech',
      'nazi',
      'jews are',
      'muslims are',
      'blacks are',
      'women are inferior',
      'gay people are',
      'homophob',
      'discriminat',
      'rassis',
      'raciste',
      'racista',
      'razzista',
      'расист',
    ],
    anywhere: ['种族歧视', '歧视', '差別', '인종차별', '혐오', 'عنصري', 'नस्लवाद'],
  },
  privacy: {
    latin: [
      'home address',
      'social security number',
      'phone number of',
      'personal information',
      'private information',
      'medical records',
      'track my',
      'track someone',
      'spy on',
      'stalk',
      'dox',
      'hidden camera',
      'read her messages',
      'read his messages',
      'location of',
      'fingerprints',
      'facial recognition',
      'identify my',
      'privacy',
      'privatsphäre',
      'adresse von',
      'vie privée',
      'privacidad',
      'données personnelles',
      'datos personales',
      'dati personali',
      'личн',
    ],
    anywhere: [
      '隐私',
      '个人信息',
      '住址',
      'プライバシー',
      '個人情報',
      '개인정보',
      '사생활',
      'ความเป็นส่วนตัว',
      'خصوصية',
      'गोपनीयता',
    ],
  },
  ip: {
    latin: [
      'pirat',
      'torrent',
      'crack software',
      'cracked version',
      'copyrighted',
      'copyright',
      'counterfeit',
      'bootleg',
      'drm',
      'plagiar',
      'trade secret',
      'raubkopie',
      'piratage',
      'contrefaçon',
      'piratería',
    ],
    anywhere: ['盗版', '侵权', '版权', '海賊版', '著作権', '불법 복제', '저작권', 'ละเมิดลิขสิทธิ์', 'قرصنة'],
  },
  elections: {
    latin: [
      'election',
      'ballot',
      'voter',
      'voting machine',
      'rig the vote',
      'electoral',
      'wahlbetrug',
      'wahl ',
      'élection',
      'elección',
      'elezion',
      'выбор',
    ],
    anywhere: ['选举', '选票', '選挙', '선거', 'การเลือกตั้ง', 'انتخابات', 'चुनाव'],
  },
  sexual_content: {
    latin: [
      'porn',
      'sexual position',
      'sexual experience',
      'sexual intimacy',
      'explicit sex',
      'erotic',
      'dirty joke',
      'nude',
      'naked',
      'sex scene',
      'orgasm',
      'fetish',
      'pornografi',
      'pornograph',
      'порно',
    ],
    anywhere: ['色情', '黄色小说', 'ポルノ', 'エロ', '포르노', '야동', 'ลามก', 'إباحي', 'अश्लील'],
  },
  nonviolent_crimes: {
    latin: [
      'steal',
      'shoplift',
      'rob ',
      'robbery',
      'burglar',
      'break into',
      'fraud',
      'scam',
      'phishing',
      'launder',
      'counterfeit money',
      'fake id',
      'forge',
      'tax evasion',
      'evade taxes',
      'bribe',
      'extort',
      'blackmail',
      'hack',
      'malware',
      'ransomware',
      'keylogger',
      'virus',
      'ddos',
      'drugs',
      'cocaine',
      'heroin',
      'meth',
      'fentanyl',
      'smuggl',
      'illegal',
      'get away with',
      "don't get caught",
      'without getting caught',
      'stehlen',
      'betrug',
      'geldwäsche',
      'drogen',
      'voler',
      'fraude',
      'drogue',
      'robar',
      'estafa',
      'drogas',
      'rubare',
      'truffa',
      'droga',
      'украсть',
      'мошенни',
      'наркот',
      'взлом',
    ],
    anywhere: [
      '偷',
      '盗窃',
      '诈骗',
      '洗钱',
      '毒品',
      '黑客',
      '贿赂',
      '盗む',
      '詐欺',
      '麻薬',
      'ハッキング',
      '훔치',
      '사기',
      '마약',
      '해킹',
      'ขโมย',
      'ยาเสพติด',
      'سرقة',
      'مخدرات',
      'احتيال',
      'चोरी',
      'धोखाधड़ी',
      'ड्रग्स',
    ],
  },
  specialized_advice: {
    latin: [
      'dosage',
      'diagnos',
      'prescription',
      'should i invest',
      'should i sue',
      'avoid a conviction',
      'legal advice',
      'medical advice',
    ],
    anywhere: [],
  },
};

/** Categories in the order the rule tries them: the most specific and most severe first. */
export const PRECEDENCE: readonly HarmCategory[] = [
  'child_exploitation',
  'indiscriminate_weapons',
  'sex_crimes',
  'self_harm',
  'violent_crimes',
  'hate',
  'privacy',
  'ip',
  'elections',
  'sexual_content',
  'nonviolent_crimes',
  'specialized_advice',
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * One regex per category (alternations of literals): the reference definition of "a word list matches" —
 * a `latin` word at a word start (no letter or digit before it), an `anywhere` word at any position, any case.
 * Scans use `categoryMatches` below, which gives the same answer in one pass (a test checks both agree).
 */
export const CATEGORY_REGEXES: ReadonlyArray<readonly [HarmCategory, RegExp]> = PRECEDENCE.map((c) => {
  const { latin, anywhere } = WORDS[c];
  const parts = [
    ...(latin.length ? [`(?<![\\p{L}\\p{N}])(?:${latin.map(escape).join('|')})`] : []),
    ...(anywhere.length ? [`(?:${anywhere.map(escape).join('|')})`] : []),
  ];
  return [c, new RegExp(parts.join('|'), 'iu')] as const;
});

/** Asks for a procedure: how to do it, the method, the steps. */
const PROCEDURE: readonly string[] = [
  'step by step',
  'step-by-step',
  'how to',
  'how do i',
  'how can i',
  'how would someone',
  'how would i',
  'go about',
  'instructions',
  'procedure',
  'the method',
  'recipe',
  'teach',
  'explain',
  'explains',
  'guide',
  'tutorial',
  'schritt für schritt',
  'erkläre',
  'wie man',
  'étape par étape',
  'explique',
  'comment',
  'paso a paso',
  'cómo',
  'explica',
  'passo a passo',
  'spiega',
  'como',
  'пошагов',
  'как ',
];
/** Defensive, historical or medical framing: the ask is about protection, not perpetration. */
const DEFENSIVE: readonly string[] = [
  'protect',
  'defend',
  'prevent',
  'detect',
  'remove',
  'recover',
  'report',
  'history of',
  'symptoms',
  'treatment',
  'addiction',
  'recognize',
  'recognise',
  'avoid',
  'safe from',
  'schützen',
  'protéger',
  'proteger',
  'proteggere',
];
/** Bits of the cue lists in `cueMatches`, after the categories' (PRECEDENCE index) bits. */
const PROCEDURE_BIT = 1 << PRECEDENCE.length;
const DEFENSIVE_BIT = 1 << (PRECEDENCE.length + 1);
const CATEGORY_MASK = (1 << PRECEDENCE.length) - 1;

// One pass over the lower-cased text: at each position, the words that start with its two code units.
// Twelve regexes with a look-behind at every position cost ~0.13 ms per 2 KB; this costs a few µs.
interface ListWord {
  word: string;
  /** Bit per category (PRECEDENCE index). */
  bit: number;
  /** Must start a word (latin lists) or may start anywhere. */
  wordStart: boolean;
}
const pairKey = (s: string, i: number): number => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
/** Words by their first two code units (one-unit words by their one), for word starts and for anywhere. */
const AT_WORD_START = new Map<number, ListWord[]>();
const ANYWHERE = new Map<number, ListWord[]>();
/** First code units of `anywhere` words: a position whose unit is not here is skipped without a lookup. */
const ANYWHERE_FIRST = new Uint8Array(65536);
function addWord(raw: string, wordStart: boolean, bit: number): void {
  const word = raw.toLowerCase();
  if (word.length === 0) return;
  const table = wordStart ? AT_WORD_START : ANYWHERE;
  if (!wordStart) ANYWHERE_FIRST[word.charCodeAt(0)] = 1;
  const key = word.length >= 2 ? pairKey(word, 0) : -1 - word.charCodeAt(0);
  const list = table.get(key) ?? [];
  list.push({ word, bit, wordStart });
  table.set(key, list);
}
PRECEDENCE.forEach((c, index) => {
  const add = (raw: string, wordStart: boolean): void => addWord(raw, wordStart, 1 << index);
  for (const w of WORDS[c].latin) add(w, true);
  for (const w of WORDS[c].anywhere) add(w, false);
});
PROCEDURE.forEach((w) => addWord(w, true, PROCEDURE_BIT));
DEFENSIVE.forEach((w) => addWord(w, true, DEFENSIVE_BIT));
let letterOrDigit: Uint8Array | undefined;
function isLetterOrDigit(code: number): boolean {
  if (letterOrDigit === undefined) {
    letterOrDigit = new Uint8Array(65536);
    const re = /[\p{L}\p{N}]/u;
    for (let c = 0; c < 65536; c++) letterOrDigit[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return letterOrDigit[code] === 1;
}
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

function matchAt(table: Map<number, ListWord[]>, s: string, i: number, found: number): number {
  for (const key of i + 1 < s.length ? [pairKey(s, i), -1 - s.charCodeAt(i)] : [-1 - s.charCodeAt(i)]) {
    const list = table.get(key);
    if (list === undefined) continue;
    for (const w of list) if ((found & w.bit) === 0 && s.startsWith(w.word, i)) found |= w.bit;
  }
  return found;
}

/** Bit mask (PRECEDENCE index) of the categories whose word list matches the text. */
export const categoryMatches = (text: string): number => cueMatches(text) & CATEGORY_MASK;

/** `categoryMatches` plus PROCEDURE_BIT and DEFENSIVE_BIT: every word list in one pass. */
export function cueMatches(text: string): number {
  const s = text.toLowerCase();
  let found = 0;
  let prevWord = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    // An astral letter before i is a surrogate pair: read it whole, as the regex look-behind does.
    if (!prevWord) found = matchAt(AT_WORD_START, s, i, found);
    if (ANYWHERE_FIRST[code] === 1) found = matchAt(ANYWHERE, s, i, found);
    prevWord = isHighSurrogate(code)
      ? false
      : i >= 1 && isHighSurrogate(s.charCodeAt(i - 1))
        ? /[\p{L}\p{N}]/u.test(s.slice(i - 1, i + 1))
        : isLetterOrDigit(code);
  }
  return found;
}

/** The lexicon rule: the first category (in PRECEDENCE) whose word list matches, or undefined. */
export function lexiconCategory(text: string): HarmCategory | undefined {
  const found = categoryMatches(text);
  for (let i = 0; i < PRECEDENCE.length; i++) if ((found & (1 << i)) !== 0) return PRECEDENCE[i];
  return undefined;
}

/** Category hints of sources whose files are already split by topic (used only when no lexicon matches). */
const SOURCE_HINTS: ReadonlyArray<readonly [RegExp, HarmCategory]> = [
  [/Crimes_And_Illegal_Activitie/u, 'nonviolent_crimes'],
  [/Privacy_And_Property/u, 'privacy'],
  [/Physical_Harm/u, 'violent_crimes'],
  [/donotanswer\/discrimination_exclusion_toxicity/u, 'hate'],
  [/donotanswer\/information_hazard/u, 'privacy'],
  [/donotanswer\/malicious_uses/u, 'nonviolent_crimes'],
  [/donotanswer\/misinformation_harms/u, 'specialized_advice'],
];

export function sourceHint(source: string): HarmCategory | undefined {
  for (const [re, c] of SOURCE_HINTS) if (re.test(source)) return c;
  return undefined;
}

/** A training row's category: the lexicon rule, else its source's hint, else unspecified. */
export function rowCategory(text: string, source: string): HarmLabel {
  return lexiconCategory(text) ?? sourceHint(source) ?? 'unspecified';
}

/**
 * Rule-feature slots the heads take besides n-grams: one per category word list, a procedure ask, a
 * defensive word, and "some category word list AND a procedure ask". No list here was written from an
 * evaluation set (the red team's topics included): the heads learn each slot's weight from the training data.
 */
export const RULE_FEATURE_BITS = 4;
const SLOT_PROCEDURE = HARM_CATEGORIES.length;
const SLOT_DEFENSIVE = SLOT_PROCEDURE + 1;
const SLOT_TOPIC_PROCEDURE = SLOT_PROCEDURE + 2;
/**
 * The lexicon's view of a text as rule features for the heads: every category whose word list matches (not
 * only the first), a procedure ask, a defensive word, a category word with a procedure ask. All from the one
 * pass of `cueMatches`. The heads learn their weights, so a word list that also matches harmless text
 * ("murder mystery") counts only as much as the data says.
 */
export function ruleFeatures(text: string): number[] {
  const out: number[] = [];
  const found = cueMatches(text);
  PRECEDENCE.forEach((c, i) => {
    if ((found & (1 << i)) !== 0) out.push(HARM_CATEGORIES.indexOf(c));
  });
  const procedure = (found & PROCEDURE_BIT) !== 0;
  if (procedure) out.push(SLOT_PROCEDURE);
  if ((found & DEFENSIVE_BIT) !== 0) out.push(SLOT_DEFENSIVE);
  if (procedure && (found & CATEGORY_MASK) !== 0) out.push(SLOT_TOPIC_PROCEDURE);
  return out.sort((a, b) => a - b);
}
