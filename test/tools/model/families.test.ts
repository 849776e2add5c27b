// Source families (tools/model/families.ts): what out-of-family validation holds out together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carrierFamily, family } from '../../../tools/model/families.js';

describe('source families', () => {
  it('groups by repository, all UD treebanks together, each Rampart generator apart', () => {
    expect(family('UniversalDependencies/UD_French-GSD:fr_gsd-ud-dev.conllu')).toBe('UniversalDependencies');
    expect(family('teknium1/GPTeacher:Codegen/codegen-instruct.json(answer)')).toBe('teknium1/GPTeacher');
    expect(family('rampart/synthetic:ml-direct-injection')).toBe('rampart/synthetic:ml-direct-injection');
    expect(family('rampart/synthetic:embedded-injection(google-deepmind/xquad:xquad.de.json)')).toBe(
      'rampart/synthetic:embedded-injection',
    );
    expect(carrierFamily('rampart/synthetic:embedded-injection(google-deepmind/xquad:xquad.de.json)')).toBe(
      'google-deepmind/xquad',
    );
    expect(carrierFamily('google-deepmind/xquad:xquad.de.json')).toBeUndefined();
  });

  it("the family of an injected document is the generator; its carrier family is the carrier's (property)", () => {
    const repo = fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}$/u);
    fc.assert(
      fc.property(repo, fc.stringMatching(/^[a-z.*]{0,12}$/u), (r, path) => {
        const carrier = `${r}:${path}`;
        expect(family(carrier)).toBe(r);
        expect(family(`rampart/synthetic:embedded-injection(${carrier})`)).toBe(
          'rampart/synthetic:embedded-injection',
        );
        expect(carrierFamily(`rampart/synthetic:embedded-injection(${carrier})`)).toBe(r);
      }),
    );
  });
});
