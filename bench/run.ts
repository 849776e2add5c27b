// `npm run bench`: prints latency and throughput figures. Performance lives here, not in timed tests.
import { benchCanonicalize } from './canonicalize.bench.js';
import { benchGuard } from './guard.bench.js';
import { benchInjectionModel } from './injection-model.bench.js';
import { benchInjectionRules } from './injection-rules.bench.js';
import { benchLinks } from './leakage-links.bench.js';
import { formatRows } from './measure.js';
import { benchPii } from './pii.bench.js';
import { benchSecrets } from './secrets.bench.js';

console.log(`Rampart bench — Node ${process.version}, ${process.arch}, ${process.env.CI ? 'CI' : 'local'}\n`);
const { rows, linearity } = await benchGuard();
console.log(formatRows('Guard, default policy (canonicalize + every scanner of the stage)', rows));
console.log(
  `per-KB cost ratio 200 KB / 2 KB at the input stage (1.0 = linear): ${Object.entries(linearity)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}\n`,
);
console.log(formatRows('Canonicalization', await benchCanonicalize()), '\n');
console.log(formatRows('Injection rules', await benchInjectionRules()), '\n');
console.log(formatRows('Injection model', await benchInjectionModel()), '\n');
console.log(formatRows('Secrets', await benchSecrets()), '\n');
console.log(formatRows('PII', await benchPii()), '\n');
console.log(formatRows('Canary, system-prompt leak, exfiltration links', await benchLinks()));
