// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time per function, self time per
// file or package, and total (inclusive) time of the functions that match a filter.
// Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top=25] [--match=regex]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top=25] [--match=regex]\n');
  process.exit(2);
}
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const matchArg = process.argv.find((a) => a.startsWith('--match='))?.slice(8);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] ?? url;
  const src = /\/((?:src|bench|tests)\/.*)$/.exec(url);
  return src?.[1] ?? (url || '(native)');
};
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  if (!n) continue;
  add(selfByFunction, label(n), us);
  add(selfByFile, shortUrl(n.callFrame.url), us);
}

// Inclusive time: every sample counts once for each distinct function on its stack.
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n) break;
    const key = label(n);
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusive, key, us);
  }
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>, filter?: (k: string) => boolean) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of [...map].filter(([k]) => !filter || filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
  }
};
process.stdout.write(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled\n`);
print('Self time by file or package', selfByFile);
print('Self time by function', selfByFunction);
if (matchArg) {
  const re = new RegExp(matchArg);
  print(`Total time of functions matching /${matchArg}/`, inclusive, (k) => re.test(k));
}
