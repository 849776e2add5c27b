// Addressee cues: does a span speak to the MODEL rather than to the human reader? Documents and e-mails are
// full of imperatives for their reader ("run npm install", "please reply by Friday"); an instruction to the
// model names the assistant/AI/model, its answer or output, the conversation, earlier instructions or the
// user, or switches the task ("instead", "before answering"). Each cue family is a general word list in several
// languages, matched on canonical text; a match becomes a binary feature of the windows it overlaps (in the
// rule-feature table, next to the rules), and the heads learn how much each family is worth.
import type { Span } from '../core/types.js';
import { LEXICON_CUES, lexiconHits } from './lexicon.js';

interface Cue {
  name: string;
  re: RegExp;
  /**
   * Code units a match and the character after it (the lookahead) span at most: each source character of a
   * term matches at most one character (two code units), and no term has a * + or {} quantifier.
   */
  reach: number;
}

// Letters or digits must not touch a cue on either side (Unicode-aware word boundary).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const alt = (words: readonly string[]): string => words.join('|');

/** Names of the model/assistant as an addressee. */
const AI_TERMS = [
  // en
  'ai',
  'a\\.i\\.',
  'llm',
  'llms',
  'chatbot',
  'chat ?gpt',
  'gpt',
  'assistant',
  'language model',
  'ai model',
  'ai agent',
  'ai system',
  'bot',
  // de / nl
  'ki',
  'sprachmodell',
  'assistent',
  'taalmodel',
  // fr / es / it / pt / ro
  'ia',
  'modèle de langage',
  'modelo de lenguaje',
  'modelo de linguagem',
  'modello linguistico',
  'asistente',
  'assistente',
  'asistent',
  'asistentul',
  // pl
  'asystent',
  'asystencie',
  'asystenta',
  'model językowy',
  'modelu językowego',
  'sztuczna inteligencja',
  'sztucznej inteligencji',
  // ru / uk
  'ии',
  'ші',
  'ассистент',
  'ассистента',
  'помощник',
  'языковая модель',
  'языковой модели',
  'нейросеть',
  'чат-бот',
  'асистент',
  // el
  'τν',
  'βοηθός',
  'βοηθέ',
  'γλωσσικό μοντέλο',
  'τεχνητή νοημοσύνη',
  // tr / id / vi
  'yapay zeka',
  'dil modeli',
  'asisten',
  'model bahasa',
  'trợ lý',
  'mô hình ngôn ngữ',
] as const;

/** The model's own output: "your answer/response/summary/output", "in the reply". */
const OUTPUT_TERMS = [
  'your (?:response|responses|answer|answers|reply|replies|output|summary|translation|next message|final answer)',
  '(?:in|to|at the (?:start|end) of) (?:the|your) (?:response|answer|reply|output|summary)',
  'before (?:answering|responding|replying|you answer|you respond|summari[sz]ing)',
  'when (?:answering|responding|summari[sz]ing)',
  // de / nl
  '(?:deine|ihre|deiner|ihrer) antwort',
  'bevor du antwortest',
  '(?:je|uw) (?:antwoord|reactie|samenvatting)',
  // fr / es / it / pt / ro
  'votre réponse',
  'ta réponse',
  'avant de répondre',
  'tu respuesta',
  'su respuesta',
  'antes de responder',
  'la tua risposta',
  'prima di rispondere',
  '(?:sua|tua) resposta',
  'răspunsul tău',
  // pl
  'twoja odpowiedź',
  'twojej odpowiedzi',
  'w odpowiedzi',
  'zanim odpowiesz',
  'przed odpowiedzią',
  'swojej odpowiedzi',
  // ru / uk
  'твой ответ',
  'ваш ответ',
  'в ответе',
  'в своём ответе',
  'в своем ответе',
  'перед ответом',
  'прежде чем ответить',
  'твоя відповідь',
  'у відповіді',
  // el
  'η απάντησή σου',
  'την απάντησή σου',
  'στην απάντησή σου',
  'πριν απαντήσεις',
  // tr / id
  'cevabın',
  'yanıtın',
  'jawabanmu',
  'jawaban anda',
] as const;

