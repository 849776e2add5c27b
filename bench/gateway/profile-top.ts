// tsx bench/gateway/profile-top.ts <file.cpuprofile> [n]: where a CPU profile's time went — self time per
// function (name, file:line), largest first, and per package / Rampart folder. For the gateway benchmark's
// BENCH_CPU_PROF profile.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, n = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/gateway/profile-top.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

// Idle time is not cost: shares are of the busy time.
const idle = profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id);
for (const id of idle) selfUs.delete(id);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const where = (url: string, fn: string): string => {
  if (fn.startsWith('(')) return fn; // (garbage collector), (program)
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(url);
  if (m) return m[1]!;
  const r = /\/(?:dist|src)\/([^/]+(?:\/[^/]+)?)\//u.exec(url);
  if (r) return `rampart ${r[1]}`;
  return url.startsWith('node:') ? url : url === '' ? '(native)' : 'other';
};
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const short = url.replace(/^.*\/(node_modules|dist|src)\//u, '$1/');
  const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const place = where(url, functionName);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms busy (idle left out)`);
console.log('self time by package / folder:');
for (const [k, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`  ${pct(us)}  ${k}`);
console.log(`self time by function (top ${n}):`);
for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(n)))
  console.log(`  ${pct(us)}  ${k}`);
