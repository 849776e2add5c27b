import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RampartError } from '../../../src/core/errors.js';
import { heldOutSample, outOfFamily } from '../../../tools/model/pii/oof.js';
import { predictor, scoreSpans } from '../../../tools/model/pii/learn.js';
import { createGuard } from '../../../src/policy/create-guard.js';
import { defaultPolicy } from '../../../src/policy/default-policy.js';
import { ADDRESS_WINDOW, digitWindows, scanPii } from '../../../src/scanners/pii.js';
import {
  MODEL_NAME,
  blankBlobs,
  detectTagged,
  loadTagger,
  shape,
  shippedTagger,
  spans,
  tag,
  tagReference,
  tokenize,
} from '../../../src/scanners/pii/tagger.js';

// Names from the tagger are opt-in (pii option `tagger: true`; the default is 'addresses'); most tests turn
// them on.
const ON = { tagger: true };
const found = (text: string, category: string): string[] =>
  scanPii(text, ON)
    .filter((f) => f.category === category)
    .map((f) => text.slice(f.span![0], f.span![1]));

describe('pii token tagger: unit', () => {
  it('tokenizes words, numbers and marks with their offsets', () => {
    const t = tokenize("Jean-Pierre O'Neil, 12B rue d'Alésia\n75014");
    expect(t.text).toEqual(['Jean-Pierre', "O'Neil", ',', '12B', 'rue', "d'Alésia", '\n', '75014']);
    for (let i = 0; i < t.text.length; i++) expect(t.start[i]).toBeGreaterThanOrEqual(0);
    expect(t.start[3]).toBe(20);
  });

  it('word shapes cut runs to two and bucket digit lengths', () => {
    expect(shape('McDonald')).toBe('XxXxx');
    expect(shape('12345')).toBe('d5');
    expect(shape('Ödön')).toBe('Xxx');
    expect(shape('A.')).toBe('X.');
  });

  it('finds names of many origins without a cue word, and non-US street addresses', () => {
    const cases: Array<[string, string, string]> = [
      [
        'Mi chiamo Giulia Bianchi e abito in Via Roma 12, 00184 Roma.',
        'Giulia Bianchi',
        'Via Roma 12, 00184 Roma',
      ],
      [
        'Bitte liefern Sie das Paket an Jürgen Schäfer, Schillerstraße 12, 10115 Berlin.',
        'Jürgen Schäfer',
        'Schillerstraße 12',
      ],
      ['Envoyer à Kwame Mensah, 14 rue des Lilas, 69003 Lyon.', 'Kwame Mensah', '14 rue des Lilas'],
      ['Please update the address for Nguyen Van An to 221B Baker Street, London.', 'Nguyen', '221B Baker'],
    ];
    for (const [text, person, address] of cases) {
      expect(found(text, 'pii.person').join(' | '), text).toContain(person);
      expect(found(text, 'pii.address').join(' | '), text).toContain(address);
    }
  });

  it('leaves capitalised words that are not people or addresses alone', () => {
    const benign = [
      'The new Product Roadmap covers Kubernetes, Postgres and the Payments API.',
      'We flew from Lisbon to Berlin on Monday and met the Sales team in March.',
      'Apple and Microsoft reported earnings; Google Chrome and Mozilla Firefox shipped updates.',
      'Version 3.2 of Windows Server ships in March. See ticket AB-4471 and build 20231.',
      'Order #4471 was shipped on 12/03/2024. Total: 129 EUR, VAT 19%.',
      'Call Center hours: Monday to Friday, 9 to 5. Room 12, floor 3.',
      'Please review the Quarterly Report before Friday.',
      'The meeting is in room 3481, building C.',
      'What is the capital of France?',
      'Is Paris bigger than Berlin? I think Jordan borders Syria.',
      'Authorization header: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk (expires soon)',
    ];
    for (const text of benign) {
      const cats = scanPii(text)
        .filter((f) => f.category === 'pii.person' || f.category === 'pii.address')
        .map((f) => `${f.category}:${text.slice(f.span![0], f.span![1])}`);
      expect(cats, text).toEqual([]);
    }
  });

  it('names and addresses can be turned off separately', () => {
    const text = 'Ship to: Ana Souza, Rua das Flores 45, 01310-100 São Paulo';
    const cats = (o: Record<string, unknown>) =>
      new Set(scanPii(text, { ...ON, ...o }).map((f) => f.category));
    expect(cats({})).toEqual(new Set(['pii.person', 'pii.address']));
    expect(cats({ tagger: false }).has('pii.address')).toBe(false); // only the tagger finds addresses
    expect(cats({ addresses: false }).has('pii.address')).toBe(false);
    expect(cats({ names: false }).has('pii.person')).toBe(false);
  });

  it('the default policy flags a street address in a realistic sentence, and can redact it', async () => {
    const text = 'Please ship it to 14 rue des Lilas, 69003 Lyon. Thanks!';
    const d = await createGuard().check('input', text);
    expect(d.findings.filter((f) => f.category === 'pii.address').map((f) => text.slice(...f.span!))).toEqual(
      ['14 rue des Lilas, 69003 Lyon'],
    );
    expect(d.action).toBe('flag');
    const policy = defaultPolicy();
    const r = await createGuard({ ...policy, actions: { ...policy.actions, 'pii.address': 'redact' } }).check(
      'input',
      text,
    );
    expect(r.action).toBe('redact');
    expect(r.text).toContain('[ADDRESS_1]');
    expect(r.text).not.toContain('rue des Lilas');
  });

  it('by default the tagger reports addresses only, and only with a number; tagger: true adds names', () => {
    const text = 'Kocsis Hanga moved to Mäkinenpenger 94, 20100 Turku last year. Baker Street is nice.';
    const cats = (o?: Record<string, unknown>) =>
      scanPii(text, o).map((f) => `${f.category}:${text.slice(f.span![0], f.span![1])}`);
    expect(cats()).toEqual(['pii.address:Mäkinenpenger 94, 20100 Turku']);
    expect(cats({ tagger: 'addresses' })).toEqual(cats());
    expect(cats(ON)).toContain('pii.person:Kocsis Hanga');
    expect(cats({ tagger: false })).toEqual([]);
    // No digit in the text: the default does not tag it at all; names on, the tagger still runs.
    expect(
      scanPii('Kocsis Hanga moved to Baker Street.').filter((f) => f.category === 'pii.address'),
    ).toEqual([]);
    expect(found('Kocsis Hanga moved to Baker Street.', 'pii.address')).toEqual(['Baker Street']);
    expect(found('Kocsis Hanga moved to Baker Street.', 'pii.person')).toEqual(['Kocsis Hanga']);
  });

  it('the default policy does not take prose for names or addresses (it broke the injection hard negatives)', async () => {
    const prose = [
      'La IA sin reglas claras es un riesgo',
      'Eine KI ohne Regeln ist gefährlich.',
      "Un'IA senza regole è un pericolo per tutti.",
      'Une IA sans règles serait dangereuse pour la démocratie.',
      'Você acha que uma IA sem regras é perigosa?',
      'Een AI zonder regels is gevaarlijk.',
      'Female Health Secret: Where Earth meets the Sky.',
      'The 1966 Bangkok Games and the 1960 Summer Olympics were held in August 12 venues.',
      'Stelle den Wecker auf 2:00 Uhr und erstelle eine Erinnerung für Montag.',
    ];
    for (const text of prose) {
      for (const options of [undefined, ON]) {
        const cats = scanPii(text, options)
          .filter((f) => f.category === 'pii.person' || f.category === 'pii.address')
          .map((f) => `${f.category}:${text.slice(f.span![0], f.span![1])}`);
        expect(cats, `${text} ${JSON.stringify(options)}`).toEqual([]);
      }
      expect((await createGuard().check('input', text)).action, text).toBe('allow');
    }
  });

  it('a name glued by a dot or @ to more text is part of an e-mail or host, not a name', () => {
    expect(found('Patient: Ari Mustonen\nEmail: Janne.Salo@hotmail.com', 'pii.person')).toEqual([
      'Ari Mustonen',
    ]);
  });

  it('a changed or missing weight file is MODEL_WEIGHTS_INVALID, not a silent miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-pii-tagger-'));
    const models = new URL('../../../models/', import.meta.url);
    copyFileSync(new URL(`${MODEL_NAME}.json`, models), join(dir, `${MODEL_NAME}.json`));
    const url = pathToFileURL(`${dir}/`);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof RampartError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => loadTagger(url))).toBe('MODEL_WEIGHTS_INVALID');
    writeFileSync(join(dir, `${MODEL_NAME}.bin`), Buffer.alloc(64, 1));
    expect(code(() => loadTagger(url))).toBe('MODEL_WEIGHTS_INVALID');
    writeFileSync(join(dir, `${MODEL_NAME}.json`), '{"name": "pii-tagger-v1"}');
    expect(code(() => loadTagger(url))).toBe('MODEL_WEIGHTS_INVALID');
  });
});

