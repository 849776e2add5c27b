import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../src/core/errors.js';
import { foldConfusables } from '../../src/normalize/confusables.js';
import { loadAttackLibrary } from '../../src/redteam/attacks/load.js';
import { fillPlaceholders } from '../../src/redteam/attacks/placeholders.js';
import { fromTags, removeZeroWidth } from '../../src/redteam/mutators/characters.js';
import { reverseText } from '../../src/redteam/mutators/encodings.js';
import { rot13 } from '../../src/normalize/rot13.js';
import {
  applyMutators,
  checkChain,
  getMutator,
  MUTATOR_NAMES,
  MUTATORS,
} from '../../src/redteam/mutators/index.js';
import { splitProtected } from '../../src/redteam/mutators/types.js';
import { mulberry32 } from '../../src/redteam/rng.js';

const values = {
  marker: 'RTQ7XK2MZP4A',
  canary: 'ctkabc',
  secret: 'sk_live_x',
  attacker_url: 'https://ab12cd.sync-relay.example',
  attacker_email: 'k3k3k3k3@sync-relay.example',
};
const protect = [values.marker, values.attacker_url, values.attacker_email];
// Payload turns of the whole library, filled as the runner fills them.
const payloads = loadAttackLibrary().map((c) => fillPlaceholders(c.turns[c.turns.length - 1]!, values));
const english = loadAttackLibrary()
  .filter((c) => c.lang === 'en' && c.payload !== 'document')
  .map((c) => fillPlaceholders(c.turns[0]!, values));

const run = (name: string, text: string, seed = 11) =>
  getMutator(name).apply(text, mulberry32(seed), protect);

describe('mutators', () => {
  it('has at least ten, each named and described', () => {
    expect(MUTATOR_NAMES.length).toBeGreaterThanOrEqual(10);
    for (const [key, m] of Object.entries(MUTATORS)) {
      expect(m.name).toBe(key);
      expect(m.description.length).toBeGreaterThan(20);
    }
  });

  it('is deterministic for a seed and changes every attack payload', () => {
    for (const name of MUTATOR_NAMES)
      for (const p of payloads.slice(0, 80)) {
        expect(run(name, p, 5), name).toBe(run(name, p, 5));
        expect(run(name, p, 5), name).not.toBe(p);
      }
  });

  it('draws different disguises for different seeds', () => {
    for (const name of ['homoglyphs', 'zero_width', 'leetspeak', 'payload_split', 'padding']) {
      const outs = new Set([1, 2, 3, 4, 5].map((s) => run(name, payloads[0]!, s)));
      expect(outs.size, name).toBeGreaterThan(1);
    }
  });

  it('leaves protected values intact where the target must repeat them', () => {
    const keeps = MUTATOR_NAMES.filter((n) => MUTATORS[n].kind !== 'encoding');
    for (const name of keeps)
      for (const p of payloads.filter((x) => x.includes(values.marker)).slice(0, 60))
        expect(run(name, p), name).toContain(values.marker);
  });

  it('base64, hex, rot13 and reverse decode back to the payload', () => {
    for (const p of payloads) {
      const b64 = run('base64', p).match(/^[A-Za-z0-9+/]+=*$/mu)![0];
      expect(Buffer.from(b64, 'base64').toString('utf8')).toBe(p);
      const hex = run('hex', p).match(/^[0-9a-f]+$/mu)![0];
      expect(Buffer.from(hex, 'hex').toString('utf8')).toBe(p);
      const lines = (s: string) => s.split('\n').slice(1, -1).join('\n');
      expect(rot13(lines(run('rot13', p)))).toBe(p);
      expect(reverseText(lines(run('reverse', p)))).toBe(p);
    }
  });

  it('tag smuggling hides ASCII text that decodes back', () => {
    for (const p of english.filter((x) => /^[\x20-\x7e]*$/u.test(x))) {
      const out = run('tag_smuggling', p);
      expect(fromTags(out)).toBe(p.replace(/\n/gu, ' '));
      // Nothing of the payload is visible: the visible part is only the cover line.
      expect(out.replace(/[\u{E0000}-\u{E007F}]/gu, '').length).toBeLessThan(40);
    }
  });

  it('zero-width removal recovers the payload', () => {
    for (const p of payloads) {
      const out = run('zero_width', p);
      expect(out).not.toBe(p);
      expect(removeZeroWidth(out)).toBe(p);
    }
  });

  it('homoglyphs fold back to ASCII with the confusables pass', () => {
    for (const p of english) {
      const out = run('homoglyphs', p);
      expect(out).not.toBe(p);
      expect(foldConfusables(out)?.text ?? out).toBe(p);
    }
  });

  it('payload splitting concatenates back to the payload', () => {
    for (const p of payloads) {
      const out = run('payload_split', p);
      const chunks = [...out.matchAll(/^\w+ = (".*")$/gmu)].map((m) => JSON.parse(m[1]!) as string);
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      expect(chunks.join('')).toBe(p);
      expect(chunks.some((c) => c.includes(values.marker)) || !p.includes(values.marker)).toBe(true);
    }
  });

  it('wrappers keep the payload verbatim', () => {
    for (const name of ['language_switch', 'fake_delimiters', 'padding', 'markdown'])
      for (const p of english.slice(0, 40)) {
        const out = run(name, p);
        if (out.includes('> ')) expect(out.replace(/^> /gmu, '')).toContain(p);
        else expect(out, name).toContain(p);
      }
  });

  it('markdown fences outlast backticks inside the payload', () => {
    const p = 'run ```rm``` then ````x````';
    for (let s = 0; s < 20; s++) {
      const out = getMutator('markdown').apply(p, mulberry32(s));
      if (out.startsWith('The block below')) expect(out).toContain('\n`````text\n');
    }
  });

  it('composes left to right, and checks chain order', () => {
    const out = applyMutators(
      payloads[0]!,
      ['homoglyphs', 'base64', 'fake_delimiters'],
      mulberry32(1),
      protect,
    );
    const b64 = out.match(/^[A-Za-z0-9+/]+=*$/mu)![0];
    const inner = Buffer.from(b64, 'base64').toString('utf8');
    expect(foldConfusables(inner)?.text ?? inner).toBe(payloads[0]);
    expect(checkChain(['homoglyphs', 'base64', 'fake_delimiters'])).toBeUndefined();
    expect(checkChain(['base64', 'hex'])).toMatch(/one encoding/u);
    expect(checkChain(['base64', 'leetspeak'])).toMatch(/garble/u);
    expect(checkChain(['padding', 'padding'])).toMatch(/twice/u);
  });

  it('rejects an unknown mutator with CONFIG_INVALID', () => {
    try {
      getMutator('rot26');
      expect.unreachable();
    } catch (e) {
      expect(isRampartError(e) && e.code === 'CONFIG_INVALID').toBe(true);
    }
    expect(() => getMutator('constructor')).toThrow(/unknown mutator/u);
  });

  it('splits text around protected values, leftmost and longest first', () => {
    expect(splitProtected('a XY b XYZ c', ['XY', 'XYZ'])).toEqual([
      { text: 'a ', keep: false },
      { text: 'XY', keep: true },
      { text: ' b ', keep: false },
      { text: 'XYZ', keep: true },
      { text: ' c', keep: false },
    ]);
    expect(splitProtected('abc', [''])).toEqual([{ text: 'abc', keep: false }]);
  });
});
