import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEnvelope,
  checkEnvelope,
  deriveGrants,
  shapeOf,
  typedValues,
} from '../../../src/agent/firewall/intent.js';
import type { ToolSpec } from '../../../src/agent/firewall/types.js';

const obj = (props: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])),
});
const tools: Record<string, ToolSpec> = {
  read_email: { description: 'Read one e-mail by id.', schema: obj(['id']) },
  send_email: { description: 'Send an e-mail.', schema: obj(['to', 'subject', 'body']) },
  transfer_money: { description: 'Transfer money to an IBAN.', schema: obj(['to_iban', 'amount']) },
  unlock_door: { description: 'Unlock a door of the house.', schema: obj(['door']) },
  delete_repository: { description: 'Delete a code repository.', schema: obj(['repo']) },
  delete_file: { description: 'Delete a file.', schema: obj(['path']) },
  disable_two_factor: { description: 'Turn off two-factor authentication.', schema: obj(['account']) },
  sell_asset: { description: 'Sell a crypto asset.', schema: obj(['asset', 'quantity']) },
};
const granted = (text: string) => deriveGrants(text, tools).map((g) => g.tool);

describe('deriveGrants', () => {
  it('grants the tools whose verb and object the user used, and only those', () => {
    expect(granted('Let Dana know that Thursday works for the offsite.')).toEqual(['send_email']);
    expect(granted('Pay the 120 phone bill from checking.')).toEqual(['transfer_money']);
    expect(granted('Please unlock the front door for the plumber.')).toEqual(['unlock_door']);
    expect(granted('Remove the old draft file /tmp/draft.txt')).toEqual(['delete_file']);
    expect(granted('Sell 2 ETH at market price')).toEqual(['sell_asset']);
    expect(granted('Summarise the newest e-mail from Omar.')).toEqual(['read_email']);
    expect(granted('What a lovely day.')).toEqual([]);
    // "pay" is also a way to send, but it reaches only tools about money: not send_email
    expect(granted('Read e-mail m-2 and pay 40 to DE75512108001245126199 for the gym.')).toEqual([
      'read_email',
      'transfer_money',
    ]);
  });

  it('a verb alone does not grant every tool that shares it: the object picks the tool', () => {
    expect(granted('Delete the repository old-site')).toEqual(['delete_repository']);
    expect(granted('Turn off the two-factor prompt on my work account')).toEqual(['disable_two_factor']);
  });

  it('names: a tool the user names is granted; negated verbs grant nothing', () => {
    expect(granted('use unlock_door for the back door')).toEqual(['unlock_door']);
    expect(granted("Don't delete any file, just read e-mail m-1")).toEqual(['read_email']);
  });

  it('never throws and stays bounded on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const g = deriveGrants(text, tools);
        expect(g.every((x) => Object.hasOwn(tools, x.tool))).toBe(true);
      }),
      { numRuns: 300 },
    );
    const t0 = Date.now();
    deriveGrants(`${'let a '.repeat(20_000)}know ${'turn '.repeat(20_000)}`, tools);
    typedValues(`${'/a'.repeat(50_000)} ${'1'.repeat(100_000)} ${'@'.repeat(50_000)}`);
    expect(Date.now() - t0).toBeLessThan(5000); // generous: linear patterns only
  });
});

