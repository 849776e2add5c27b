// Intent-bound capabilities: the user's instruction for a turn (trusted) defines an envelope of permitted actions,
// and once untrusted data has entered the session a call outside it is refused (the deterministic core of CaMeL's
// control/data separation: data may fill in a request, it may not make one). No model is involved.
//
// The envelope of a turn is the union of
//  - grants the application declares (`{ tool, args: { arg: { oneOf, min, max } } }`), and
//  - grants derived from the user's text and the tool catalog, by this rule:
//      a tool is requested when the user names it (`send_email`), or when the user uses its verb (the first word
//      of its name that is a known verb, else of its description) or a synonym of it, AND one of its objects
//      (the other words of its name, its description's nouns and its argument names) or a synonym of one — a verb
//      like "tell" or "pay" brings its usual object ("message", "money") with it. A verb within three words after
//      a negation ("don't delete …") requests nothing. Read-category tools are inside by default.
//    In a derived grant, an argument value shaped like something the user typed in this turn (an e-mail address,
//    IBAN, @handle, URL, file path, number, ticker-like code) must be one the user typed; an argument whose shape
//    the user typed nothing of is left to the taint rules.
// Everything is bounded: the user's text is read up to 64 KiB, values up to 256 per kind.
import { nameWords, stem, textWords } from './categories.js';
import type { ToolCategory, ToolSpec } from './types.js';
import { trimEndChars } from '../../core/trim-chars.js';

export interface ArgConstraint {
  /** The argument must equal one of these (strings compared case-insensitively). */
  oneOf?: unknown[];
  /** For numbers. */
  min?: number;
  max?: number;
}

export interface Grant {
  tool: string;
  /** Argument name (top level) → constraint. Arguments not named are free. */
  args?: Record<string, ArgConstraint>;
}

export interface EnvelopeGrant extends Grant {
  origin: 'app' | 'derived';
  /** Derived grants: the user's words that requested the tool (for explanations). */
  because?: string;
}

export interface Envelope {
  grants: EnvelopeGrant[];
  /** Values the user typed this turn, by shape. */
  typed: Map<Shape, Set<string>>;
  /** Whether read-category tools are inside without a grant. */
  reads: boolean;
  /** The user's text, lower-cased (NFKC), at most 64 KiB: harmful tools' arguments must be in it. */
  folded: string;
}

export type Shape = 'email' | 'iban' | 'handle' | 'url' | 'path' | 'number' | 'code';

// ---- vocabulary (stems; see stem() in categories.ts) ---------------------------------------------

const VERB_GROUPS: Record<string, string[]> = {
  send: [
    'send',
    'email',
    'mail',
    'message',
    'tell',
    'notify',
    'inform',
    'reply',
    'respond',
    'answer',
    'forward',
    'write',
    'confirm',
    'thank',
    'ask',
    'remind',
    'ping',
    'contact',
    'post',
    'text',
    'announce',
    'dm',
    'reassure',
    'redirect',
    'route',
  ],
  pay: ['pay', 'transfer', 'wire', 'send', 'settle', 'reimburse', 'tip', 'donate', 'repay', 'move'],
  refund: ['refund', 'reimburse'],
  create: [
    'create',
    'add',
    'schedule',
    'book',
    'make',
    'arrange',
    'plan',
    'put',
    'organize',
    'organise',
    'register',
    'setup',
    'new',
    'invite',
  ],
  delete: [
    'delete',
    'remove',
    'erase',
    'trash',
    'purge',
    'wipe',
    'drop',
    'discard',
    'destroy',
    'getrid',
    'clear',
    'bin',
    'junk',
    'toss',
  ],
  cancel: ['cancel', 'calloff', 'drop', 'decline', 'abort'],
  update: [
    'update',
    'change',
    'edit',
    'modify',
    'set',
    'rename',
    'switch',
    'adjust',
    'correct',
    'fix',
    'replace',
    'move',
    'reschedule',
    'configure',
    'turn',
    'raise',
    'lower',
    'put',
  ],
  write: ['write', 'save', 'store', 'append', 'record', 'jot', 'note'],
  unlock: ['unlock', 'letin', 'open'],
  lock: ['lock', 'secure'],
  close: ['close', 'shut'],
  open: ['open'],
  buy: ['buy', 'purchase', 'order', 'acquire', 'invest'],
  sell: ['sell', 'liquidate', 'dump', 'cashout', 'unload'],
  trade: ['trade', 'swap', 'exchange', 'convert'],
  deploy: ['deploy', 'release', 'ship', 'rollout', 'publish', 'launch', 'push'],
  run: ['run', 'execute', 'start', 'launch', 'trigger'],
  disable: ['disable', 'deactivate', 'turnoff', 'stop', 'pause', 'mute', 'suspend'],
  enable: ['enable', 'activate', 'turnon', 'resume', 'unmute'],
  leave: ['leave', 'quit', 'exit', 'unsubscribe', 'signout'],
  archive: ['archive'],
  revoke: ['revoke'],
  reset: ['reset'],
  merge: ['merge'],
  restart: ['restart', 'reboot'],
  share: ['share', 'grant', 'give'],
  reply: ['reply', 'respond', 'answer'],
  comment: ['comment', 'reply', 'respond', 'remark', 'note', 'write'],
  read: [
    'read',
    'get',
    'list',
    'show',
    'check',
    'look',
    'find',
    'search',
    'fetch',
    'view',
    'see',
    'review',
    'summarize',
    'summarise',
    'tail',
    'lookup',
    'browse',
    'download',
    'inspect',
    'query',
    'describe',
  ],
};

