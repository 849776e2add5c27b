import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GENERATED,
  dictDir,
  expand,
  loadWordNet,
  parseDataLine,
  parseIndexLine,
  renderFormatted,
} from '../../../tools/model/wordnet.js';

describe('WordNet synonym classes', () => {
  it('parses index and data lines', () => {
    expect(parseIndexLine('ignore v 5 4 ! @ ~ + 5 4 01061436 00802592 02123706 00618547 00596900  ')).toEqual(
      {
        lemma: 'ignore',
        offsets: ['01061436', '00802592', '02123706', '00618547', '00596900'],
      },
    );
    expect(parseIndexLine('  1 This software and database is being provided')).toBeUndefined();
    expect(
      parseDataLine(
        '00616857 31 v 03 disregard 0 ignore 1 brush_aside(a) 0 002 @ 00616153 v 0000 | to refuse',
      ),
    ).toEqual({ offset: '00616857', lemmas: ['disregard', 'ignore', 'brush aside'] });
  });

  it('expands seeds through their first senses, minus the denied lemmas', () => {
    const wn = loadWordNet(dictDir());
    const got = expand(wn, [{ lemma: 'ignore', pos: 'verb', senses: 5 }], new Set(['snub']));
    expect(got).toEqual(expect.arrayContaining(['disregard', 'neglect', 'brush aside', 'ignore']));
    expect(got).not.toContain('snub');
  });

  it('the committed wordnet-classes.ts is what the seeds and WordNet 3.1 give', async () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(await renderFormatted(loadWordNet(dictDir())));
  });
});
