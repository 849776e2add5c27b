import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIntervention, isStopping, worst } from '../../src/core/actions.js';
import type { Action } from '../../src/core/types.js';
import { ROOT, walk } from '../architecture/src-files.js';

const ALL: readonly Action[] = ['allow', 'flag', 'redact', 'require_approval', 'block'];

describe('core actions', () => {
  it('isStopping: block and require_approval stop the text; allow, flag, redact and no action let it on', () => {
    expect(ALL.filter(isStopping)).toEqual(['require_approval', 'block']);
    expect(isStopping(undefined)).toBe(false);
  });

  it('worst picks the more severe action whatever the order', () => {
    for (const a of ALL)
      for (const b of ALL) {
        expect(worst(a, b)).toBe(worst(b, a));
        expect([a, b]).toContain(worst(a, b));
      }
    expect(worst('redact', 'block')).toBe('block');
    expect(worst('allow', 'flag')).toBe('flag');
  });

  it('isIntervention: everything but allow', () => {
    expect(ALL.filter(isIntervention)).toEqual(['flag', 'redact', 'require_approval', 'block']);
  });
});

describe('one definition of a stopping action', () => {
  it('no src file spells out block-or-require_approval itself: it calls isStopping', () => {
    const spelled =
      /(['"])(block|require_approval)\1\s*(\|\||&&)\s*[\w.?]+\s*[!=]==\s*(['"])(block|require_approval)\4/u;
    const copies = walk(join(ROOT, 'src'), (n) => n.endsWith('.ts'))
      .filter((p) => p !== 'src/core/actions.ts')
      .filter((p) => spelled.test(readFileSync(join(ROOT, p), 'utf8')));
    expect(copies).toEqual([]);
  });
});
