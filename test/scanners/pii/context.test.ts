import { describe, expect, it } from 'vitest';
import { scanPii } from '../../../src/scanners/pii.js';

const score = (text: string, category: string): number | undefined =>
  scanPii(text, { minScore: 0 }).find((f) => f.category === category)?.score;

describe('pii context words', () => {
  it('a card cue raises, an order cue lowers the score of the same number', () => {
    const plain = score('4111 1111 1111 1111', 'pii.credit_card')!;
    const card = score('my card 4111 1111 1111 1111', 'pii.credit_card')!;
    const order = score('order number 4111 1111 1111 1111', 'pii.credit_card')!;
    expect(card).toBeGreaterThan(plain);
    expect(order).toBeLessThan(plain);
    expect(scanPii('order number 4111 1111 1111 1111', { minScore: 0 })[0]?.signals).toContain(
      'context-:order',
    );
  });

  it('a phone cue raises a national number; an invoice cue lowers it', () => {
    const plain = score('020 7946 0000', 'pii.phone')!;
    expect(score('tel: 020 7946 0000', 'pii.phone')!).toBeGreaterThan(plain);
    expect(score('invoice 020 7946 0000', 'pii.phone')!).toBeLessThan(plain);
  });

  it('bare digit runs and merely possible numbers need a phone cue', () => {
    expect(score('ref 2025550143', 'pii.phone')).toBeUndefined();
    expect(score('phone 2125550123', 'pii.phone')).toBeGreaterThan(0.5);
    expect(score('see +1 599-591-9488', 'pii.phone')).toBeUndefined(); // unassigned NANP area code
    expect(score('call me at +1 599-591-9488', 'pii.phone')).toBeGreaterThan(0.5);
  });

  it('an SSN cue raises a grouped SSN and enables a bare one; a ticket cue lowers it', () => {
    expect(score('SSN 213-06-2947', 'pii.us_ssn')).toBeGreaterThan(score('213-06-2947', 'pii.us_ssn')!);
    expect(score('ticket 213-06-2947', 'pii.us_ssn')).toBeLessThan(score('213-06-2947', 'pii.us_ssn')!);
    expect(score('213062947', 'pii.us_ssn')).toBeUndefined();
  });

  it('a version cue suppresses a dotted quad; an IP cue raises one', () => {
    expect(score('version 10.2.3.4', 'pii.ip_address')).toBeUndefined();
    expect(score('ip=8.8.8.8', 'pii.ip_address')!).toBeGreaterThan(score('8.8.8.8', 'pii.ip_address')!);
  });

  it('the phoneRegions option decides national formats', () => {
    expect(scanPii('Tel. 030 12345678', { phoneRegions: ['US'] })).toEqual([]);
    expect(scanPii('Tel. 030 12345678', { phoneRegions: ['DE'] }).map((f) => f.category)).toEqual([
      'pii.phone',
    ]);
  });

  it('signals carry detector ids and cue words, never the value', () => {
    const [f] = scanPii('IBAN DE89 3704 0044 0532 0130 00');
    expect(f?.signals).toEqual(['pii.iban.mod97', 'pii.iban.bban_valid', 'context+:iban']);
  });
});
