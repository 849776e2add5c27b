import { describe, expect, it } from 'vitest';
import * as http from '../../../src/integrations/http/index.js';

describe('rampart/http public API', () => {
  it('exports the adapters and the core check', () => {
    expect(typeof http.rampartExpress).toBe('function');
    expect(typeof http.rampartHono).toBe('function');
    expect(typeof http.rampartFastify).toBe('function');
    expect(typeof http.checkBody).toBe('function');
    expect(http.DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
  });
});
