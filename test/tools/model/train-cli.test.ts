import { describe, expect, it } from 'vitest';
import { parseTrainCliArgs } from '../../../tools/model/train-cli.js';

describe('npm run train arguments', () => {
  it('reads --out and --thresholds-only, and rejects anything else with a clear message', () => {
    expect(parseTrainCliArgs([])).toEqual({ thresholdsOnly: false });
    expect(parseTrainCliArgs(['--out', '/tmp/m', '--thresholds-only'])).toEqual({
      out: '/tmp/m',
      thresholdsOnly: true,
    });
    expect(() => parseTrainCliArgs(['--out'])).toThrow(/incomplete argument "--out"/u);
    expect(() => parseTrainCliArgs(['--epochs', '3'])).toThrow(/unknown or incomplete argument "--epochs"/u);
  });
});
