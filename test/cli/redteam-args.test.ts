import { describe, expect, it } from 'vitest';
import { REDTEAM_EXIT } from '../../src/cli/redteam-args.js';
import { REDTEAM_EXIT as fromCommand } from '../../src/cli/redteam-command.js';

describe('redteam exit codes', () => {
  it('are the documented ones (0 done, 1 ASR above --fail-on-asr, 2 error), shared by definition and runner', () => {
    expect(REDTEAM_EXIT).toEqual({ ok: 0, asrAboveThreshold: 1, error: 2 });
    expect(fromCommand).toBe(REDTEAM_EXIT);
  });
});