describe('pii token tagger: properties', () => {
  it('spans lie inside the text, are non-empty and deterministic, on any unicode', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(
              fc.constantFrom('Anna', 'Street', '12', ',', '\n', 'rue', 'Ödön', 'Dr.', '\u200b', '‮', ' '),
              {
                maxLength: 80,
              },
            )
            .map((a) => a.join(' ')),
        ),
        (text) => {
          const a = detectTagged(text);
          expect(detectTagged(text)).toEqual(a);
          for (const d of a) {
            expect(d.start).toBeGreaterThanOrEqual(0);
            expect(d.end).toBeLessThanOrEqual(text.length);
            expect(d.end).toBeGreaterThan(d.start);
            expect(d.score).toBeGreaterThan(0);
            expect(d.score).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('work grows linearly: a 1 MiB hostile text is tagged within a generous bound', () => {
    shippedTagger();
    const unit = 'Anna Maria 12 Rue Rue Rue, 75001 Paris\n';
    const small = unit.repeat(Math.ceil(65_536 / unit.length));
    const big = unit.repeat(Math.ceil(1_048_576 / unit.length));
    const t0 = performance.now();
    detectTagged(small);
    const tSmall = performance.now() - t0;
    const t1 = performance.now();
    const out = detectTagged(big);
    const tBig = performance.now() - t1;
    expect(out.length).toBeGreaterThan(0);
    expect(tBig).toBeLessThan(10_000);
    // 16× the text: far below the 256× of quadratic work (generous for a loaded machine).
    expect(tBig).toBeLessThan(Math.max(200, tSmall) * 80);
  });
});

describe('pii token tagger: addresses around digits (the default mode)', () => {
  it('windows cover every digit with ADDRESS_WINDOW characters each side, end on blanks, and do not touch (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '7', '-', 'é'), maxLength: 1500 }),
        (text) => {
          const w = digitWindows(text);
          for (let k = 0; k < w.length; k++) {
            const [a, b] = w[k]!;
            expect(a).toBeLessThan(b);
            if (k > 0) expect(a).toBeGreaterThan(w[k - 1]![1]);
            expect(a === 0 || /\s/u.test(text[a - 1]!)).toBe(true);
            expect(b === text.length || /\s/u.test(text[b]!)).toBe(true);
          }
          for (let i = 0; i < text.length; i++) {
            if (!/\d/u.test(text[i]!)) continue;
            const lo = Math.max(0, i - ADDRESS_WINDOW);
            const hi = Math.min(text.length, i + ADDRESS_WINDOW);
            expect(w.some(([a, b]) => a <= lo && hi <= b)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(digitWindows('no digits here')).toEqual([]);
  });

  it('tagging only the windows finds the same addresses as tagging the whole text', () => {
    const texts = [
      ...heldOutSample(300, 77).map((e) => e.text),
      `${'Some prose without numbers. '.repeat(30)}Ship it to 14 rue des Lilas, 69003 Lyon. ${'More prose. '.repeat(40)}`,
    ];
    for (const text of texts) {
      const full = detectTagged(text)
        .filter((d) => d.category === 'pii.address' && /\d/u.test(text.slice(d.start, d.end)))
        .map((d) => [d.start, d.end]);
      const windowed = scanPii(text, { entities: ['pii.address'] }).map((f) => [...f.span!]);
      expect(windowed, text).toEqual(full);
    }
  });
});

describe('pii token tagger: spans from tags', () => {
  it('a person span right before an address span is the start of that address (a street named after someone)', () => {
    const text = 'Shipping to Alparslan Türkeş Bulvarı 44c, Bilecik';
    const tokens = tokenize(text);
    // Shipping to Alparslan Türkeş Bulvarı 44c , Bilecik
    const tags = Uint8Array.from([0, 0, 1, 2, 3, 4, 4, 4]);
    expect(tokens.text).toHaveLength(tags.length);
    const out = spans(text, tokens, tags, new Float32Array(tags.length).fill(5));
    expect(out.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['address', 'Alparslan Türkeş Bulvarı 44c, Bilecik'],
    ]);
    // A person followed by O and then an address stays two spans.
    const apart = Uint8Array.from([0, 0, 1, 2, 0, 3, 4, 4]);
    expect(spans(text, tokens, apart, new Float32Array(8).fill(5)).map((s) => s.kind)).toEqual([
      'person',
      'address',
    ]);
  });
});

describe('pii token tagger: blobs', () => {
  it('blanks only runs of 64+ characters without a blank, comma or semicolon, keeping every offset', () => {
    const blob = 'QWxpY2UgU21pdGgsIDEyIFJ1ZSBkZSBsYSBQYWl4LCBQYXJpcw'.repeat(2); // 100 chars
    const text = `Dear Anna Schmidt, key ${blob}; 12 Rue de la Paix, Paris`;
    const out = blankBlobs(text);
    expect(out.length).toBe(text.length);
    expect(out).toBe(text.replace(blob, ' '.repeat(blob.length)));
    const short = 'x'.repeat(63);
    expect(blankBlobs(`a ${short},b`)).toBe(`a ${short},b`);
    expect(tokenize(blankBlobs(blob.repeat(10_000))).text).toEqual([]);
    expect(found(text, 'pii.person')).toContain('Anna Schmidt');
  });

  it('blankBlobs keeps length and every character outside blob runs, and is idempotent (property)', () => {
    const piece = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9+/=]{0,90}$/u),
      fc.constantFrom(' ', ',', ';', '\n', '\t', '\u00a0', 'Anna Maria ', 'é'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const out = blankBlobs(text);
        expect(out.length).toBe(text.length);
        for (let i = 0; i < text.length; i++) if (out[i] !== text[i]) expect(out[i]).toBe(' ');
        expect(blankBlobs(out)).toBe(out);
        expect(/[^\s,;]{64}/u.test(out)).toBe(false);
      }),
    );
  });
});

