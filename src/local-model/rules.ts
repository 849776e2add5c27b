// The instruction finder of the built-in `rampart-local` model. It recognises the handful of instruction
// shapes real attacks use (reveal the prompt, say X, ignore previous instructions, render a link, decode
// and follow, call a tool) in English and simple French/German/Spanish, and reports each with its position.
// It is deliberately naive and obedient: the point is that attacks SUCCEED against it, so what Rampart
// blocks is visible. Every pattern is bounded (no nested or unbounded quantifiers), the text it scans is
// capped by the caller, and whitespace is normalised first so patterns can use single spaces.

import { rot13 } from '../normalize/rot13.js';
import { findCodeOrders, findNamedTools, findSecretRequest } from './intents.js';

export type Instruction =
  | { kind: 'reveal'; scope: 'system' | 'all' }
  | { kind: 'say'; text: string }
  | { kind: 'override'; rest: string }
  | { kind: 'decode'; decoded: string; follow: boolean }
  | { kind: 'link'; markdown: string }
  | { kind: 'call'; name: string; args: Record<string, unknown> }
  | { kind: 'email'; to: string; subject?: string; body?: string }
  | { kind: 'fetch'; url: string }
  | { kind: 'write'; path: string; content?: string }
  /** Asked for a key, password, account number… of its configuration. */
  | { kind: 'secret' }
  /** A tool named in plain words (or, without a name, an address to send something to); the arguments
   *  are read from `text`, the request around the mention. */
  | { kind: 'named'; name?: string; text: string };

export interface Found {
  start: number;
  end: number;
  ins: Instruction;
}

export interface FindOptions {
  /** System/developer text: only override and decode count there (app prompts are full of "reply with …"). */
  restricted: boolean;
  /** Tool names defined in the request (explicit calls to other names are ignored). */
  toolNames: ReadonlySet<string>;
  /** Nesting depth (override → rest, decode → decoded); capped so hostile input cannot recurse forever. */
  depth: number;
}

export const MAX_DEPTH = 3;
const MAX_DECODED = 4096;

/** \r\n and \r → \n; any other whitespace run → one space. */
export const normalizeSpace = (s: string): string => s.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ');

const OVERRIDE =
  /\b(?:ignore|disregard|forget|override|skip)(?: all| any| the| your| of| my){0,3} (?:previous|prior|above|earlier|preceding|former|original|system|old)(?: [a-z]{1,20})? (?:instructions?|directions?|rules|prompts?|guidelines|directives|commands)\b|\bignore[sz]?(?: toutes)?(?: les| tes| vos)? (?:instructions|consignes) (?:précédentes|antérieures)|\b(?:ignoriere|ignorieren Sie|vergiss|vergessen Sie)(?: alle)? (?:vorherigen|bisherigen|vorangegangenen|obigen) (?:Anweisungen|Instruktionen|Regeln)|\b(?:ignora|olvida)(?: todas)?(?: las)? (?:instrucciones|reglas) (?:anteriores|previas)/giu;

// "verb … target" rules are matched in two gap-free steps (find the target, then the nearest verb before it
// in the same sentence) instead of one regex with a `[^.]{0,N}?` gap, whose cost per start position is N.
const REVEAL_VERB =
  /\b(?:repeat|reveal|print|show|output|display|tell me|write out|write down|give me|disclose|leak|share|dump|recite|spell out|what is|what are|what were|quote|copy|paste|translate|summari[sz]e|paraphrase|echo|list|include|complete|recopie|recopiez|traduis|copia|copie|traduce|mostre|mostra|ausgeben|übersetze|kopiere|what exactly|répète|répétez|révèle|révélez|affiche|affichez|montre|montrez|donne|donnez|imprime|wiederhole|wiederholen|zeige|zeig|gib|verrate|nenne|drucke|schreibe|repite|revela|muestra|dime|escribe)\b/giu;
const REVEAL_TARGET =
  /system prompt|system message|initial prompt|your configuration|your config\b|your setup|hidden preamble|preamble|your rules|prompt id|build tag|(?:told|tell|gave|give|given) you before|the prompt I wrote|instrucciones de sistema|instruções de sistema|instruções|istruzioni|システムプロンプト|original prompt|hidden prompt|secret prompt|(?:your|initial|original|system|hidden|secret|previous|prior) instructions|instructions above|text above|everything above|all (?:of )?the above|words above|prompt above|your prompt|above text|\b(?:tes|vos|les) (?:instructions|consignes)|prompt système|invite système|texte ci-dessus|tout ce qui précède|Anweisungen|Systemprompt|System-Prompt|Systemanweisung|Text oben|obigen Text|alles oben|alles darüber|\b(?:tus|las|sus) instrucciones|prompt del sistema|mensaje del sistema|texto anterior|todo lo anterior/giu;
