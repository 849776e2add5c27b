// `npx tsx tools/eval/spotlight-redteam.ts`: the red team's attacks that carry a poisoned document (indirect
// injection in a web page, e-mail, document or tool result), run against the built-in `rampart-local`
// model with the document passed raw and then spotlighted in each mode (the tool result becomes a
// block, the system prompt gets the mode's sentence). Default plan, seed 1.
//
// Read the figures with care: rampart-local is a naive pattern-matching stand-in that obeys the last
// instruction it can read and never reads the system sentence. What changes between modes is only
// whether its patterns still match the transformed text, not whether a model heeds the marking.
import type { ChatMessage } from '../../src/gateway/openai-types.js';
import { SPOTLIGHT_MODES, spotlight, type SpotlightMode } from '../../src/rag/spotlight/spotlight.js';
import { expandPlan } from '../../src/redteam/expand.js';
import { runRedteam } from '../../src/redteam/runner.js';
import { functionTarget } from '../../src/redteam/targets/function-target.js';
import { localTarget } from '../../src/redteam/targets/local-target.js';

const cases = expandPlan({ seed: 1 }).filter((c) => c.document);
const local = localTarget();

function spotlighted(mode: SpotlightMode) {
  return functionTarget(async (messages, tools) => {
    const out: ChatMessage[] = [];
    let note = '';
    for (const m of messages) {
      if (m.role === 'tool' && typeof m.content === 'string') {
        const s = spotlight([{ text: m.content }], { mode });
        note = s.systemNote;
        out.push({ ...m, content: s.blocks[0]! });
      } else out.push(m);
    }
    if (note) {
      const sys = out.findIndex((m) => m.role === 'system');
      if (sys >= 0)
        out[sys] = { ...out[sys]!, content: `${String(out[sys]!.content ?? '')}\n\n${note}` } as ChatMessage;
      else out.unshift({ role: 'system', content: note });
    }
    return local.send(out, tools);
  }, `rampart-local+spotlight-${mode}`);
}

const rows: string[] = [];
for (const [name, target] of [
  ['raw document', local] as const,
  ...SPOTLIGHT_MODES.map((m) => [m, spotlighted(m)] as const),
]) {
  const { results } = await runRedteam({ target, cases, concurrency: 8 });
  const ran = results.filter((r) => !r.error);
  const wins = ran.filter((r) => r.success).length;
  const byCat = new Map<string, [number, number]>();
  for (const r of ran) {
    const [w, n] = byCat.get(r.category) ?? [0, 0];
    byCat.set(r.category, [w + (r.success ? 1 : 0), n + 1]);
  }
  const cats = [...byCat].map(([c, [w, n]]) => `${c} ${((100 * w) / n).toFixed(1)}% of ${n}`).join(', ');
  rows.push(
    `${name.padEnd(12)} ASR ${((100 * wins) / ran.length).toFixed(1)}% (${wins}/${ran.length}); ${cats}`,
  );
}
console.log(`${cases.length} runs with a poisoned document (default plan, seed 1), against rampart-local:`);
for (const r of rows) console.log(r);
