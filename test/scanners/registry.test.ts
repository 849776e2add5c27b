import { describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import { createGuard } from '../../src/policy/create-guard.js';
import { SCANNER_IDS, SCANNER_OPTION_SCHEMAS, SCANNERS, isScannerId } from '../../src/scanners/registry.js';

const policyWith = (id: string): string =>
  [
    'version: 1',
    'stages: {}',
    'scanners:',
    `  ${id}:`,
    '    options:',
    '      notAnOptionOfAnyScanner: 1',
    '',
  ].join('\n');

describe('scanner registry', () => {
  it('lists each scanner under its own name, with a one-line description and an options schema', () => {
    for (const id of SCANNER_IDS) {
      const s = SCANNERS[id];
      expect(s.name).toBe(id);
      expect(s.description, id).toMatch(/^[^\n]{10,120}$/u);
      expect(SCANNER_OPTION_SCHEMAS[id]).toBe(s.options);
      expect(isScannerId(id)).toBe(true);
    }
    expect(isScannerId('toString')).toBe(false);
  });

  it.each(SCANNER_IDS)('%s: a misspelt option is POLICY_INVALID naming file:line:column', (id) => {
    let err: unknown;
    try {
      createGuard(policyWith(id), { warmUp: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RampartError);
    expect((err as RampartError).code).toBe('POLICY_INVALID');
    expect((err as RampartError).message).toContain(
      `<inline>:6:7: scanners.${id}.options: unknown key "notAnOptionOfAnyScanner"`,
    );
  });

  it('every scanner accepts no options at all', () => {
    for (const id of SCANNER_IDS) expect(SCANNERS[id].options.safeParse({}).success, id).toBe(true);
  });
});