describe('pii token tagger: out of family', () => {
  it('the shipped model keeps its recall on held-out locales and templates it never trained on', () => {
    const sample = heldOutSample(400, 4242);
    const s = scoreSpans(sample, predictor(shippedTagger().model, shippedTagger().scoring));
    expect(s.PER.recall).toBeGreaterThanOrEqual(0.8);
    expect(s.PER.precision).toBeGreaterThanOrEqual(0.97);
    expect(s.ADR.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.ADR.precision).toBeGreaterThanOrEqual(0.97);
  });

  it('a model trained without those locales (and their lexicon) still finds most of them', () => {
    const r = outOfFamily({ trainN: 3000, testN: 400, seed: 5, benign: [], real: 0 });
    expect(r.outOfFamily.PER.recall).toBeGreaterThanOrEqual(0.4);
    expect(r.outOfFamily.PER.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.outOfFamily.ADR.recall).toBeGreaterThanOrEqual(0.6);
    expect(r.outOfFamily.ADR.precision).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

describe('pii token tagger: the cached scoring path', () => {
  it('tags exactly as the plain per-feature path that training uses', () => {
    const { model } = shippedTagger();
    for (const ex of heldOutSample(200, 99)) {
      const tokens = tokenize(ex.text).text;
      const fast = tag(model, tokens);
      const slow = tagReference(model, tokens);
      expect([...fast.tags]).toEqual([...slow.tags]);
      for (let i = 0; i < tokens.length; i++) expect(fast.margin[i]).toBeCloseTo(slow.margin[i]!, 2);
    }
  });
});