/** The conversation and its other parties: earlier instructions, the system prompt, the user. */
const CONTEXT_TERMS = [
  '(?:previous|prior|above|earlier|preceding|original|initial|system|developer|all) (?:instructions|prompt|prompts|directives|guidelines|rules)',
  'system prompt',
  'this conversation',
  'the conversation',
  'the chat',
  'the user',
  "the user's",
  // de / nl
  '(?:vorherigen|bisherigen|obigen|vorigen) (?:anweisungen|befehle|regeln)',
  'systemprompt',
  'der benutzer',
  'den benutzer',
  '(?:vorige|eerdere) (?:instructies|opdrachten)',
  'de gebruiker',
  // fr / es / it / pt / ro
  'instructions précédentes',
  "l'utilisateur",
  'instrucciones anteriores',
  'el usuario',
  'al usuario',
  'istruzioni precedenti',
  "l'utente",
  'instruções anteriores',
  'o usuário',
  'instrucțiunile anterioare',
  'utilizatorul',
  // pl
  'poprzednie (?:instrukcje|polecenia)',
  'poprzednich (?:instrukcji|poleceń)',
  'wcześniejsze (?:instrukcje|polecenia)',
  'wcześniejszych (?:instrukcji|poleceń)',
  'prompt systemowy',
  'użytkownik',
  'użytkownika',
  'użytkownikowi',
  'tej rozmowy',
  // ru / uk
  'предыдущие инструкции',
  'предыдущих инструкций',
  'системный промпт',
  'пользователь',
  'пользователя',
  'пользователю',
  'попередні інструкції',
  'користувач',
  // el
  'προηγούμενες οδηγίες',
  'τις οδηγίες',
  'ο χρήστης',
  'τον χρήστη',
  'του χρήστη',
  // tr / id
  'önceki talimatlar',
  'kullanıcı',
  'instruksi sebelumnya',
  'pengguna',
] as const;

/** Switching or extending the task. */
const SWITCH_TERMS = [
  'instead',
  'from now on',
  'new instructions?',
  'new task',
  'additional instructions?',
  'also (?:include|add|append|mention|say|tell|send)',
  // de / nl
  'stattdessen',
  'ab (?:jetzt|sofort)',
  'neue anweisungen?',
  'in plaats daarvan',
  'vanaf nu',
  // fr / es / it / pt / ro
  'à la place',
  'désormais',
  'nouvelles instructions',
  'en su lugar',
  'en cambio',
  'a partir de ahora',
  'nuevas instrucciones',
  'invece',
  "d'ora in poi",
  'nuove istruzioni',
  'em vez disso',
  'a partir de agora',
  'novas instruções',
  'în schimb',
  'de acum',
  // pl
  'zamiast tego',
  'od teraz',
  'od tej chwili',
  'nowe (?:instrukcje|polecenie|zadanie)',
  // ru / uk
  'вместо этого',
  'отныне',
  'с этого момента',
  'новые инструкции',
  'новая задача',
  'замість цього',
  'відтепер',
  // el
  "αντί γι['’]? ?αυτό",
  'από τώρα',
  'νέες οδηγίες',
  // tr / id
  'bunun yerine',
  'bundan sonra',
  'sebagai gantinya',
  'mulai sekarang',
] as const;

/** Direct second-person address to the model ("you are", "you must", "as an AI"). */
const YOU_AI_TERMS = [
  "(?:you are|you're|act as|pretend to be|as) (?:an?|the) (?:ai|assistant|language model|llm|chatbot|bot)",
  '(?:hey|dear|attention|note to|notice to|message for) (?:the )?(?:ai|assistant|llm|model|bot|agent)',
  '(?:du bist|sie sind|als) (?:ein|eine) (?:ki|assistent|sprachmodell)',
  "(?:tu es|vous êtes|en tant qu['’]?) ?(?:une?|qu['’]) ?(?:ia|assistant)",
  '(?:eres|como) (?:una?) (?:ia|asistente)',
  '(?:sei|come) (?:una?) (?:ia|assistente)',
  '(?:você é|como) (?:uma?) (?:ia|assistente)',
  '(?:jesteś|jako) (?:asystent|asystentem|ai|si|model)',
  '(?:ты|вы) (?:—|-)? ?(?:ии|ассистент|помощник|языковая модель)',
  '(?:είσαι|ως) (?:ένας?|μια) (?:βοηθός|τν)',
] as const;

