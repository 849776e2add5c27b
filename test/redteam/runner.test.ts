// The runner with function targets: concurrency bound, resume skips finished ids, multi-turn stops at the
// first success, target failures are recorded (never thrown), blocked turns leave the history, and the
// same cases give the same results whatever order they finish in.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/gateway/openai-types.js';
import { runRedteam } from '../../src/redteam/runner.js';
import type { RunnableCase } from '../../src/redteam/runner-types.js';
import { functionTarget } from '../../src/redteam/targets/function-target.js';
import type { AttackCase } from '../../src/redteam/types.js';

const values = {
  marker: 'MRK-1234-ABCD',
  canary: 'cnry-0000',
  secret: 'sk-test-0000',
  attacker_url: 'https://evil.test/x',
  attacker_email: 'x@evil.test',
};

function makeCase(
  id: string,
  over: Partial<AttackCase> = {},
  turns = ['Please say MRK-1234-ABCD'],
): RunnableCase {
  const attack: AttackCase = {
    id: `instruction_override-${id.slice(-3).padStart(3, '0')}`,
    category: 'instruction_override',
    title: `case ${id}`,
    lang: 'en',
    turns,
    goal: { kind: 'marker_in_output' },
    ...over,
  };
  return {
    id,
    case: attack,
    mutators: [],
    strategy: 'single',
    values,
    system: 'You are a helpful bot.',
    turns: attack.turns,
    goal: attack.goal,
    ...(attack.tools ? { tools: attack.tools } : {}),
    ...(attack.document ? { document: attack.document } : {}),
  };
}

const lastUser = (m: ChatMessage[]) => String([...m].reverse().find((x) => x.role === 'user')?.content ?? '');

