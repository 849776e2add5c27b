// `npm run bench`: prints latency and throughput figures. Performance lives here, not in timed tests.
// `npm run bench -- --only hostile` (or a comma-separated list of the section names below) runs only those.
import { benchCanonicalize } from './canonicalize.bench.js';
import { benchGuard, benchHostile } from './guard.bench.js';
import { benchInjectionModel } from './injection-model.bench.js';
import { benchInjectionRules } from './injection-rules.bench.js';
import { benchLinks } from './leakage-links.bench.js';
import { formatRows } from './measure.js';
import { benchPii } from './pii.bench.js';
import { benchSecrets } from './secrets.bench.js';

const SECTIONS: Record<string, () => Promise<void>> = {
  guard: async () => {
    const { rows, linearity, harmfulRatio } = await benchGuard();
    console.log(formatRows('Guard, default policy (canonicalize + every scanner of the stage)', rows));
    console.log(
      `per-KB cost ratio 200 KB / 2 KB at the input stage (1.0 = linear): ${Object.entries(linearity)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}`,
    );
    console.log(
      `default input stage with / without harmful, 2 KB benign (p50): ${harmfulRatio.toFixed(2)}\n`,
    );
  },
  hostile: async () => {
    const { rows, ratios } = await benchHostile();
    console.log(formatRows('Hostile input, input stage: rules only, then the default stage', rows));
    console.log(
      `default stage / rules only (p50): ${Object.entries(ratios)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}\n`,
    );
  },
  canonicalize: async () => console.log(formatRows('Canonicalization', await benchCanonicalize()), '\n'),
  rules: async () => console.log(formatRows('Injection rules', await benchInjectionRules()), '\n'),
  model: async () => console.log(formatRows('Injection model', await benchInjectionModel()), '\n'),
  secrets: async () => console.log(formatRows('Secrets', await benchSecrets()), '\n'),
  pii: async () => console.log(formatRows('PII', await benchPii()), '\n'),
  links: async () =>
    console.log(formatRows('Canary, system-prompt leak, exfiltration links', await benchLinks())),
};

const at = process.argv.indexOf('--only');
const only = at >= 0 ? (process.argv[at + 1] ?? '').split(',').filter(Boolean) : undefined;
const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
if (only?.length === 0 || unknown.length > 0) {
  console.error(`--only takes section names: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}

console.log(`Rampart bench — Node ${process.version}, ${process.arch}, ${process.env.CI ? 'CI' : 'local'}\n`);
// The full run: every section but 'hostile', whose rows are part of 'guard'.
for (const name of only ?? Object.keys(SECTIONS).filter((n) => n !== 'hostile')) await SECTIONS[name]!();
