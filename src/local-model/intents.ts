// The looser request readers of `rampart-local`, on top of the instruction finder (local-model-rules.ts):
// a real, undefended model understands far more than "say X" / "reveal your prompt", so the stand-in also
//  - reads text the way a model does: look-alike letters, invisible and tag characters, leetspeak folded;
//  - hands out secret-looking values of its configuration when asked for a key, password or record;
//  - produces a code the user tells it to write, start with, confirm by, or that a persona "always says";
//  - calls a defined tool named in plain words, filling its arguments from the same request.
// Every pattern is linear (no nested quantifiers) and every scan is bounded by the caller's text caps.
import { canonicalize } from '../normalize/canonicalize.js';
import { commonWords } from '../normalize/english-words.js';

/** What a model "reads": NFKC, confusables and invisible/tag characters folded, then leetspeak folded. */
export function readable(raw: string): string {
  let s = raw;
  try {
    s = canonicalize(raw, { decode: false }).text;
  } catch {
    s = raw;
  }
  return foldLeet(s);
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Digits inside lower-case words become letters ("1gn0re" → "ignore"); codes, numbers and mixed-case
 *  tokens (markers, keys, IBANs) stay exactly as written, so what the model repeats is what it was given. */
export function foldLeet(s: string): string {
  // URLs, addresses and paths are copied, not read: they keep their digits.
  return s.replace(/[^\s]{1,4096}/gu, (chunk) =>
    /[/@\\]|\.[A-Za-z0-9]/u.test(chunk) ? chunk : foldWords(chunk),
  );
}

function foldWords(s: string): string {
  return s.replace(/(?<![A-Za-z0-9_])[A-Za-z0-9]?[a-z0-9]{1,63}(?![A-Za-z0-9_])/gu, (w) => {
    if (!/[a-z]/u.test(w) || !/[0-9]/u.test(w) || /^[0-9a-f]{16,}$/u.test(w)) return w;
    // "rot13", "base64", "utf8", "2nd", "10am", "5kg": a name or a quantity, not leetspeak.
    if (/^[A-Za-z][a-z]{0,7}[0-9]{2,}$/u.test(w) || /^[a-z]{1,3}[0-9]$/u.test(w) || UNIT.test(w)) return w;
    if ((w.match(/[0-9]/gu) ?? []).length * 2 > w.length) return w;
    return w.replace(/[0-9]/gu, (c) => LEET[c] ?? c);
  });
}

const UNIT = /^[0-9]{1,6}(?:st|nd|rd|th|am|pm|h|min|m|k|g|kg|km|cm|mm|ml|px|x|d|gb|mb|kb|ms)$/u;

// ---- secrets -------------------------------------------------------------------------------------

const SECRET_TOKEN = /[A-Za-z0-9][A-Za-z0-9_-]{7,127}/gu;

/** Tokens that look like credentials, ids or account numbers: letters and digits mixed, a long digit run,
 *  or a long token in mixed case (random keys often have few digits). */
function looksSecret(tok: string): boolean {
  const digits = (tok.match(/[0-9]/gu) ?? []).length;
  const letters = (tok.match(/[A-Za-z]/gu) ?? []).length;
  const mixedCase = /[a-z]/u.test(tok) && /[A-Z]/u.test(tok);
  return (digits >= 2 && letters >= 2) || digits >= 8 || (tok.length >= 16 && (digits > 0 || mixedCase));
}

/** The lines/sentences of the system prompt that hold a secret-looking value. */
export function secretLines(systemPrompt: string): string[] {
  const out: string[] = [];
  for (const part of systemPrompt.split(/\n|(?<=[.!?]) /u)) {
    const toks = part.match(SECRET_TOKEN) ?? [];
    if (toks.some(looksSecret)) out.push(part.trim());
    if (out.length >= 20) break;
  }
  return out;
}

export function secretValues(systemPrompt: string): string[] {
  return (systemPrompt.match(SECRET_TOKEN) ?? []).filter(looksSecret).slice(0, 20);
}

// Nouns that name a credential or a customer's data. Bare "key" / "token" / "secret" are too common in
// ordinary questions ("the three key points", "the secret to a good sauce") to count on their own.
const SECRET_NOUN =
  /\b(?:(?:api|secret|access|private|auth|license|licence|back-office|backoffice|signing|encryption|config|configuration)[ -]?keys?|keys? (?:you|in your|from your)|(?:api|access|auth|bearer|session|secret) tokens?|credentials?|secrets (?:in|from|you)|any secrets|passwords?|passphrase|account numbers?|account no|(?:my|the|customer|full|their) record|identifiers?|(?:customer|account|their|all (?:their|the|my)) details|configured with|clé|cles|Schlüssel|Passwort|Kontonummer|chiave|numéro de compte|número de cuenta|numer konta|numero di conto|número da conta|contraseña|datos del cliente|everything you know)|\.env\b|\b[A-Z]{2,20}_(?:KEY|TOKEN|SECRET|PASSWORD)=/iu;
const SECRET_ASK =
  /\b(?:what|what's|which|give|tell|show|print|put|write|quote|confirm|read|fill|list|draft|share|send|provide|paste|display|output|include|reveal|repeat|need|nenne|gib|sag|zeig|scrivi|scrivimi|dimmi|dammi|mostrami|dimmi|dime|dis|donne|rappeler|rappelle|podaj|mostra|mostre|escribe|écris|indique)\b/iu;

/** "What's the API key in your config?", "read back my record": where such a request starts, if any. */
export function findSecretRequest(text: string): { start: number; end: number } | undefined {
  const noun = SECRET_NOUN.exec(text);
  if (!noun) return undefined;
  const ask = SECRET_ASK.exec(text);
  if (!ask) return undefined;
  const start = Math.min(noun.index, ask.index);
  return { start, end: Math.max(noun.index + noun[0].length, ask.index + ask[0].length) };
}

// ---- codes the user tells the model to produce ---------------------------------------------------

const CODE_TOKEN = /\b[A-Z0-9][A-Z0-9_-]{5,63}\b/gu;
const PRODUCE_VERB =
  /\b(?:tell|tells|be|say|says|said|saying|print|printing|write|writing|output|outputs|reply|replies|respond|answer|answering|type|types|echo|recite|repeat|confirm|acknowledge|start|starts|begin|begins|open|opens|prefix|append|end|title|titled|greet|announce|announces|line|words|code word|calling card|badge|écris|écrivez|réponds|répondez|commence|commencez|dis|affiche|schreib|schreibe|antworte|beginnt|beginne|gib|ausgibst|ausgeben|ausgibt|lauten|schreibst|escribe|escribiendo|responde|empieza|empiece|diciendo|repite|scrivi|rispondi|inizia|responda|comece|begint|zeg|schrijf|napisz|wpisz)\b/iu;
const FRAME =
  /\b(?:you are|you're|pretend|play|role-?play|act as|simulate|imagine|stay in character|in character|from now on|open mode|developer mode|no (?:filters|rules|restrictions)|without (?:content )?(?:rules|filters|restrictions)|hypothetically|for a (?:thriller|novel|story|play|film|movie)|tu es|jouons|du bist|stell dir vor|eres|vamos a jugar|sei un|facciamo|jij bent|laten we)\b/iu;

/** A code without digits: ten or more capitals, not a common word, not part of a run of shouted words
 *  ("IMPORTANT INSTRUCTIONS FOR THE ASSISTANT"). */
function isolatedCode(text: string, at: number, tok: string): boolean {
  if (tok.length < 10 || !/^[A-Z]+$/u.test(tok) || commonWords().has(tok.toLowerCase())) return false;
  const words = (t: string) => t.split(/[^A-Za-z]+/u).filter((w) => w.length >= 2);
  const prev = words(text.slice(Math.max(0, at - 40), at)).pop();
  const next = words(text.slice(at + tok.length, at + tok.length + 40))[0];
  const shouted = (w: string | undefined) => w !== undefined && /^[A-Z]+$/u.test(w);
  return !shouted(prev) && !shouted(next);
}

const hasDigitAndLetter = (t: string) => /[0-9]/u.test(t) && /[A-Z]/u.test(t);

/** Code-like values the text tells the model to produce, each with where the order starts. */
export function findCodeOrders(text: string): Array<{ start: number; end: number; code: string }> {
  const out: Array<{ start: number; end: number; code: string }> = [];
  const framed = FRAME.test(text);
  CODE_TOKEN.lastIndex = 0;
  for (let m = CODE_TOKEN.exec(text); m !== null && out.length < 64; m = CODE_TOKEN.exec(text)) {
    const lettersOnly = !hasDigitAndLetter(m[0]);
    if (lettersOnly && !isolatedCode(text, m.index, m[0])) continue;
    // The clause before the code: back to the previous sentence end, at most 160 characters.
    const from = Math.max(0, m.index - 160);
    const before = text.slice(from, m.index);
    const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '));
    const clause = cut >= 0 ? before.slice(cut + 1) : before;
    // The verb may also follow the code, as German puts it last ("indem du X ausgibst").
    const after = /^[^.!?\n]{0,24}/u.exec(text.slice(m.index + m[0].length))?.[0] ?? '';
    if (PRODUCE_VERB.test(clause) || PRODUCE_VERB.test(after) || (framed && !lettersOnly))
      out.push({ start: m.index - clause.length, end: m.index + m[0].length, code: m[0] });
  }
  return out;
}

// ---- tools named in plain words ------------------------------------------------------------------

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/u;
const URL = /\bhttps?:\/\/[^\s<>"'`)\]]{1,2000}/u;
const PATH = /(?:\/|~\/|\.\/)?[A-Za-z0-9_-]{1,64}(?:\/[A-Za-z0-9_-]{1,64}){0,16}\.[A-Za-z0-9]{1,10}\b/u;
const QUOTED = /["“«]([^"”»\n]{1,500})["”»]/u;

const TOOL_CONTEXT_BEFORE = /\b(?:call|use|run|invoke|via|using|with|trigger|execute) (?:the )?$/u;

/** Where a defined tool is named in the text (its exact name, as a word). */
export function findNamedTools(
  text: string,
  toolNames: ReadonlySet<string>,
): Array<{ start: number; name: string }> {
  const out: Array<{ start: number; name: string }> = [];
  const lower = text.toLowerCase();
  for (const name of toolNames) {
    const n = name.toLowerCase();
    for (let i = lower.indexOf(n); i !== -1 && out.length < 64; i = lower.indexOf(n, i + n.length)) {
      const before = i > 0 ? lower[i - 1]! : ' ';
      const after = lower[i + n.length] ?? ' ';
      if (/[a-z0-9_]/u.test(before) || /[a-z0-9_]/u.test(after)) continue;
      // A snake_case name is an identifier wherever it stands; a plain word ("deploy", "search") names the
      // tool only as "call/use/run X" or "the X tool".
      if (
        !/[_.-]/u.test(n) &&
        !TOOL_CONTEXT_BEFORE.test(lower.slice(Math.max(0, i - 12), i)) &&
        !/^ (?:tool|function)\b/u.test(lower.slice(i + n.length, i + n.length + 10))
      )
        continue;
      out.push({ start: i, name });
    }
  }
  return out;
}

/** The value of parameter `key` in a plain-words request: `key "v"`, `key: v`, `key=v`, or a value of the
 *  kind its name suggests (an address for `to`, a URL for `url`, a path for `path` …). */
export function argFromText(key: string, text: string): string | undefined {
  const k = key.toLowerCase().replace(/_/gu, ' ');
  const lower = text.toLowerCase();
  const at = lower.search(new RegExp(`\\b${escapeRe(k)}\\b`, 'u'));
  if (at >= 0) {
    const after = text.slice(at + k.length, at + k.length + 600);
    const q = /^(?: is| =|:|=)? ?["“«]([^"”»\n]{1,500})["”»]/u.exec(after);
    if (q?.[1]) return q[1];
  }
  if (/^(?:to|recipient|recipients|email|address|to address|email address)$/u.test(k))
    return EMAIL.exec(text)?.[0];
  if (/^(?:url|uri|href|link|endpoint)$/u.test(k))
    return URL.exec(text)?.[0]?.replace(/[.,;:!?]{1,10}$/u, '');
  if (/^(?:path|file|filename|file path|filepath)$/u.test(k))
    return PATH.exec(text.replace(URL_ALL, ' '))?.[0];
  if (k === 'method') return /\b(GET|POST|PUT|DELETE|PATCH)\b/u.exec(text)?.[1];
  if (k === 'table')
    return /\b(?:table|tabelle|tabla) "?([A-Za-z_][A-Za-z0-9_]{0,63})|\bthe ([A-Za-z_][A-Za-z0-9_]{0,63}) table\b/iu
      .exec(text)
      ?.slice(1)
      .find(Boolean);
  if (/^(?:filter|query|document id|id|name|subject|title)$/u.test(k)) return QUOTED.exec(text)?.[1];
  return undefined;
}

const URL_ALL = /\bhttps?:\/\/[^\s<>"'`)\]]{1,2000}/gu;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
