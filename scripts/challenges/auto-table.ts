// Markdown rows for the README's "Active challenges" table from the JSON files that
// scripts/challenges/auto-table.sh wrote (`scan --challenges auto --json`), swaps first.
//   npx tsx scripts/challenges/auto-table.ts OUT_DIR

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: auto-table.ts OUT_DIR');
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
const rows: { swap: boolean; line: string }[] = [];
const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(2));
for (const file of files) {
  const text = await readFile(path.join(dir, file), 'utf8');
  if (!text.trim()) continue;
  const r = JSON.parse(text);
  const c = r.challenges;
  const label = file.replace(/\.json$/, '');
  const swap = label.endsWith('-swap');
  const kinds = new Map<string, number>();
  for (const m of c.moments) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
  const top = c.moments
    .filter((m: { score: number | null }) => m.score !== null)
    .sort((a: { score: number }, b: { score: number }) => b.score - a.score)[0];
  rows.push({
    swap,
    line: `| ${label.replace(/-(swap|genuine)$/, '')} | ${swap ? 'swap' : 'genuine'} | ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'} | ${r.verdict} ${f2(r.score)} | ${f2(c.calm.score)}${c.calm.source === 'whole-recording' ? '*' : ''} | ${top ? `${f2(top.score)} (${top.rise === null ? '–' : (top.rise >= 0 ? '+' : '') + top.rise.toFixed(2)})` : '–'} | ${f2(c.identity.minSimilarity)} / ${c.identity.switches.length} | **${c.withChallenges.verdict} ${f2(c.withChallenges.score)}** |`,
  });
}
console.log(
  '| clip | truth | moments found | passive verdict, score | calm score | highest moment score (rise) | identity: lowest similarity / switches | with challenges |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of [...rows.filter((r) => r.swap), ...rows.filter((r) => !r.swap)]) console.log(r.line);
