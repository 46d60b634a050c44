import { describe, expect, it } from 'vitest';
import { assignFolds, linkGroups, type FoldUnit } from '../../../../engine/eval/dataset/folds.ts';
import type { Label } from '../../../../engine/eval/dataset/types.ts';
import { seededRandom } from '../../../support/seeded-random.ts';

/** A manifest-like mix: many small genuine groups, fewer larger swap groups, a few groups with both. */
function syntheticUnits(seed: number): FoldUnit[] {
  const next = seededRandom(seed);
  const units: FoldUnit[] = [];
  const add = (group: string, label: Label, n: number) => {
    for (let i = 0; i < n; i++) units.push({ identityGroup: group, label });
  };
  for (let g = 0; g < 120; g++) add(`repo${g % 9}:genuine-${g}`, 0, 1 + Math.floor(next() * 4));
  for (let g = 0; g < 18; g++) add(`dfl-model:${g}`, 1, 1 + Math.floor(next() * 4));
  // side-by-side groups: a genuine half and a swap half per clip
  for (let g = 0; g < 10; g++) {
    const clips = 1 + Math.floor(next() * 4);
    add(`sbs:${g}`, 0, clips);
    add(`sbs:${g}`, 1, clips);
  }
  add('talking:0', null, 3);
  return units;
}

describe('assignFolds', () => {
  const units = syntheticUnits(7);
  const k = 5;
  const result = assignFolds(units, k, 1);

  it('assigns every group to exactly one fold in 0..k-1', () => {
    const groups = new Set(units.map((u) => u.identityGroup));
    expect(Object.keys(result.groups).sort()).toEqual([...groups].sort());
    for (const fold of Object.values(result.groups)) {
      expect(Number.isInteger(fold)).toBe(true);
      expect(fold).toBeGreaterThanOrEqual(0);
      expect(fold).toBeLessThan(k);
    }
  });

  it('keeps each group in one fold: the folds are disjoint by group', () => {
    const foldsOfGroup = new Map<string, Set<number>>();
    for (const u of units) {
      const set = foldsOfGroup.get(u.identityGroup) ?? new Set();
      set.add(result.groups[u.identityGroup]!);
      foldsOfGroup.set(u.identityGroup, set);
    }
    for (const set of foldsOfGroup.values()) expect(set.size).toBe(1);
  });

  it('counts match the units and balance swap and genuine items across folds', () => {
    const total = (label: Label) => units.filter((u) => u.label === label).length;
    expect(result.counts.reduce((n, c) => n + c.items, 0)).toBe(units.length);
    expect(result.counts.reduce((n, c) => n + c.genuine, 0)).toBe(total(0));
    expect(result.counts.reduce((n, c) => n + c.swap, 0)).toBe(total(1));
    // Within one largest group of the even share (groups cannot be split).
    const largest = (label: Label) => {
      const per = new Map<string, number>();
      for (const u of units)
        if (u.label === label) per.set(u.identityGroup, (per.get(u.identityGroup) ?? 0) + 1);
      return Math.max(...per.values());
    };
    for (const c of result.counts) {
      expect(Math.abs(c.genuine - total(0) / k)).toBeLessThanOrEqual(largest(0));
      expect(Math.abs(c.swap - total(1) / k)).toBeLessThanOrEqual(largest(1));
    }
  });

  it('is deterministic: same units in any order, same seed → same folds', () => {
    const shuffled = [...units];
    const next = seededRandom(99);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(assignFolds(shuffled, k, 1)).toEqual(result);
    expect(assignFolds(units, k, 1)).toEqual(result);
  });

  it('gives every fold some swap items when there are at least k swap groups', () => {
    for (const c of result.counts) expect(c.swap).toBeGreaterThan(0);
  });

  it('registers groups with no items (count 0) without counting them', () => {
    const r = assignFolds(
      [
        { identityGroup: 'a', label: 0 },
        { identityGroup: 'b', label: 1 },
        { identityGroup: 'skipped', label: null, count: 0 },
      ],
      2,
    );
    expect(Object.keys(r.groups).sort()).toEqual(['a', 'b', 'skipped']);
    expect(r.counts.reduce((n, c) => n + c.items, 0)).toBe(2);
    expect(r.groups.a).not.toBe(r.groups.b);
  });

  it('puts linked groups (byte-identical files under two groups) in one fold, still disjoint', () => {
    const links = [
      ['repo0:genuine-0', 'dfl-model:3'],
      ['dfl-model:3', 'sbs:5'],
      ['repo1:genuine-1', 'repo2:genuine-2'],
    ] as const;
    const linked = assignFolds(units, k, 1, links);
    expect(linked.groups['repo0:genuine-0']).toBe(linked.groups['dfl-model:3']);
    expect(linked.groups['sbs:5']).toBe(linked.groups['dfl-model:3']);
    expect(linked.groups['repo1:genuine-1']).toBe(linked.groups['repo2:genuine-2']);
    expect(Object.keys(linked.groups)).toEqual(Object.keys(result.groups));
    expect(linked.counts.reduce((n, c) => n + c.items, 0)).toBe(units.length);
    expect(assignFolds(units, k, 1, links)).toEqual(linked);
  });

  it('keeps the folds of groups already assigned when new groups join (--keep-folds)', () => {
    const extra: FoldUnit[] = [];
    for (let g = 0; g < 30; g++)
      for (let i = 0; i < 1 + (g % 3); i++) extra.push({ identityGroup: `talking-new:${g}`, label: null });
    // Extra units of a group that already had a fold (a new category of a known person) too.
    extra.push({ identityGroup: 'sbs:2', label: null }, { identityGroup: 'sbs:2', label: null });
    const fresh = assignFolds([...units, ...extra], k, 1);
    const kept = assignFolds([...units, ...extra], k, 1, [], result.groups);
    const moved = Object.keys(result.groups).filter((g) => fresh.groups[g] !== result.groups[g]);
    expect(moved.length).toBeGreaterThan(0); // without keep, the new units reshuffle old groups
    for (const [group, fold] of Object.entries(result.groups)) expect(kept.groups[group]).toBe(fold);
    for (let g = 0; g < 30; g++) expect(kept.groups[`talking-new:${g}`]).toBeGreaterThanOrEqual(0);
    expect(kept.counts.reduce((n, c) => n + c.items, 0)).toBe(units.length + extra.length);
    // The new groups still spread over the folds.
    const newFolds = new Set(Array.from({ length: 30 }, (_, g) => kept.groups[`talking-new:${g}`]));
    expect(newFolds.size).toBe(k);
    expect(() => assignFolds(units, k, 1, [], { 'sbs:2': k })).toThrow(RangeError);
  });

  it('linkGroups maps each group to the smallest name of its cluster', () => {
    const rep = linkGroups(
      ['a', 'b', 'c', 'd', 'e'],
      [
        ['d', 'b'],
        ['e', 'd'],
      ],
    );
    expect(Object.fromEntries(rep)).toEqual({ a: 'a', b: 'b', c: 'c', d: 'b', e: 'b' });
  });

  it('rejects k < 2', () => {
    expect(() => assignFolds(units, 1)).toThrow(RangeError);
  });
});