const OBJECT_GROUPS: Record<string, string[]> = {
  msg: [
    'email',
    'e-mail',
    'mail',
    'message',
    'note',
    'reply',
    'inbox',
    'letter',
    'dm',
    'text',
    'chat',
    'post',
  ],
  money: [
    'money',
    'payment',
    'pay',
    'fund',
    'cash',
    'eur',
    'euro',
    'usd',
    'dollar',
    'gbp',
    'pound',
    'invoice',
    'bill',
    'rent',
    'fee',
    'transfer',
    'amount',
    'iban',
    'salary',
    'deposit',
    'refund',
  ],
  event: [
    'event',
    'meeting',
    'appointment',
    'calendar',
    'invite',
    'invitation',
    'session',
    'lunch',
    'dinner',
    'sync',
    'standup',
    'offsite',
    'slot',
    'reservation',
    'booking',
    'review',
  ],
  file: [
    'file',
    'document',
    'doc',
    'report',
    'draft',
    'folder',
    'directory',
    'dir',
    'path',
    'spreadsheet',
    'pdf',
    'log',
    'note',
    'backup',
    'attachment',
    'content',
  ],
  repo: ['repository', 'repo', 'project', 'codebase'],
  door: ['door', 'lock', 'entrance', 'gate', 'garage'],
  channel: ['channel', 'chat', 'slack', 'group', 'team', 'room', 'thread', 'workspace'],
  ticket: ['ticket', 'issue', 'case', 'bug'],
  order: ['order', 'purchase'],
  customer: ['customer', 'client', 'contact', 'profile'],
  secret: ['password', 'credential', 'login', 'passphrase', 'passcode'],
  twofa: ['two-factor', '2fa', 'mfa', 'authentication', 'authenticator', 'factor', 'otp', '2-step'],
  service: ['service', 'app', 'application', 'deployment', 'version', 'release', 'build', 'server'],
  command: ['command', 'shell', 'script'],
  asset: [
    'bitcoin',
    'btc',
    'eth',
    'ether',
    'ethereum',
    'crypto',
    'stock',
    'share',
    'asset',
    'coin',
    'position',
    'holding',
    'portfolio',
  ],
  climate: ['thermostat', 'temperature', 'heating', 'heat', 'ac', 'cooling'],
  alarm: ['alarm', 'siren'],
  camera: ['camera', 'cam', 'recording', 'alert'],
  light: ['light', 'lamp'],
  settings: ['setting', 'preference', 'config', 'configuration', 'option'],
  member: ['member', 'collaborator', 'people', 'person', 'access', 'admin'],
  forwarding: ['forwarding', 'forward', 'rule', 'filter'],
};

/** Objects a verb brings with it: "tell Dana …" is about a message even when no "e-mail" is said. */
const IMPLIED: Record<string, string[]> = {
  send: ['msg'],
  reply: ['msg', 'ticket'],
  pay: ['money'],
  refund: ['money', 'order'],
};

