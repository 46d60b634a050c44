// Typed accessors for TF NodeDef attributes as TF.js stores them in JSON.

import type { TfNodeDef } from './graph-model.ts';

function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

export function attrString(node: TfNodeDef, key: string, fallback?: string): string {
  const value = node.attr?.[key]?.s;
  if (value !== undefined) return decodeBase64(value);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.op} ${node.name}: missing string attribute ${key}`);
}

export function attrStrings(node: TfNodeDef, key: string): string[] {
  return (node.attr?.[key]?.list?.s ?? []).map(decodeBase64);
}

export function attrInts(node: TfNodeDef, key: string, fallback?: number[]): number[] {
  const list = node.attr?.[key]?.list;
  if (list?.i !== undefined) return list.i.map(Number);
  if (fallback !== undefined) return fallback;
  if (list !== undefined) return []; // TF.js writes an empty list as {}
  throw new Error(`${node.op} ${node.name}: missing int list attribute ${key}`);
}

export function attrInt(node: TfNodeDef, key: string, fallback?: number): number {
  const value = node.attr?.[key]?.i;
  if (value !== undefined) return Number(value);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.op} ${node.name}: missing int attribute ${key}`);
}

export function attrFloat(node: TfNodeDef, key: string, fallback: number): number {
  return node.attr?.[key]?.f ?? fallback;
}

export function attrBool(node: TfNodeDef, key: string, fallback: boolean): boolean {
  return node.attr?.[key]?.b ?? fallback;
}

/** Static dims of a `shape` attribute (-1 for unknown); undefined when absent or of unknown rank. */
export function attrShape(node: TfNodeDef, key: string): number[] | undefined {
  const shape = node.attr?.[key]?.shape;
  if (!shape || shape.unknownRank) return undefined;
  return (shape.dim ?? []).map((d) => Number(d.size ?? -1));
}
