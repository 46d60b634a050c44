// Grouped, stratified K-fold assignment: every identity group goes to exactly one fold, and the
// folds get about the same number of swap items and of genuine items (and of other items).
//
// Greedy, largest group first: each group goes to the fold where adding it keeps the per-class
// loads most even (the smallest increase of Σ_class (count / classTotal)², i.e. the fold whose load
// in the group's classes is lowest), ties to the fold with fewest items, then the lowest index.
// Groups of equal size are taken in an order fixed by a hash of (seed, group name), so a seed
// gives one assignment and similarly named groups (one source repository) do not cluster.
// Linked groups (e.g. two groups that list byte-identical files) are assigned as one.

import { createHash } from 'node:crypto';
import type { FoldCounts, Label } from './types.ts';

export interface FoldUnit {
  identityGroup: string;
  label: Label;
  /** Items this unit stands for; default 1. 0 registers a group that has no items (it still gets a fold). */
  count?: number;
}

export interface FoldAssignment {
  k: number;
  seed: number;
  /** Group → fold (0..k-1), keys in ascending order. */
  groups: Record<string, number>;
  /** Per fold: the units given (items; genuine = label 0, swap = label 1). */
  counts: FoldCounts[];
}

export const DEFAULT_FOLDS = 5;
export const DEFAULT_FOLD_SEED = 1;

type ClassCounts = [genuine: number, swap: number, other: number];

function classIndex(label: Label): 0 | 1 | 2 {
  return label === 0 ? 0 : label === 1 ? 1 : 2;
}

/**
 * Each group → the representative of its linked cluster (the smallest name), by union-find over
 * `links`; a group without links represents itself.
 */
export function linkGroups(
  groups: Iterable<string>,
  links: Iterable<readonly [string, string]>,
): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (g: string): string => {
    let root = g;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const add = (g: string) => {
    if (!parent.has(g)) parent.set(g, g);
  };
  for (const g of groups) add(g);
  for (const [a, b] of links) {
    add(a);
    add(b);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) {
      if (ra < rb) parent.set(rb, ra);
      else parent.set(ra, rb);
    }
  }
  return new Map([...parent.keys()].map((g) => [g, find(g)]));
}

/**
 * `keep`: groups that already have a fold keep it (a cache extended with new categories must not
 * move the groups its fold models were trained on); only the other groups are placed greedily.
 */
export function assignFolds(
  units: readonly FoldUnit[],
  k: number = DEFAULT_FOLDS,
  seed: number = DEFAULT_FOLD_SEED,
  links: Iterable<readonly [string, string]> = [],
  keep: Readonly<Record<string, number>> = {},
): FoldAssignment {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
  const clusterOf = linkGroups(
    units.map((u) => u.identityGroup),
    links,
  );
  const perGroup = new Map<string, ClassCounts>();
  for (const u of units) {
    const cluster = clusterOf.get(u.identityGroup)!;
    const c = perGroup.get(cluster) ?? [0, 0, 0];
    c[classIndex(u.label)] += u.count ?? 1;
    perGroup.set(cluster, c);
  }
  const totals: ClassCounts = [0, 0, 0];
  for (const c of perGroup.values()) for (let i = 0; i < 3; i++) totals[i]! += c[i]!;

  const tieKey = (group: string) => createHash('sha256').update(`${seed}\0${group}`).digest('hex');
  const order = [...perGroup.entries()]
    .map(([group, counts]) => ({
      group,
      counts,
      size: counts[0] + counts[1] + counts[2],
      key: tieKey(group),
    }))
    .sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const load: ClassCounts[] = Array.from({ length: k }, () => [0, 0, 0]);
  const assigned = new Map<string, number>();
  // Groups that already have a fold (an extended cache whose models were trained on those folds)
  // keep it; a linked cluster keeps the fold of any of its members that had one.
  for (const [group, fold] of Object.entries(keep)) {
    if (!Number.isInteger(fold) || fold < 0 || fold >= k)
      throw new RangeError(`fold ${fold} of ${group} is not in 0..${k - 1}`);
    const cluster = clusterOf.get(group);
    if (cluster === undefined || assigned.has(cluster)) continue;
    assigned.set(cluster, fold);
    const counts = perGroup.get(cluster)!;
    for (let c = 0; c < 3; c++) load[fold]![c]! += counts[c]!;
  }
  for (const { group, counts } of order) {
    if (assigned.has(group)) continue;
    let best = 0;
    let bestCost = Infinity;
    let bestItems = Infinity;
    for (let f = 0; f < k; f++) {
      let cost = 0;
      for (let c = 0; c < 3; c++) {
        if (totals[c] === 0 || counts[c] === 0) continue;
        const after = (load[f]![c]! + counts[c]!) / totals[c]!;
        const before = load[f]![c]! / totals[c]!;
        cost += after * after - before * before;
      }
      const items = load[f]![0] + load[f]![1] + load[f]![2];
      // Costs are compared with a tolerance so float noise does not break ties differently.
      if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && items < bestItems)) {
        best = f;
        bestCost = cost;
        bestItems = items;
      }
    }
    assigned.set(group, best);
    for (let c = 0; c < 3; c++) load[best]![c]! += counts[c]!;
  }

  const groups: Record<string, number> = {};
  for (const group of [...clusterOf.keys()].sort()) {
    const fold = assigned.get(clusterOf.get(group)!);
    if (fold !== undefined) groups[group] = fold; // (a linked group with no units at all gets none)
  }
  return {
    k,
    seed,
    groups,
    counts: load.map(([genuine, swap, other]) => ({ items: genuine + swap + other, genuine, swap })),
  };
}