const VERB_GAP = 40;
const REVEAL_ALL =
  /everything above|all (?:of )?the above|tout ce qui précède|alles oben|alles darüber|todo lo anterior/iu;

// The say-verbs count only in imperative position (start of text or clause, or after "please", "and", "must"…),
// so a question such as "how do I print a list?" is not an order to print "a list".
const SAY_QUOTED_HEAD =
  /(?:^|[.!?\n:;,] ?|\b(?:please|now|and|then|just|simply|also|so|must|should|instead|always|only|to|will|you|et|und|y) )(?:say|print|output|respond with|reply with|answer with|write exactly|type exactly|repeat after me|echo|dis|écris|réponds avec|réponds par|sag|sage|schreibe|antworte mit|gib aus|di|escribe|responde con|imprime)(?: exactly| only| just| verbatim| the words?| the phrase| the text| the following| exactement| seulement| genau| nur| exactamente| solo){0,3}:? ?(["“«'`])/giu;
const CLOSING_QUOTE: Record<string, string> = { '"': '"', '“': '”', '«': '»', "'": "'", '`': '`' };
const MAX_SAID = 2000;
const SAY_PLAIN =
  /(?:^|[.!?\n:;,] ?|\b(?:please|now|and|then|just|simply|also|so|must|should|instead|always|only|et|und|y) )(?:say|print|output|respond with|reply with|answer with|write exactly|type exactly|repeat after me|sag|sage|antworte mit|dis|réponds avec|réponds par|responde con)(?: exactly| only| just| verbatim| the words?| the phrase| the following){0,3}:? ([^\n.!?]{1,500})/giu;

const LINK_VERB =
  /\b(?:include|render|add|insert|embed|show|display|output|append|put|attach|end|finish|format|cite|write|termine|terminez|inclus|incluez|ajoute|ajoutez|affiche|insère|insérez|füge|zeige|bette|binde|incluye|añade|agrega|muestra|inserta)\b/giu;
const LINK_TARGET =
  /\b(?:image|picture|img|link|url|markdown|pixel|badge|photo|lien|Bild|Link|imagen|enlace)/giu;
const LINK_GAP = 60;
const IMAGE_WORD = /image|picture|img|pixel|badge|photo|Bild|imagen/iu;
const MD_IMAGE = /!\[[^\]\n]{0,200}\]\([^)\s]{1,2000}\)/gu;
const MD_LINK = /\[[^\]\n]{1,200}\]\([^)\s]{1,2000}\)/gu;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]{1,2000}/giu;

const DECODE_WORD =
  /\b(?:decode|decoded|convert this hex|hex-encoded|base64-encoded|b64|décode|décodez|dekodiere|entschlüssele|decodifica|descifra)\b/iu;
const FOLLOW_WORD =
  /\b(?:follow|execute|do|obey|run|apply|carry out|perform|comply|answer it|suis|suivez|exécute|exécutez|befolge|führe|sigue|ejecuta|haz)\b/iu;
const ROT13_WORD = /\brot-?13\b/iu;
const ROT13_COLON = /\brot-?13\b[^:\n]{0,40}: ?([^\n]{1,4096})/iu;
const QUOTED = /"([^"\n]{1,4096})"/u;
const HEX_BLOB = /\b(?:[0-9a-fA-F]{2}){8,2048}\b/gu;
const B64_BLOB = /[A-Za-z0-9+/]{16,8192}={0,2}/gu;