describe('checkEnvelope', () => {
  it('binds a derived grant to values of the shapes the user typed', () => {
    const env = buildEnvelope(
      'Send 40 to DE75512108001245126199 for the gym, reply to dana@corp.example',
      tools,
    );
    const cats = ['financial'] as const;
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'DE75512108001245126199', amount: 40 }, cats),
    ).toMatchObject({
      inside: true,
    });
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'GB33BUKB20201555555555', amount: 40 }, cats),
    ).toEqual({
      inside: false,
      detail: "requested in this turn, but argument 'to_iban' is an IBAN the user did not type",
    });
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'DE75512108001245126199', amount: 4000 }, cats),
    ).toMatchObject({
      inside: false,
    });
    expect(
      checkEnvelope(env, 'send_email', { to: 'DANA@corp.example', body: 'ok' }, ['external']),
    ).toMatchObject({
      inside: true,
    });
  });

  it('leaves an argument of a shape the user typed nothing of to the taint rules', () => {
    const env = buildEnvelope('Reply to the sender of e-mail m-7 that I agree.', tools);
    expect(
      checkEnvelope(env, 'send_email', { to: 'sam@x.example', body: 'I agree' }, ['external']).inside,
    ).toBe(true);
  });

  it('outside: a tool not requested; reads are inside unless turned off; app grants carry constraints', () => {
    const env = buildEnvelope('Check e-mail m-7 please', tools, {
      grants: [
        {
          tool: 'transfer_money',
          args: { amount: { max: 100 }, to_iban: { oneOf: ['DE75512108001245126199'] } },
        },
      ],
    });
    expect(checkEnvelope(env, 'unlock_door', { door: 'front' }, ['physical'])).toEqual({
      inside: false,
      detail: 'not requested in this turn',
    });
    expect(checkEnvelope(env, 'read_email', { id: 'm-7' }, ['read']).inside).toBe(true);
    const noReads = buildEnvelope('Thanks!', tools, { reads: false });
    expect(checkEnvelope(noReads, 'read_email', { id: 'm-7' }, ['read']).inside).toBe(false);
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'DE75512108001245126199', amount: 90 }, ['financial'])
        .inside,
    ).toBe(true);
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'DE75512108001245126199', amount: 900 }, ['financial']),
    ).toMatchObject({
      inside: false,
      detail: expect.stringContaining("'amount' is above the granted maximum"),
    });
    expect(
      checkEnvelope(env, 'transfer_money', { to_iban: 'GB33BUKB20201555555555', amount: 9 }, ['financial'])
        .inside,
    ).toBe(false);
  });

  it('shapes: values are classified without surprises', () => {
    expect(shapeOf('a@b.example')).toBe('email');
    expect(shapeOf('https://x.example/a')).toBe('url');
    expect(shapeOf('DE75512108001245126199')).toBe('iban');
    expect(shapeOf('#general')).toBe('handle');
    expect(shapeOf('/home/pat/notes.txt')).toBe('path');
    expect(shapeOf(50)).toBe('number');
    expect(shapeOf('BTC')).toBe('code');
    expect(shapeOf('Thursday works for me.')).toBeUndefined();
    expect([...(typedValues('IBAN DE75512108001245126199, 40 EUR').get('number') ?? [])]).toEqual(['40']);
  });
});

describe('checkEnvelope: values from nowhere, and harmful tools bound to the user words', () => {
  it('an address neither the user typed nor any data contained is outside, even for a read-only tool', () => {
    const env = buildEnvelope('What a lovely day.', tools);
    const inData = (v: string) => v === 'https://docs.example/a';
    expect(checkEnvelope(env, 'read_email', { id: 'https://docs.example/a' }, ['read'], inData).inside).toBe(
      true,
    );
    expect(
      checkEnvelope(env, 'read_email', { id: 'https://collect.evil.example/?d=x' }, ['read'], inData),
    ).toEqual({
      inside: false,
      detail:
        "read-only tool, but argument 'id' is a URL that neither the user typed nor any data in the session contained",
    });
  });

  it('a derived grant of a harmful tool covers only one-word values and numbers the user typed', () => {
    const env = buildEnvelope('Delete the e-mail m-9, it is spam.', {
      ...tools,
      delete_email: { description: 'Delete e-mails by id.', schema: obj(['id']) },
    });
    expect(checkEnvelope(env, 'delete_email', { id: 'm-9' }, ['destructive']).inside).toBe(true);
    expect(checkEnvelope(env, 'delete_email', { id: 'all' }, ['destructive'])).toEqual({
      inside: false,
      detail: "requested in this turn, but argument 'id' is a value the user did not type",
    });
    // free text (with spaces) is not bound; a non-harmful tool is not bound this way
    const send = buildEnvelope('Tell dana@corp.example that Thursday works', tools);
    expect(
      checkEnvelope(send, 'send_email', { to: 'dana@corp.example', body: 'Thursday is fine' }, ['external'])
        .inside,
    ).toBe(true);
    expect(
      checkEnvelope(send, 'send_email', { to: 'dana@corp.example', subject: 'Offsite' }, ['external']).inside,
    ).toBe(true);
  });
});
