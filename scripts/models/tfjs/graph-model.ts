// Reader for TF.js "graph-model" files: model.json (GraphDef as JSON + weights manifest) plus
// the concatenated weight shards. Format: https://www.tensorflow.org/js/guide/save_load

import { decodeWeights, type WeightSpec, type DecodedWeight } from './weights.ts';

/** One AttrValue of a TF NodeDef, as TF.js writes it to JSON (int64 as strings, strings base64). */
export interface TfAttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: (string | number)[]; f?: number[]; b?: boolean[]; type?: string[] };
  tensor?: unknown;
}

export interface TfNodeDef {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
  device?: string;
}

export interface TfSignatureEntry {
  name: string;
  dtype?: string;
  tensorShape?: { dim?: { size?: string | number }[] };
}

export interface TfSignature {
  inputs?: Record<string, TfSignatureEntry>;
  outputs?: Record<string, TfSignatureEntry>;
}

export interface TfjsModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: TfSignature;
  userDefinedMetadata?: { signature?: TfSignature } & Record<string, unknown>;
  modelTopology: { node: TfNodeDef[]; library?: { function?: unknown[] }; versions?: unknown };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export interface TfGraph {
  readonly nodes: readonly TfNodeDef[];
  readonly weights: ReadonlyMap<string, DecodedWeight>;
  /** The signature TF.js uses: userDefinedMetadata.signature wins over signature (as in GraphModel). */
  readonly signature: TfSignature | undefined;
}

export function parseModelJson(text: string): TfjsModelJson {
  const json = JSON.parse(text) as TfjsModelJson;
  if (json.format !== undefined && json.format !== 'graph-model') {
    throw new Error(`not a TF.js graph model (format: ${json.format})`);
  }
  if (!Array.isArray(json.modelTopology?.node) || !Array.isArray(json.weightsManifest)) {
    throw new Error('model.json lacks modelTopology.node or weightsManifest');
  }
  if ((json.modelTopology.library?.function?.length ?? 0) > 0) {
    throw new Error('graph functions (control flow) are not supported');
  }
  return json;
}

/** Shard file names in manifest order; their bytes are concatenated before decoding. */
export function weightShardPaths(json: TfjsModelJson): string[] {
  return json.weightsManifest.flatMap((group) => group.paths);
}

/** Build the graph from parsed JSON and the concatenated shards. */
export function readGraph(json: TfjsModelJson, weightData: Uint8Array): TfGraph {
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  return {
    nodes: json.modelTopology.node,
    weights: decodeWeights(specs, weightData),
    signature: json.userDefinedMetadata?.signature ?? json.signature,
  };
}

/** Split "node:1" / "^node" references into node name and output index (control inputs return null). */
export function parseTensorRef(ref: string): { node: string; index: number } | null {
  if (ref.startsWith('^')) return null;
  const match = /^(.*):(\d+)$/.exec(ref);
  return match ? { node: match[1]!, index: Number(match[2]) } : { node: ref, index: 0 };
}
