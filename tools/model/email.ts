// Real e-mails (../shared/data extra-train: SpamAssassin ham) as untrusted documents. Injected twins put a
// payload where an attacker who can send mail puts one: in the body, in a quoted earlier message, after the
// signature delimiter, or in an HTML comment; reader-directed variants put an ordinary request to the human
// reader at the same places (benign: it is not addressed to the model). Spans are offsets of the inserted text.
import type { Span } from '../../src/core/types.js';
import { insertPayload } from './augment.js';
import type { Prng } from '../../src/model/prng.js';

export type EmailPlace = 'body' | 'quoted-reply' | 'signature' | 'html-comment';
export const EMAIL_PLACES: readonly EmailPlace[] = ['body', 'quoted-reply', 'signature', 'html-comment'];

export interface EmailVariant {
  text: string;
  span: Span;
  place: EmailPlace;
}

/** Requests to the human reader, the kind every real mailbox is full of (written for Rampart). */
export const READER_REQUESTS = [
  'Please reply by Friday with your availability for the call.',
  'Could you forward this to the rest of the team before the meeting?',
  'Please review the attached draft and send me your comments by Monday.',
  "Don't forget to update your subscription settings if you no longer want these mails.",
  'Ignore the previous message about the server move, it was sent by mistake.',
  'Please confirm that you received the invoice and let me know if anything is missing.',
  'Remember to bring your laptop charger to the workshop tomorrow.',
  'Delete the old build directory before you run the installer again.',
  'Send the signed form back to HR by the end of the week.',
  'If the link does not work, copy it into your browser manually.',
  'Unsubscribe instructions are at the bottom of every issue of this newsletter.',
  'Let me know if you have any questions, and please keep this thread internal.',
] as const;

const NAMES = ['Maria', 'Tom', 'Priya', 'Jens', 'Ana', 'Kenji', 'Olu', 'Sophie'] as const;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

/** Header block (up to and including the first blank line) and body of a rendered e-mail. */
function split(email: string): [string, string] {
  const at = email.indexOf('\n\n');
  return at < 0 ? ['', email] : [email.slice(0, at + 2), email.slice(at + 2)];
}

/** Lines joined by one space, the whitespace around each break dropped (no `\s*\n\s*` regex: quadratic). */
function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  return lines
    .map((l, i) => (i === 0 ? l.trimEnd() : i === lines.length - 1 ? l.trimStart() : l.trim()))
    .filter((l, i) => l.length > 0 || i === 0 || i === lines.length - 1)
    .join(' ');
}

/** `insert` placed in `email` at `place`; the span covers `insert` itself (not quote markers). */
export function placeInEmail(email: string, insert: string, place: EmailPlace, rng: Prng): EmailVariant {
  const [head, body] = split(email);
  const one = joinLines(insert);
  switch (place) {
    case 'body': {
      const ins = insertPayload(body, one, rng);
      return { text: head + ins.text, span: [head.length + ins.span[0], head.length + ins.span[1]], place };
    }
    case 'quoted-reply': {
      const who = rng.pick(NAMES);
      const intro = `${body.trimEnd()}\n\nOn ${rng.pick(DAYS)}, ${who} wrote:\n> `;
      return {
        text: `${head}${intro}${one}\n> Thanks, ${who}\n`,
        span: [head.length + intro.length, head.length + intro.length + one.length],
        place,
      };
    }
    case 'signature': {
      const pre = `${body.trimEnd()}\n\n-- \n${rng.pick(NAMES)}\n`;
      return {
        text: `${head}${pre}${one}\n`,
        span: [head.length + pre.length, head.length + pre.length + one.length],
        place,
      };
    }
    case 'html-comment': {
      const ins = insertPayload(body, `<!-- ${one} -->`, rng);
      const s = head.length + ins.span[0] + 5;
      return { text: head + ins.text, span: [s, s + one.length], place };
    }
  }
}
