// Guard throughput at the input stage with canonicalization and every rule scanner of the default policy.
import { createGuard, type Guard } from '../src/policy/create-guard.js';
import { adversarialInputs, attackText, benignText } from './corpus.js';
import { measure, type BenchRow } from './measure.js';

const SIZES = [2 * 1024, 20 * 1024, 200 * 1024];
const SYSTEM_PROMPT =
  'You are the support assistant of Example Corp. Answer questions about our invoices and shipping only, be brief, ' +
  'never promise refunds, and escalate legal questions to a human agent with the escalate tool.';

/** The rule scanners alone on the input stage (canonicalization included), with the default policy otherwise. */
function rulesOnlyGuard(guard: Guard): Guard {
  return createGuard({ ...guard.policy, stages: { input: { scanners: ['injection-rules'], actions: {} } } });
}

/**
 * `npm run bench -- --only hostile`: each 1 MiB adversarial shape through canonicalization + the rules alone
 * and through the whole default input stage, in the same run, with the ratio of the two p50s (the machine's
 * load moves both alike), and 200 KB of benign text.
 */
export async function benchHostile(
  guard: Guard = createGuard(),
  rulesOnly: Guard = rulesOnlyGuard(guard),
): Promise<{ rows: BenchRow[]; ratios: Record<string, number> }> {
  const big = { minRuns: 5, warmup: 2, budgetMs: 3000 };
  const rows: BenchRow[] = [];
  const ratios: Record<string, number> = {};
  for (const { name, text } of [
    ...adversarialInputs(),
    { name: 'benign 200 KB', text: benignText(200 * 1024) },
  ]) {
    const rules = await measure(
      `canonicalize + rules only, adversarial ${name}`,
      () => rulesOnly.check('input', text),
      big,
    );
    const full = await measure(`guard input adversarial ${name}`, () => guard.check('input', text), big);
    rows.push(rules, full);
    ratios[name] = full.p50Ms / rules.p50Ms;
  }
  return { rows, ratios };
}

/** The default policy without the harmful scanner on input (its cost is the difference, same run). */
function withoutHarmful(guard: Guard): Guard {
  const input = guard.policy.stages.input!;
  return createGuard({
    ...guard.policy,
    stages: {
      ...guard.policy.stages,
      input: { ...input, scanners: input.scanners.filter((s) => s !== 'harmful') },
    },
  });
}

export async function benchGuard(): Promise<{
  rows: BenchRow[];
  linearity: Record<string, number>;
  harmfulRatio: number;
}> {
  const guard = createGuard();
  const rows: BenchRow[] = [];
  // The default input stage on a 2 KB benign prompt with and without `harmful`, alternated in the same run
  // (the budget is 0.5 ms with it); the ratio of the best p50s is what the load of the machine moves least.
  const noHarm = withoutHarmful(guard);
  const prompt = benignText(2 * 1024);
  const pair: BenchRow[] = [];
  for (let r = 0; r < 2; r++) {
    pair.push(await measure('guard input benign 2 KB, default stage', () => guard.check('input', prompt)));
    pair.push(await measure('guard input benign 2 KB, without harmful', () => noHarm.check('input', prompt)));
  }
  const best = (i: number): BenchRow => (pair[i]!.p50Ms <= pair[i + 2]!.p50Ms ? pair[i]! : pair[i + 2]!);
  rows.push(best(0), best(1));
  const harmfulRatio = best(0).p50Ms / best(1).p50Ms;
  const perKb: Record<string, number[]> = { benign: [], attack: [] };
  for (const size of SIZES) {
    for (const [kind, make] of [
      ['benign', benignText],
      ['attack', attackText],
    ] as const) {
      const text = make(size);
      const row = await measure(`guard input ${kind} ${size / 1024} KB`, () => guard.check('input', text), {
        budgetMs: size > 100_000 ? 3000 : 1500,
      });
      rows.push(row);
      perKb[kind]!.push(row.p50Ms / (size / 1024));
    }
  }
  // Canonicalization + the rule scanners alone (issue 3's budget), without the model, secrets and PII.
  const rulesOnly = rulesOnlyGuard(guard);
  for (const [kind, make] of [
    ['benign', benignText],
    ['attack', attackText],
  ] as const) {
    const text = make(2 * 1024);
    rows.push(await measure(`canonicalize + rules only, ${kind} 2 KB`, () => rulesOnly.check('input', text)));
  }
  rows.push(...(await benchHostile(guard, rulesOnly)).rows);
  const big = { minRuns: 5, warmup: 2, budgetMs: 3000 };
  // Output stage: secrets, PII, canary, system-prompt leak and exfiltration links together.
  const { token } = guard.canary();
  const leakOpts = { canaries: [token], systemPrompts: [SYSTEM_PROMPT] };
  const answer = `${benignText(1800)} Contact jane@mail.example or see ![chart](https://cdn.example.net/c.png).`;
  rows.push(
    await measure('guard output leakage scanners 2 KB', () => guard.check('output', answer, leakOpts)),
  );
  for (const { name, text } of adversarialInputs()) {
    rows.push(
      await measure(`guard output adversarial ${name}`, () => guard.check('output', text, leakOpts), big),
    );
  }
  // Per-KB cost of 200 KB over per-KB cost of 2 KB: near 1 means linear.
  const linearity = Object.fromEntries(Object.entries(perKb).map(([k, v]) => [k, v[2]! / v[0]!]));
  return { rows, linearity, harmfulRatio };
}
