// `npx tsx tools/eval/agent/run.ts [--json]`: the agent-injection benchmark (the same run as `rampart eval-agent`).
import { formatAgentReport, runAgentBenchmark, summarize } from '../../../src/eval/agent/index.js';

const report = await runAgentBenchmark();
console.log(process.argv.includes('--json') ? JSON.stringify(summarize(report)) : formatAgentReport(report));
