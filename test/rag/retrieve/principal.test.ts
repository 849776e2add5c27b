import { describe, expect, it } from 'vitest';
import {
  canRead,
  classificationLevel,
  CLASSIFICATIONS,
  validateAcl,
} from '../../../src/rag/retrieve/principal.js';

describe('canRead', () => {
  const p = { tenant: 'acme', groups: ['hr'], clearance: 'confidential' as const };
  it('needs the same tenant, a clearance at or above the classification, and a shared group (or an open chunk)', () => {
    expect(canRead(p, { tenant: 'acme', groups: [], classification: 'confidential' })).toBe(true);
    expect(canRead(p, { tenant: 'acme', groups: ['eng', 'hr'], classification: 'public' })).toBe(true);
    expect(canRead(p, { tenant: 'globex', groups: [], classification: 'public' })).toBe(false);
    expect(canRead(p, { tenant: 'ACME', groups: [], classification: 'public' })).toBe(false);
    expect(canRead(p, { tenant: 'acme', groups: ['eng'], classification: 'public' })).toBe(false);
    expect(canRead(p, { tenant: 'acme', groups: [], classification: 'restricted' })).toBe(false);
  });
  it('defaults clearance to internal and refuses an unknown classification', () => {
    expect(
      canRead({ tenant: 't', groups: [] }, { tenant: 't', groups: [], classification: 'internal' }),
    ).toBe(true);
    expect(
      canRead({ tenant: 't', groups: [] }, { tenant: 't', groups: [], classification: 'confidential' }),
    ).toBe(false);
    expect(canRead(p, { tenant: 'acme', groups: [], classification: 'unknown' as never })).toBe(false);
  });
  it('orders classifications', () => {
    expect(CLASSIFICATIONS.map(classificationLevel)).toEqual([0, 1, 2, 3]);
  });
  it('validateAcl names the field, never the value', () => {
    expect(() => validateAcl('', [], 'public', 'principal')).toThrow(/principal: tenant must be/u);
    expect(() => validateAcl('t', ['sekrit', ''], 'public', 'principal')).toThrow(
      /^principal: groups must be/u,
    );
    expect(() => validateAcl('t', [], 'public', 'principal')).not.toThrow();
  });
});