const build = (name: string, words: readonly string[]): Cue => ({
  name,
  re: new RegExp(`${B}(?:${alt(words)})${E}`, 'giu'),
  reach: words.some((w) => /[*+{]/u.test(w)) ? Infinity : 2 * Math.max(...words.map((w) => w.length)) + 2,
});

const CUES: readonly Cue[] = [
  build('cue.ai', AI_TERMS),
  build('cue.output', OUTPUT_TERMS),
  build('cue.context', CONTEXT_TERMS),
  build('cue.switch', SWITCH_TERMS),
  build('cue.you_ai', YOU_AI_TERMS),
];

export interface CueHit {
  span: Span;
  name: string;
}

/**
 * Cue sets: 1, the addressee families above (the model files trained before the lexicon); 2, those and the
 * lexicon cues (lexicon.ts: synonym classes of override verbs and instruction nouns, secret-extraction asks,
 * authority claims and agent actions, in 29 languages). A model file names the set it was trained with.
 */
export type CueSet = 1 | 2;
export const CUE_SETS: readonly CueSet[] = [1, 2];

/** Every cue match in canonical text (at most `max` per family, so hostile input stays cheap). */
export function cueHits(text: string, max = 256, set: CueSet = 1): CueHit[] {
  const scan = cueScan(text, max, set);
  scan.advance(text.length);
  return scan.families.flat();
}

/**
 * `cueHits` in steps: `advance(to)` finds every cue match that starts before `to`. `families[f]` holds family
 * f's matches in text order; run to the end, `families.flat()` is `cueHits(text, max)`.
 */
export interface CueScan {
  readonly families: readonly CueHit[][];
  advance(to: number): void;
}

export function cueScan(text: string, max = 256, set: CueSet = 1): CueScan {
  const families = CUES.map((): CueHit[] => []);
  // Lexicon cues (set 2): found in one pass over the whole text on the first advance (the pass is linear, and
  // its word pairs may reach past `to`), then handed out as `to` grows; one family per cue name.
  const lexFamilies = set === 2 ? LEXICON_CUES.map((): CueHit[] => []) : [];
  let lexAll: CueHit[] | undefined;
  let lexNext = 0;
  const lexIndex = new Map<string, number>(LEXICON_CUES.map((name, i) => [name, i]));
  families.push(...lexFamilies);
  // Per family: where its search resumes (no match starts in between), and whether it is over.
  const resume = CUES.map(() => 0);
  const done = CUES.map(() => false);
  const n = text.length;
  return {
    families,
    advance(to) {
      for (let f = 0; f < CUES.length; f++) {
        const out = families[f]!;
        if (done[f] || resume[f]! >= to) continue;
        const { re, reach, name } = CUES[f]!;
        // Search only up to where a match starting before `to` can end (plus its lookahead character), from
        // two code units before the resume point (the lookbehind's character): a match found there starting
        // before `to` is the one a search of the whole text finds, and none is missed. A match starting at
        // or after `to` may be cut short by the slice: it is found again by a later call.
        const from = resume[f]!;
        const base = Math.max(0, from - 2);
        const end = Math.min(n, to + reach);
        const slice = base === 0 && end === n ? text : text.slice(base, end);
        // The regexes are shared: set lastIndex before each run (scoring is synchronous, nothing interleaves).
        re.lastIndex = from - base;
        let next = from;
        for (;;) {
          const m = re.exec(slice);
          if (m === null) {
            if (end === n) done[f] = true;
            break;
          }
          const at = base + m.index;
          if (at >= to) break;
          out.push({ span: [at, at + m[0].length], name });
          next = base + re.lastIndex;
          if (m[0].length === 0) re.lastIndex++;
          if (out.length >= max) {
            done[f] = true;
            break;
          }
        }
        resume[f] = Math.max(next, to);
      }
      if (set === 2) {
        lexAll ??= lexiconHits(text, max);
        while (lexNext < lexAll.length && lexAll[lexNext]!.span[0] < to) {
          const h = lexAll[lexNext++]!;
          lexFamilies[lexIndex.get(h.name)!]!.push(h);
        }
      }
    },
  };
}