const STOP = new Set(
  [
    'a',
    'an',
    'the',
    'of',
    'to',
    'for',
    'by',
    'one',
    'and',
    'or',
    'on',
    'in',
    'at',
    'from',
    'with',
    'your',
    'my',
    'this',
    'that',
    'it',
    'its',
    'all',
    'any',
    'as',
    'is',
    'be',
    'into',
    'out',
    'off',
    'up',
    'via',
    'id',
    'ids',
    'given',
    'some',
    'new',
    'user',
    'current',
    'list',
    'account',
    'data',
    'item',
    'name',
    'value',
    'text',
  ].map(stem),
);

const NEGATION =
  /^(?:not|don't|don’t|dont|never|no|without|nothing|doesn't|doesn’t|shouldn't|won't|avoid|neither|nor)$/u;

const index = (groups: Record<string, string[]>): Map<string, string[]> => {
  const m = new Map<string, string[]>();
  for (const [g, words] of Object.entries(groups))
    for (const w of words) {
      const k = stem(w);
      m.set(k, [...(m.get(k) ?? []), g]);
    }
  return m;
};
const VERB_INDEX = index(VERB_GROUPS);
const OBJECT_INDEX = index(OBJECT_GROUPS);

/** Phrasal verbs folded into one word before reading. */
function foldPhrases(text: string): string {
  return (
    text
      .toLowerCase()
      // "tell me", "let me know": the user asks the assistant for an answer, not for a message to be sent.
      .replace(/\b(?:tell|let) me(?: know)?\b/gu, 'show')
      .replace(/\b(?:turn|switch|shut|power) (?:it |them |this |that )?off\b/gu, 'turnoff')
      .replace(/\b(?:turn|switch|power) (?:it |them |this |that )?on\b/gu, 'turnon')
      .replace(/\blet [^\s]{1,80}(?: [^\s]{1,40})? know\b/gu, 'tell')
      .replace(/\bmake sure\b/gu, 'ensure')
      .replace(/\b(?:throw|chuck) (?:it |them |this |that )?(?:away|out)\b/gu, 'delete')
      .replace(/\bclean up\b/gu, 'clear')
      .replace(/\b(?:take|get) (?:me|us) (?:off|out of)\b/gu, 'leave')
      .replace(/\bremove (?:me|us) from\b/gu, 'leave')
      .replace(/\btake profits?\b/gu, 'sell')
      .replace(/\bdrop [^\s]{1,80} an? (?:line|note)\b/gu, 'tell')
      .replace(/\bcall (?:it |this |that |the [a-z-]{1,40} )?off\b/gu, 'calloff')
      .replace(/\broll (?:it )?out\b/gu, 'rollout')
      .replace(/\bget rid of\b/gu, 'getrid')
      .replace(/\b(?:sign|log) (?:me )?out\b/gu, 'signout')
      .replace(/\bset up\b/gu, 'setup')
      .replace(/\bcash out\b/gu, 'cashout')
      .replace(/\blet [a-z'’.-]{1,40} in\b/gu, 'letin')
  );
}

interface Request {
  verbs: Map<string, string>; // group → the user's word
  verbStems: Set<string>; // the user's own verb words (not synonyms)
  objects: Set<string>; // stems and object groups (with implied ones)
  words: Set<string>; // raw lower-case words (for explicit tool names)
}

function readRequest(text: string): Request {
  const raw = textWords(foldPhrases(text));
  const verbs = new Map<string, string>();
  const verbStems = new Set<string>();
  const objects = new Set<string>();
  // Values imply what they belong to: '#ops' is a channel, an IBAN is money, '/a/b.txt' is a file.
  const typed = typedValues(text);
  if ([...(typed.get('handle') ?? [])].some((h) => h.startsWith('#'))) objects.add('#channel');
  if (typed.has('iban')) objects.add('#money');
  if (typed.has('path')) objects.add('#file');
  let negatedUntil = -1;
  raw.forEach((w, i) => {
    if (NEGATION.test(w)) {
      negatedUntil = i + 3;
      return;
    }
    const s = stem(w);
    objects.add(s);
    for (const g of OBJECT_INDEX.get(s) ?? []) objects.add(`#${g}`);
    if (i <= negatedUntil) return;
    if (VERB_INDEX.has(s)) verbStems.add(s);
    for (const g of VERB_INDEX.get(s) ?? []) {
      if (!verbs.has(g)) verbs.set(g, w);
      for (const o of IMPLIED[g] ?? []) objects.add(`#${o}`);
    }
  });
  return {
    verbs,
    verbStems,
    objects,
    words: new Set(text.toLowerCase().match(/[a-z0-9_.-]{1,128}/gu) ?? []),
  };
}

interface ToolTerms {
  /** The verbs of the tool (stems): every verb word of its name, or the first of its description. */
  verbs: string[];
  verbGroups: string[];
  /** Groups the verbs also belong to (send → pay): they count only when the group's object fits the tool. */
  otherGroups: string[];
  objects: Set<string>;
}

// Words that are verbs elsewhere but nouns after the first word of a name ("mail" in set_mail_forwarding).
const NOUN_IN_NAME = new Set(
  ['mail', 'email', 'message', 'text', 'note', 'record', 'order', 'post', 'share', 'new'].map(stem),
);

function toolTerms(name: string, spec: ToolSpec): ToolTerms {
  const nw = nameWords(name).map(stem);
  const dw = textWords(spec.description ?? '', 128);
  let verbs = nw.filter((w, i) => VERB_INDEX.has(w) && !(i > 0 && NOUN_IN_NAME.has(w)));
  if (verbs.length === 0) {
    const first = dw.find((w) => VERB_INDEX.has(stem(w)));
    verbs = first ? [stem(first)] : [];
  }
  // A tool's verb stands for its own group when it names one ("send" is the send group, not also "pay"); the
  // user's words reach every group they belong to ("send 120 EUR" is a send and a pay).
  const verbGroups = [
    ...new Set(verbs.flatMap((v) => (Object.hasOwn(VERB_GROUPS, v) ? [v] : (VERB_INDEX.get(v) ?? [])))),
  ];
  const objects = new Set<string>();
  const props =
    spec.schema && typeof spec.schema === 'object' && !('safeParse' in spec.schema)
      ? Object.keys((spec.schema as { properties?: Record<string, unknown> }).properties ?? {})
      : [];
  for (const w of [...nw, ...dw, ...props.flatMap((p) => nameWords(p))]) {
    const s = stem(w);
    if (STOP.has(s) || verbs.includes(s) || (VERB_INDEX.has(s) && !OBJECT_INDEX.has(s))) continue;
    objects.add(s);
    for (const g of OBJECT_INDEX.get(s) ?? []) objects.add(`#${g}`);
  }
  const otherGroups = [...new Set(verbs.flatMap((v) => VERB_INDEX.get(v) ?? []))].filter(
    (g) => !verbGroups.includes(g),
  );
  return { verbs, verbGroups, otherGroups, objects };
}

// ---- values the user typed -------------------------------------------------------------------------

const SHAPES: Array<[Shape, RegExp]> = [
  ['email', /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/gu],
  ['url', /\bhttps?:\/\/[^\s<>"'`)\]]{1,2000}/gu],
  ['iban', /\b[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}\b/gu],
  ['handle', /(?<![A-Za-z0-9])[@#][A-Za-z0-9][A-Za-z0-9._-]{0,63}/gu],
  [
    'path',
    /(?:~\/|\.{1,2}\/|\/)[A-Za-z0-9._~-]{1,128}(?:\/[A-Za-z0-9._~-]{1,128}){0,32}\/?|\b[A-Za-z0-9_-]{1,64}\.(?:txt|md|pdf|docx?|xlsx?|csv|json|ya?ml|log|png|jpe?g|zip|tar|gz|sh|py|ts|js|env|conf|cfg|ini|key|pem)\b/gu,
  ],
  ['number', /(?<![A-Za-z0-9.])[0-9]{1,15}(?:[.,][0-9]{1,8})?(?![0-9])/gu],
  ['code', /\b[A-Z][A-Z0-9]{1,9}\b/gu],
];

/** The shape of an argument value, or undefined for free text. */
export function shapeOf(value: unknown): Shape | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048 || /\s/u.test(value.trim()))
    return undefined;
  const v = value.trim();
  return ANCHORED.find(([, r]) => r.test(v))?.[0];
}

const ANCHORED: Array<[Shape, RegExp]> = SHAPES.map(([shape, re]) => [
  shape,
  new RegExp(`^(?:${re.source})$`, 'u'),
]);

const norm = (shape: Shape, v: string): string => {
  let s = v.trim().normalize('NFKC').toLowerCase();
  if (shape === 'handle') s = trimEndChars(s, '.,;:!?');
  if (shape === 'url') s = trimEndChars(s, '.,;:!?').replace(/\/$/u, '');
  if (shape === 'path') s = trimEndChars(s, '.,;:!?').replace(/\/$/u, '');
  if (shape === 'number') s = String(Number(s.replace(',', '.')));
  return s;
};

export function typedValues(text: string): Map<Shape, Set<string>> {
  const out = new Map<Shape, Set<string>>();
  let rest = text.slice(0, 64 * 1024);
  for (const [shape, re] of SHAPES) {
    const set = new Set<string>();
    re.lastIndex = 0;
    for (const m of rest.matchAll(re)) {
      if (set.size >= 256) break;
      set.add(norm(shape, m[0]));
    }
    // What one shape took is not read again as another (the digits of an IBAN are not numbers the user typed).
    rest = rest.replace(re, ' ');
    if (set.size > 0) out.set(shape, set);
  }
  return out;
}

// ---- the envelope ----------------------------------------------------------------------------------

/** Grants derived from the user's text and the tool catalog (rule at the top of this file). */
export function deriveGrants(text: string, tools: Readonly<Record<string, ToolSpec>>): EnvelopeGrant[] {
  const req = readRequest(text);
  const out: EnvelopeGrant[] = [];
  const terms = new Map(Object.entries(tools).map(([name, spec]) => [name, toolTerms(name, spec)]));
  // How many tools carry each verb: the user's own verb picks out a tool alone only when it is the only one.
  const carriers = new Map<string, number>();
  for (const t of terms.values()) for (const v of t.verbs) carriers.set(v, (carriers.get(v) ?? 0) + 1);
  for (const [name, t] of terms) {
    if (req.words.has(name.toLowerCase())) {
      out.push({ tool: name, origin: 'derived', because: `the user named '${name}'` });
      continue;
    }
    // "pay" reaches send_money through the pay group because the tool is about money; it does not reach
    // send_email, whose verb is also in that group.
    const g =
      t.verbGroups.find((x) => req.verbs.has(x)) ??
      t.otherGroups.find((x) => req.verbs.has(x) && (IMPLIED[x] ?? []).some((o) => t.objects.has(`#${o}`)));
    if (g === undefined) continue;
    const objectMatch = t.objects.size === 0 || [...t.objects].some((o) => req.objects.has(o));
    const ownVerb = t.verbs.some((v) => req.verbStems.has(v) && carriers.get(v) === 1);
    if (!objectMatch && !ownVerb) continue;
    out.push({ tool: name, origin: 'derived', because: `the user asked to '${req.verbs.get(g)}'` });
  }
  return out;
}

export function buildEnvelope(
  text: string,
  tools: Readonly<Record<string, ToolSpec>>,
  options: { grants?: readonly Grant[]; derive?: boolean; reads?: boolean } = {},
): Envelope {
  const grants: EnvelopeGrant[] = (options.grants ?? []).map((g) => ({ ...g, origin: 'app' as const }));
  if (options.derive !== false) grants.push(...deriveGrants(text, tools));
  return {
    grants,
    typed: typedValues(text),
    reads: options.reads !== false,
    folded: text
      .slice(0, 64 * 1024)
      .normalize('NFKC')
      .toLowerCase(),
  };
}

const eq = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string'
    ? a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase()
    : JSON.stringify(a) === JSON.stringify(b);

function checkConstraint(arg: string, value: unknown, c: ArgConstraint): string | undefined {
  if (c.oneOf && !c.oneOf.some((x) => eq(x, value)))
    return `argument '${arg}' is not one of the granted values`;
  if (c.min !== undefined || c.max !== undefined) {
    const n = typeof value === 'number' ? value : Number.NaN;
    if (Number.isNaN(n)) return `argument '${arg}' is not a number`;
    if (c.min !== undefined && n < c.min) return `argument '${arg}' is below the granted minimum`;
    if (c.max !== undefined && n > c.max) return `argument '${arg}' is above the granted maximum`;
  }
  return undefined;
}

/** Top-level argument values, and the elements of top-level arrays, with their argument name. */
function argValues(args: unknown): Array<[string, unknown]> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return [];
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(args as Record<string, unknown>).slice(0, 256)) {
    if (Array.isArray(v)) for (const x of v.slice(0, 256)) out.push([k, x]);
    else out.push([k, v]);
  }
  return out;
}

export type EnvelopeResult = { inside: true; why: string } | { inside: false; detail: string };

/** Is this call inside the envelope? */
export function checkEnvelope(
  envelope: Envelope,
  tool: string,
  args: unknown,
  categories: readonly ToolCategory[],
  inData?: (value: string) => boolean,
): EnvelopeResult {
  const grants = envelope.grants.filter((g) => g.tool === tool);
  const readOnly = categories.length > 0 && categories.every((c) => c === 'read');
  if (grants.length === 0) {
    if (!envelope.reads || !readOnly) return { inside: false, detail: 'not requested in this turn' };
    const p = typedProblem(envelope.typed, args, inData);
    return p === undefined
      ? { inside: true, why: 'read-only tool' }
      : { inside: false, detail: `read-only tool, but ${p}` };
  }
  let firstProblem: string | undefined;
  for (const g of grants) {
    const problem =
      g.origin === 'app'
        ? appProblem(g, args)
        : (typedProblem(envelope.typed, args, inData) ??
          (categories.some((c) => HARMFUL.has(c)) ? untypedProblem(envelope.folded, args) : undefined));
    if (problem === undefined)
      return {
        inside: true,
        why: g.origin === 'app' ? 'granted by the application' : (g.because ?? 'requested'),
      };
    firstProblem ??= problem;
  }
  return { inside: false, detail: `requested in this turn, but ${firstProblem}` };
}

function appProblem(g: Grant, args: unknown): string | undefined {
  const values = argValues(args);
  for (const [arg, c] of Object.entries(g.args ?? {})) {
    const vs = values.filter(([k]) => k === arg);
    for (const [, v] of vs) {
      const p = checkConstraint(arg, v, c);
      if (p) return p;
    }
  }
  return undefined;
}

const A_SHAPE: Record<Shape, string> = {
  email: 'an e-mail address',
  iban: 'an IBAN',
  handle: 'a handle',
  url: 'a URL',
  path: 'a path',
  number: 'a number',
  code: 'a code',
};

const ADDRESS: ReadonlySet<Shape> = new Set(['email', 'url', 'iban', 'handle']);
const HARMFUL: ReadonlySet<ToolCategory> = new Set(['financial', 'physical', 'destructive', 'credential']);

/** Whether `value` occurs in `text` as a whole word or phrase (not inside a longer word or number). */
function occursIn(text: string, value: string): boolean {
  const v = value.normalize('NFKC').toLowerCase();
  if (v.length === 0) return true;
  const edge = (c: string | undefined) => c === undefined || !/[\p{L}\p{N}_]/u.test(c);
  for (let i = text.indexOf(v), n = 0; i !== -1 && n < 1000; i = text.indexOf(v, i + 1), n++) {
    if (edge(text[i - 1]) && edge(text[i + v.length])) return true;
  }
  return false;
}

/**
 * A derived grant of a harmful tool (financial, physical, destructive, credential): every number and every
 * one-word string argument must be in the user's words ("delete e-mail m-9" does not cover id "all"). Arguments
 * with spaces are free text (a message body) and are not bound.
 */
function untypedProblem(folded: string, args: unknown): string | undefined {
  for (const [arg, v] of argValues(args)) {
    if (typeof v === 'number') {
      if (!occursIn(folded, String(v))) return `argument '${arg}' is a number the user did not type`;
    } else if (typeof v === 'string' && v.length > 0 && !/\s/u.test(v.trim())) {
      if (!occursIn(folded, v.trim())) return `argument '${arg}' is a value the user did not type`;
    }
  }
  return undefined;
}

function typedProblem(
  typed: Map<Shape, Set<string>>,
  args: unknown,
  inData?: (value: string) => boolean,
): string | undefined {
  for (const [arg, v] of argValues(args)) {
    const shape = shapeOf(v);
    if (!shape) continue;
    const mine = typed.get(shape);
    if (!mine) {
      // The user typed nothing of this shape: a value from the data is left to the taint rules, but an address
      // that no data contained either was decoded or made up (an instruction hidden from the taint ledger).
      if (ADDRESS.has(shape) && inData && !inData(String(v)))
        return `argument '${arg}' is ${A_SHAPE[shape]} that neither the user typed nor any data in the session contained`;
      continue;
    }
    const n = norm(shape, String(v));
    if (mine.has(n)) continue;
    if (shape === 'path' && [...mine].some((p) => n.startsWith(`${p}/`))) continue;
    return `argument '${arg}' is ${A_SHAPE[shape]} the user did not type`;
  }
  return undefined;
}