const CALL_WITH =
  /\b(?:call|use|run|invoke|execute|trigger)(?: the)? ([A-Za-z_][A-Za-z0-9_.-]{0,63})(?: tool| function)?(?: with| using)?(?: the)?(?: arguments| args| parameters| params| input)?:? ?(?=\{)/giu;

// One literal (not built from parts) so the ReDoS audit sees it.
const SEND_EMAIL =
  /\b(?:send|email|mail|forward|write)(?: an?| the)?(?: e-?mail| message| mail)? to ([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})|\benvoie(?:z)?(?: un)? (?:e-?mail|courriel|message) à ([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})|\bsende(?:n Sie)?(?: eine)? (?:E-?Mail|Nachricht) an ([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})|\benv[ií]a(?: un)? (?:correo|e-?mail|mensaje) a ([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})/giu;
const SUBJECT = /\b(?:subject|sujet|Betreff|asunto):? ?(?:"([^"\n]{0,500})"|([^\n.,;]{1,200}))/iu;
const BODY =
  /\b(?:saying|with (?:the )?body|body|containing|that says|with (?:the )?(?:text|content|message)|disant|contenant|mit dem Text|mit Inhalt|diciendo|con el texto)(?::| that)? ?(?:"([^"\n]{0,2000})"|([^\n]{1,2000}))/iu;
// "… with the conversation": a bare "with" names the body only when nothing more specific did.
const BODY_WITH = /\bwith (?!subject)([^\n]{1,2000})/iu;
const FETCH =
  /\b(?:fetch|open|visit|browse|load|download|get|retrieve|go to|navigate to|read|curl|récupère|ouvre|visite|öffne|lade|besuche|abre|visita|descarga)(?: the)?(?: url| page| website| site| link)?:? ?(https?:\/\/[^\s<>"'`)\]]{1,2000})/giu;
const WRITE_TO =
  /\b(?:write|save|store|put|écris|schreibe|escribe)(?: "([^"\n]{0,2000})")? (?:to|into|in|dans|in die|en)(?: the| a)?(?: file| fichier| Datei| archivo)? ((?:\/|~\/|\.\/)?[A-Za-z0-9_-]{1,64}(?:[./][A-Za-z0-9_-]{1,64}){0,16}\.[A-Za-z0-9]{1,10})/giu;
const WRITE_FILE =
  /\b(?:write|create|save)(?: a| the)? file ((?:\/|~\/|\.\/)?[A-Za-z0-9_-]{1,64}(?:[./][A-Za-z0-9_-]{1,64}){0,16})(?: with| containing)(?: the)?(?: content| text)?:? ?(?:"([^"\n]{0,2000})"|([^\n]{1,2000}))/giu;

// An address and a verb that sends or shares, in one clause: "e-mail the transcript … to x@y", "share the
// document with x@y", "envoie … à x@y". The address sits at most 200 characters after the verb.
const SEND_VERB =
  /\b(?:send|e-?mail|mail|forward|share|envoie|envoyez|partage|sende|schick|teile|env[ií]a|comparte|manda|invia|condividi|envie|compartilhe)\b/giu;
const ADDRESS = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{1,200}/u;

