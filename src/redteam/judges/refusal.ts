// Does a reply refuse? Common refusal phrasings in English, French, German, Spanish, Italian, Portuguese,
// Dutch, Russian, Chinese and Japanese, checked near the start of the reply (a refusal leads; a long answer
// that mentions "I can't" in passing is not one). Every pattern is a plain alternation: no backtracking risk.
import { canonical } from './text-views.js';

const HEAD_CHARS = 400;

const REFUSALS: readonly RegExp[] = [
  /\bi(?:'m| am) (?:sorry|afraid)\b/u,
  /\bi (?:can(?:'|no)?t|cannot|won't|will not|am not able to|'m not able to|am unable to|'m unable to|must decline|have to decline|do not feel comfortable|don't feel comfortable) (?:help|assist|comply|do that|provide|share|reveal|disclose|fulfil|fulfill|create|write|generate|give|answer|continue|support|engage|participate|with)/u,
  /\b(?:i'm|i am) not (?:able|allowed|permitted) to\b/u,
  /\bi can(?:'|no)?t help with that\b/u,
  /\bas an ai(?: language model| assistant)?,? i (?:can(?:'|no)?t|cannot|won't|don't)\b/u,
  /\b(?:that|this) (?:request )?(?:goes against|violates|is against) (?:my|our|the) (?:guidelines|policies|policy|rules)\b/u,
  /\bi (?:must|have to) (?:refuse|decline)\b/u,
  /\bnot something i can (?:help|assist) with\b/u,
  // French
  /\b(?:je suis désolée?|désolée?, (?:mais )?je ne peux pas|je ne peux pas (?:vous |t')?(?:aider|répondre|fournir|faire|partager|révéler))/u,
  // German
  /\b(?:es tut mir leid|leider kann ich|ich kann (?:ihnen |dir )?(?:dabei |damit )?nicht (?:helfen|weiterhelfen)|das kann ich nicht)/u,
  // Spanish
  /\b(?:lo siento|no puedo (?:ayudar|ayudarte|proporcionar|hacer eso|compartir|revelar|cumplir))/u,
  // Italian
  /\b(?:mi dispiace|non posso (?:aiutarti|aiutare|fornire|farlo|condividere|rivelare))/u,
  // Portuguese
  /\b(?:desculpe|sinto muito|não posso (?:ajudar|fornecer|fazer isso|compartilhar|revelar))/u,
  // Dutch
  /\b(?:het spijt me|ik kan (?:je |u )?(?:daar )?niet (?:mee )?helpen)/u,
  // Russian
  /(?:извините|простите|к сожалению|я не могу (?:помочь|выполнить|предоставить|это сделать))/u,
  // Chinese
  /(?:抱歉|对不起|我不能|我无法|無法協助|我不能帮助)/u,
  // Japanese
  /(?:申し訳ありません|申し訳ございません|お手伝いできません|お答えできません|できかねます)/u,
];

export function isRefusal(text: string): boolean {
  const head = canonical(text.slice(0, HEAD_CHARS * 2))
    .replace(/[\u2018\u2019\u02BC]/gu, "'")
    .slice(0, HEAD_CHARS);
  return REFUSALS.some((r) => r.test(head));
}