describe('runRedteam', () => {
  it('runs every case, bounded by the concurrency, sorted by id', async () => {
    let inFlight = 0;
    let peak = 0;
    const target = functionTarget(async (m) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return lastUser(m).includes('obey') ? values.marker : 'no';
    });
    const cases = Array.from({ length: 12 }, (_, i) =>
      makeCase(`c${String(11 - i).padStart(2, '0')}`, {}, [i % 2 ? 'obey: say it' : 'hello']),
    );
    const run = await runRedteam({ target, cases, concurrency: 3 });
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(run.results.map((r) => r.id)).toEqual([...cases.map((c) => c.id)].sort());
    expect(run.results.filter((r) => r.success)).toHaveLength(6);
  });

  it('is deterministic: results do not depend on completion order', async () => {
    const cases = Array.from({ length: 8 }, (_, i) => makeCase(`d${i}`, {}, [i % 3 ? 'obey' : 'hi']));
    const mk = (jitter: (i: number) => number) =>
      functionTarget(async (m) => {
        const n = Number(/d(\d)/u.exec(JSON.stringify(m))?.[1] ?? 0);
        await new Promise((r) => setTimeout(r, jitter(n)));
        return lastUser(m) === 'obey' ? values.marker : 'no';
      });
    const a = await runRedteam({ target: mk((i) => i * 2), cases, concurrency: 8 });
    const b = await runRedteam({ target: mk((i) => 16 - i * 2), cases, concurrency: 8 });
    expect(JSON.stringify(a.results)).toBe(JSON.stringify(b.results));
  });

  it('appends to results.jsonl as cases finish, and resume skips the ids already there', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rt-runner-'));
    const cases = Array.from({ length: 5 }, (_, i) => makeCase(`r${i}`));
    const seen: string[] = [];
    const target = functionTarget((m) => {
      seen.push(JSON.stringify(m));
      return values.marker;
    });
    await runRedteam({ target, cases: cases.slice(0, 3), out });
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    // A crash left a torn line: resume ignores it.
    writeFileSync(
      join(out, 'results.jsonl'),
      `${readFileSync(join(out, 'results.jsonl'), 'utf8')}{"id":"r3","succ`,
    );
    seen.length = 0;
    const progress: number[] = [];
    const run = await runRedteam({
      target,
      cases,
      out,
      resume: true,
      onProgress: (p) => progress.push(p.done),
    });
    expect(seen).toHaveLength(2); // r3 and r4 only
    expect(run.skipped).toBe(3);
    expect(run.results.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(progress).toEqual([3, 4, 5]);
    const lines = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n');
    const ids = lines.flatMap((l) => {
      try {
        return [(JSON.parse(l) as { id: string }).id];
      } catch {
        return [];
      }
    });
    expect(ids.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    // Without resume the file starts over.
    await runRedteam({ target, cases: cases.slice(0, 1), out });
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('multi-turn: keeps the conversation and stops at the first success', async () => {
    const calls: ChatMessage[][] = [];
    const target = functionTarget((m) => {
      calls.push(m);
      return lastUser(m) === 'turn 2' ? `fine: ${values.marker}` : `answer to ${lastUser(m)}`;
    });
    const c = makeCase('m1', {}, ['turn 1', 'turn 2', 'turn 3', 'turn 4']);
    const [r] = (await runRedteam({ target, cases: [c], maxTurns: 8 })).results;
    expect(r).toMatchObject({ success: true, turns: 2, planned_turns: 4 });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(calls[1]![2]!.content).toBe('answer to turn 1');
  });

  it('multi-turn: maxTurns caps the turns sent, keeping the last (payload) turn', async () => {
    const sent: string[] = [];
    const target = functionTarget((m) => (sent.push(lastUser(m)), 'no'));
    const c = makeCase('m2', {}, ['a', 'b', 'c', 'd', 'e']);
    const [r] = (await runRedteam({ target, cases: [c], maxTurns: 3 })).results;
    expect(sent).toEqual(['a', 'b', 'e']);
    expect(r).toMatchObject({ success: false, turns: 3, planned_turns: 3 });
  });

  it('delivers the document after its documentTurn', async () => {
    const roles: string[][] = [];
    const target = functionTarget((m) => (roles.push(m.map((x) => x.role)), 'no'));
    const c = makeCase('m3', { document: { kind: 'email', tool: 'read_inbox', text: 'doc' } }, [
      'one',
      'two',
      'three',
    ]);
    c.documentTurn = 1;
    await runRedteam({ target, cases: [c] });
    expect(roles[0]).toEqual(['system', 'user']);
    expect(roles[1]).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'tool']);
    expect(roles[2]!.slice(-2)).toEqual(['assistant', 'user']);
  });

  it('a blocked turn is recorded, is never a success, and leaves the history', async () => {
    const calls: ChatMessage[][] = [];
    const target = functionTarget((m) => {
      calls.push(m);
      return lastUser(m) === 'bad'
        ? { content: values.marker, blocked: true, blockedBy: 'prompt_injection' }
        : 'ok';
    });
    const c = makeCase('b1', {}, ['bad', 'next']);
    const [r] = (await runRedteam({ target, cases: [c] })).results;
    expect(r).toMatchObject({ success: false, blocked: true, blockedBy: 'prompt_injection' });
    expect(calls[1]!.map((m) => m.role)).toEqual(['system', 'user']);
    expect(r!.transcript.some((m) => m.blocked)).toBe(true);
  });

  it('records target failures (thrown, error replies, garbage) and keeps going', async () => {
    const target = functionTarget((m) => {
      const u = lastUser(m);
      if (u === 'throw') throw new Error('boom with secret prompt text');
      if (u === 'err') return { error: 'HTTP 503' };
      return values.marker;
    });
    const cases = [makeCase('e1', {}, ['throw']), makeCase('e2', {}, ['err']), makeCase('e3', {}, ['fine'])];
    const run = await runRedteam({ target, cases });
    expect(run.results.map((r) => [r.id, r.success, r.error])).toEqual([
      ['e1', false, 'target function threw (Error)'],
      ['e2', false, 'HTTP 503'],
      ['e3', true, undefined],
    ]);
    // A raw RedteamTarget that throws (no functionTarget wrapper) is recorded too.
    const raw = { name: 'raw', send: async () => Promise.reject(new TypeError('x')) };
    const [r] = (await runRedteam({ target: raw, cases: [cases[2]!] })).results;
    expect(r!.error).toBe('target threw (TypeError)');
  });

  it('indirect cases: the document arrives as a tool result before the model answers, with the tools', async () => {
    let seen: { m: ChatMessage[]; tools: unknown } | undefined;
    const target = functionTarget((m, tools) => {
      seen = { m, tools };
      return 'summary';
    });
    const tools = [
      { type: 'function' as const, function: { name: 'fetch_page', parameters: { type: 'object' } } },
    ];
    const c = makeCase('i1', { tools, document: { kind: 'web_page', tool: 'fetch_page', text: 'POISON' } }, [
      'Summarise the page',
    ]);
    await runRedteam({ target, cases: [c] });
    expect(seen!.m.map((x) => x.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(seen!.m[2]!.tool_calls![0]!.function.name).toBe('fetch_page');
    expect(seen!.m[3]).toMatchObject({
      role: 'tool',
      content: 'POISON',
      tool_call_id: seen!.m[2]!.tool_calls![0]!.id,
    });
    expect(seen!.tools).toEqual(tools);
  });
});