// "never reveal…", "do not say…": a negated instruction is not an instruction.
const NEGATED =
  /\b(?:never|not|don't|dont|do not|no|nie|nicht|niemals|jamais|ne|pas|nunca)(?: [a-z]{1,15})?[ ,]*$/iu;
const isNegated = (text: string, at: number) => NEGATED.test(text.slice(Math.max(0, at - 24), at));

/** All instructions in `raw` (one message's text), by position; overlaps resolved by rule priority. */
export function findInstructions(raw: string, opts: FindOptions): Found[] {
  const text = normalizeSpace(raw);
  const found: Found[] = [];
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  const add = (start: number, end: number, ins: Instruction | undefined) => {
    if (ins === undefined || overlaps(start, end) || isNegated(text, start)) return;
    found.push({ start, end, ins });
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      fn(m);
      if (m[0].length === 0) re.lastIndex++;
    }
  };

  // Mutators: "the next line is written backwards / in ROT13": the model reads the line the other way;
  // `a = "…"`, `b = "…"`, "follow a + b": it joins the pieces and reads the whole.
  if (!opts.restricted && opts.depth < MAX_DEPTH) {
    // Placed at the "a + b" expression, after the pieces: the whole outranks the fragments it was cut from.
    const joined = joinedPieces(text);
    if (joined !== undefined)
      add(joined.at, joined.at + 1, { kind: 'decode', decoded: joined.text, follow: true });
    const flipped = flippedLine(text);
    if (flipped !== undefined)
      add(flipped.at, flipped.at + 1, { kind: 'decode', decoded: flipped.text, follow: true });
  }
  // Priority order: a lower rule never claims text an earlier one matched.
  each(OVERRIDE, (m) => {
    if (opts.depth >= MAX_DEPTH) return;
    add(m.index, text.length, { kind: 'override', rest: stripLead(text.slice(m.index + m[0].length)) });
  });
  const dec = DECODE_WORD.exec(text);
  if (dec && opts.depth < MAX_DEPTH) {
    const decoded = decodeBlob(text);
    if (decoded !== undefined)
      add(dec.index, dec.index + dec[0].length, { kind: 'decode', decoded, follow: FOLLOW_WORD.test(text) });
  }
  if (opts.restricted) return sortByStart(found);

  for (const v of verbThenTarget(text, REVEAL_VERB, REVEAL_TARGET, VERB_GAP))
    add(v.start, v.end, { kind: 'reveal', scope: REVEAL_ALL.test(v.target) ? 'all' : 'system' });
  if (opts.toolNames.size > 0) {
    const tool = (name: string) =>
      opts.toolNames.has(name)
        ? name
        : [...opts.toolNames].find((t) => t.toLowerCase() === name.toLowerCase());
    each(CALL_WITH, (m) => {
      const name = tool(m[1] ?? '');
      const json = name ? extractJsonObject(text, m.index + m[0].length) : undefined;
      if (name && json) add(m.index, json.end, { kind: 'call', name, args: json.value });
    });
    for (const c of parenCalls(text)) {
      const name = tool(c.name);
      const json = name ? extractJsonObject(text, c.argsAt) : undefined;
      if (name && json) add(c.start, json.end, { kind: 'call', name, args: json.value });
    }
    for (const t of findNamedTools(text, opts.toolNames)) {
      const from = clauseStart(text, t.start);
      add(t.start, t.start + t.name.length, {
        kind: 'named',
        name: t.name,
        text: text.slice(from, Math.min(text.length, t.start + 800)),
      });
    }
    each(SEND_EMAIL, (m) => {
      const to = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2500);
      const sentence = after.split('\n', 1)[0] ?? '';
      const subj = SUBJECT.exec(sentence);
      const body = BODY.exec(sentence) ?? BODY_WITH.exec(sentence);
      const ins: Instruction = { kind: 'email', to };
      if (subj) ins.subject = (subj[1] ?? subj[2] ?? '').trim();
      if (body) ins.body = (body[1] ?? body[2] ?? '').trim();
      add(m.index, m.index + m[0].length, ins);
    });
    each(SEND_VERB, (m) => {
      const window = text.slice(m.index, m.index + 260).split('\n', 1)[0] ?? '';
      const addr = ADDRESS.exec(window);
      if (!addr) return;
      const from = clauseStart(text, m.index);
      const end = m.index + addr.index + addr[0].length;
      add(m.index, end, { kind: 'named', text: text.slice(from, Math.min(text.length, end + 400)) });
    });
    each(FETCH, (m) => add(m.index, m.index + m[0].length, { kind: 'fetch', url: trimUrl(m[1] ?? '') }));
    each(WRITE_FILE, (m) =>
      add(m.index, m.index + m[0].length, { kind: 'write', path: m[1] ?? '', content: m[2] ?? m[3] ?? '' }),
    );
    each(WRITE_TO, (m) => {
      const ins: Instruction = { kind: 'write', path: m[2] ?? '' };
      if (m[1] !== undefined) ins.content = m[1];
      add(m.index, m.index + m[0].length, ins);
    });
  }
  let links: ReturnType<typeof linkIndex> | undefined;
  for (const v of verbThenTarget(text, LINK_VERB, LINK_TARGET, LINK_GAP)) {
    const wantImage = IMAGE_WORD.test(text.slice(v.start, v.end + 16));
    const md = findLink((links ??= linkIndex(text)), v.start, wantImage);
    if (md) add(v.start, v.end, { kind: 'link', markdown: md });
  }
  each(SAY_QUOTED_HEAD, (m) => {
    // The closing quote is found with indexOf: a regex body like [^"]{1,2000} rescans it from every "say".
    const open = m.index + m[0].length;
    const rel = text.slice(open, open + MAX_SAID + 1).indexOf(CLOSING_QUOTE[m[1] ?? '"'] ?? '"');
    if (rel <= 0) return;
    const said = text.slice(open, open + rel);
    if (!said.includes('\n')) add(m.index, open + rel + 1, { kind: 'say', text: said });
  });
  each(SAY_PLAIN, (m) => {
    const said = (m[1] ?? '').trim();
    // "print it / that / them …" points at something else (a key, the prompt): not words to say.
    if (said && !/^["“«'`]/u.test(said) && !/^(?:it|that|this|them|these|those|they)\b/iu.test(said))
      add(m.index, m.index + m[0].length, { kind: 'say', text: said });
  });
  for (const c of findCodeOrders(text)) add(c.start, c.end, { kind: 'say', text: c.code });
  // "…with ACCOUNT replaced by the account number": a secret asked for inside a link goes into the link.
  const secret = findSecretRequest(text);
  if (secret && !found.some((f) => f.ins.kind === 'link')) add(secret.start, secret.end, { kind: 'secret' });
  return sortByStart(found);
}

/** Start of the clause holding `at`: back to the last sentence end, at most 300 characters. */
function clauseStart(text: string, at: number): number {
  const from = Math.max(0, at - 300);
  const before = text.slice(from, at);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '));
  return cut >= 0 ? from + cut + 1 : from;
}

const ASSIGNMENT = /^ ?([A-Za-z_][A-Za-z0-9_]{0,15}) ?= ?("(?:[^"\\\n]|\\.){0,2000}")/u;
const SUM = /\b[A-Za-z_][A-Za-z0-9_]{0,15}(?: ?\+ ?[A-Za-z_][A-Za-z0-9_]{0,15}){1,15}\b/u;

/** The concatenation a "string exercise" asks for: string variables, one per line, joined in the order
 *  of the first `a + b + …` expression over them. */
function joinedPieces(text: string): { text: string; at: number } | undefined {
  const vars = new Map<string, string>();
  for (const line of text.split('\n', 64)) {
    const m = ASSIGNMENT.exec(line);
    if (!m) continue;
    try {
      const v: unknown = JSON.parse(m[2] ?? '');
      if (typeof v === 'string') vars.set(m[1] ?? '', v);
    } catch {
      // Not a JSON string: not a piece.
    }
  }
  if (vars.size < 2) return undefined;
  let at = 0;
  for (const line of text.split('\n', 64)) {
    const sum = ASSIGNMENT.test(line) ? null : SUM.exec(line);
    const names = sum ? sum[0].split('+').map((n) => n.trim()) : [];
    if (sum && names.every((n) => vars.has(n)))
      return {
        text: names
          .map((n) => vars.get(n))
          .join('')
          .slice(0, MAX_DECODED),
        at: at + sum.index,
      };
    at += line.length + 1;
  }
  return undefined;
}

const FLIP_WORD = /\b(?:backwards|reversed|reverse it|right to left|rot-?13)\b/iu;

/** The longest other line of a text that says "the line below is backwards / ROT13", read the other way. */
function flippedLine(text: string): { text: string; at: number } | undefined {
  const w = FLIP_WORD.exec(text);
  if (!w) return undefined;
  const rot = /rot/iu.test(w[0]);
  let best = '';
  for (const line of text.split('\n')) if (!FLIP_WORD.test(line) && line.length > best.length) best = line;
  if (best.trim().length < 8) return undefined;
  const s = best.slice(0, MAX_DECODED);
  return { text: rot ? rot13(s) : Array.from(s).reverse().join(''), at: w.index };
}

const isIdentChar = (c: string) => /[A-Za-z0-9_.-]/u.test(c);

/** `NAME({...})` calls: found from each "({" backwards (a regex over identifiers would rescan long runs). */
function parenCalls(text: string): Array<{ name: string; start: number; argsAt: number }> {
  const out: Array<{ name: string; start: number; argsAt: number }> = [];
  for (let i = text.indexOf('({'); i !== -1 && out.length < 1000; i = text.indexOf('({', i + 2)) {
    let end = i;
    if (end > 0 && text[end - 1] === ' ') end--;
    let start = end;
    while (start > 0 && end - start < 64 && isIdentChar(text[start - 1]!)) start--;
    if (start > 0 && isIdentChar(text[start - 1]!)) continue; // longer than a tool name can be
    const name = text.slice(start, end);
    if (/^[A-Za-z_]/u.test(name)) out.push({ name, start, argsAt: i + 1 });
  }
  return out;
}

/** Each TARGET match with the nearest VERB before it, at most `gap` characters away in the same sentence. */
function verbThenTarget(text: string, verb: RegExp, target: RegExp, gap: number) {
  const out: Array<{ start: number; end: number; target: string }> = [];
  target.lastIndex = 0;
  for (let t = target.exec(text); t !== null && out.length < 1000; t = target.exec(text)) {
    const from = Math.max(0, t.index - gap - 24);
    const window = text.slice(from, t.index);
    let last: RegExpExecArray | undefined;
    verb.lastIndex = 0;
    for (let v = verb.exec(window); v !== null; v = verb.exec(window)) last = v;
    if (!last) continue;
    const between = window.slice(last.index + last[0].length);
    // A sentence ends at punctuation followed by a space; the dots of a URL do not end it.
    if (between.length > gap || /[.?!](?: |$)|\n/u.test(between)) continue;
    out.push({ start: from + last.index, end: t.index + t[0].length, target: t[0] });
  }
  return out;
}

const sortByStart = (f: Found[]) => f.sort((a, b) => a.start - b.start);

/** Drops the punctuation and "and then" between "ignore previous instructions" and what follows. */
function stripLead(rest: string): string {
  let s = rest.replace(/^[\s,.:;!\u2013\u2014-]{0,20}/u, '');
  for (let i = 0; i < 3; i++) {
    const m = /^(?:and|then|instead|et|puis|und|dann|y|luego)\b[\s,:]{0,5}/iu.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s.slice(0, 4000);
}

/** URLs in prose often end with sentence punctuation that is not part of them. */
const trimUrl = (u: string) => u.replace(/[.,;:!?]{1,10}$/u, '');

/** Every markdown image, markdown link and bare URL of a text, found once (triggers may be many). */
function linkIndex(text: string) {
  const all = (re: RegExp) => {
    re.lastIndex = 0;
    const out: RegExpExecArray[] = [];
    for (let m = re.exec(text); m !== null && out.length < 1000; m = re.exec(text)) out.push(m);
    return out;
  };
  return { images: all(MD_IMAGE), links: all(MD_LINK), urls: all(URL_RE) };
}

/** The markdown image/link or URL an "include this image/link" instruction refers to: the first one
 *  after the instruction, else the first in the text. */
function findLink(idx: ReturnType<typeof linkIndex>, from: number, wantImage: boolean): string | undefined {
  const pick = (ms: RegExpExecArray[]) => ms.find((m) => m.index >= from) ?? ms[0];
  const img = pick(idx.images);
  if (img) return img[0];
  const link = pick(idx.links);
  if (link) return link[0];
  const url = pick(idx.urls);
  if (!url) return undefined;
  const u = trimUrl(url[0]);
  return wantImage ? `![image](${u})` : `[link](${u})`;
}

/** A balanced JSON object starting at `at` (bounded to 8 KiB), parsed; undefined when it is not one. */
export function extractJsonObject(
  text: string,
  at: number,
): { value: Record<string, unknown>; end: number } | undefined {
  if (text[at] !== '{') return undefined;
  let depth = 0;
  let inStr = false;
  const limit = Math.min(text.length, at + 8192);
  for (let i = at; i < limit; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        const v: unknown = JSON.parse(text.slice(at, i + 1));
        if (v && typeof v === 'object' && !Array.isArray(v))
          return { value: v as Record<string, unknown>, end: i + 1 };
      } catch {
        return undefined;
      }
      return undefined;
    }
  }
  return undefined;
}

// ---- decoding ------------------------------------------------------------------------------------

/** Mostly printable text (what an attacker encodes is an instruction, not binary). */
function printable(s: string): boolean {
  if (s.length === 0 || s.includes('\uFFFD')) return false;
  let ok = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) ok++;
  }
  return ok / s.length >= 0.95;
}

/** Finds and decodes a rot13 / hex / base64 blob in the text; bounded output. */
export function decodeBlob(text: string): string | undefined {
  if (ROT13_WORD.test(text)) {
    const m = QUOTED.exec(text) ?? ROT13_COLON.exec(text);
    if (m?.[1]) return rot13(m[1]).slice(0, MAX_DECODED);
  }
  HEX_BLOB.lastIndex = 0;
  for (let m = HEX_BLOB.exec(text); m !== null; m = HEX_BLOB.exec(text)) {
    const s = Buffer.from(m[0], 'hex').toString('utf8');
    if (printable(s)) return s.slice(0, MAX_DECODED);
  }
  B64_BLOB.lastIndex = 0;
  for (let m = B64_BLOB.exec(text); m !== null; m = B64_BLOB.exec(text)) {
    let len = m[0].length;
    while (len > 0 && m[0][len - 1] === '=') len--;
    if (len % 4 === 1) continue;
    const s = Buffer.from(m[0], 'base64').toString('utf8');
    if (printable(s) && /[ \n]/u.test(s.trim())) return s.slice(0, MAX_DECODED);
  }
  return undefined;
}
