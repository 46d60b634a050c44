// TFLite model metadata (tflite-support metadata_schema.fbs, root ModelMetadata, file identifier
// "M001"): the subset that MediaPipe Tasks reads for an image model, built with the flatbuffers
// Builder and read back with FlatTable. What MediaPipe's image preprocessing takes from it: the
// first input tensor's ImageProperties (colour space must be RGB) and, for a float32 input, exactly
// one NormalizationOptions process unit (1 or 3 values of mean and std: (pixel - mean) / std).

import { Builder } from 'flatbuffers';
import { FlatTable } from './flat-table.ts';
import { readTfliteMetadataBuffer } from './model-file.ts';

export const METADATA_IDENTIFIER = 'M001';
/** Name of the TFLite Model metadata entry that holds this buffer. */
export const METADATA_BUFFER_NAME = 'TFLITE_METADATA';
/** Oldest metadata parser that understands every field written here (all are from schema 1.0.0). */
export const MIN_PARSER_VERSION = '1.0.0';

// Field slots and enum values from metadata_schema.fbs. A union takes two slots: its type, then
// its value.
const MODEL_METADATA = {
  name: 0,
  description: 1,
  version: 2,
  subgraphMetadata: 3,
  author: 4,
  license: 5,
  associatedFiles: 6,
  minParserVersion: 7,
} as const;
const SUBGRAPH_METADATA = {
  name: 0,
  description: 1,
  inputTensorMetadata: 2,
  outputTensorMetadata: 3,
} as const;
const TENSOR_METADATA = { name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4 } as const;
const CONTENT = { propertiesType: 0, properties: 1, range: 2 } as const;
const IMAGE_PROPERTIES = { colorSpace: 0, defaultSize: 1 } as const;
const IMAGE_SIZE = { width: 0, height: 1 } as const;
const PROCESS_UNIT = { optionsType: 0, options: 1 } as const;
const NORMALIZATION_OPTIONS = { mean: 0, std: 1 } as const;
const CONTENT_PROPERTIES = { none: 0, feature: 1, image: 2, boundingBox: 3 } as const;
const PROCESS_UNIT_OPTIONS = { none: 0, normalization: 1 } as const;

export const COLOR_SPACES = ['unknown', 'rgb', 'grayscale'] as const;
export type ColorSpace = (typeof COLOR_SPACES)[number];

export interface Normalization {
  /** Per-channel (or one shared) mean and std: value = (pixel - mean) / std. */
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface TensorMetadataSpec {
  readonly name: string;
  readonly description?: string;
  /** An image tensor: its colour space and size. Omitted for plain feature tensors. */
  readonly image?: { readonly colorSpace: ColorSpace; readonly width: number; readonly height: number };
  readonly normalization?: Normalization;
}

export interface ModelMetadataSpec {
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly author?: string;
  readonly license?: string;
  readonly inputs: readonly TensorMetadataSpec[];
  readonly outputs: readonly TensorMetadataSpec[];
}

/** What readModelMetadata returns: the spec fields found, plus the parser version. */
export interface ModelMetadataRead extends ModelMetadataSpec {
  readonly minParserVersion: string | undefined;
}

function buildTensorMetadata(b: Builder, spec: TensorMetadataSpec): number {
  const name = b.createString(spec.name);
  const description = spec.description === undefined ? 0 : b.createString(spec.description);

  let content = 0;
  if (spec.image) {
    b.startObject(2);
    b.addFieldInt32(IMAGE_SIZE.width, spec.image.width, 0);
    b.addFieldInt32(IMAGE_SIZE.height, spec.image.height, 0);
    const size = b.endObject();
    b.startObject(2);
    b.addFieldInt8(IMAGE_PROPERTIES.colorSpace, COLOR_SPACES.indexOf(spec.image.colorSpace), 0);
    b.addFieldOffset(IMAGE_PROPERTIES.defaultSize, size, 0);
    const properties = b.endObject();
    b.startObject(3);
    b.addFieldInt8(CONTENT.propertiesType, CONTENT_PROPERTIES.image, CONTENT_PROPERTIES.none);
    b.addFieldOffset(CONTENT.properties, properties, 0);
    content = b.endObject();
  }

  let processUnits = 0;
  if (spec.normalization) {
    const { mean, std } = spec.normalization;
    if (mean.length !== std.length || (mean.length !== 1 && mean.length !== 3))
      throw new Error(
        `normalisation needs 1 or 3 values of mean and std, got ${mean.length} and ${std.length}`,
      );
    const floats = (values: readonly number[]) => {
      b.startVector(4, values.length, 4);
      for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
      return b.endVector();
    };
    const meanVector = floats(mean);
    const stdVector = floats(std);
    b.startObject(2);
    b.addFieldOffset(NORMALIZATION_OPTIONS.mean, meanVector, 0);
    b.addFieldOffset(NORMALIZATION_OPTIONS.std, stdVector, 0);
    const options = b.endObject();
    b.startObject(2);
    b.addFieldInt8(PROCESS_UNIT.optionsType, PROCESS_UNIT_OPTIONS.normalization, PROCESS_UNIT_OPTIONS.none);
    b.addFieldOffset(PROCESS_UNIT.options, options, 0);
    const unit = b.endObject();
    processUnits = offsetVector(b, [unit]);
  }

  b.startObject(5);
  b.addFieldOffset(TENSOR_METADATA.name, name, 0);
  b.addFieldOffset(TENSOR_METADATA.description, description, 0);
  b.addFieldOffset(TENSOR_METADATA.content, content, 0);
  b.addFieldOffset(TENSOR_METADATA.processUnits, processUnits, 0);
  return b.endObject();
}

function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]!);
  return b.endVector();
}

/** The ModelMetadata FlatBuffer (identifier "M001") for a single-subgraph model. */
export function buildModelMetadata(spec: ModelMetadataSpec): Uint8Array {
  const b = new Builder(1024);
  const optional = (text: string | undefined) => (text === undefined ? 0 : b.createString(text));
  const inputs = offsetVector(
    b,
    spec.inputs.map((t) => buildTensorMetadata(b, t)),
  );
  const outputs = offsetVector(
    b,
    spec.outputs.map((t) => buildTensorMetadata(b, t)),
  );
  const subgraphName = b.createString(spec.name);
  b.startObject(4);
  b.addFieldOffset(SUBGRAPH_METADATA.name, subgraphName, 0);
  b.addFieldOffset(SUBGRAPH_METADATA.inputTensorMetadata, inputs, 0);
  b.addFieldOffset(SUBGRAPH_METADATA.outputTensorMetadata, outputs, 0);
  const subgraphs = offsetVector(b, [b.endObject()]);

  const name = b.createString(spec.name);
  const description = optional(spec.description);
  const version = optional(spec.version);
  const author = optional(spec.author);
  const license = optional(spec.license);
  const minParser = b.createString(MIN_PARSER_VERSION);
  b.startObject(8);
  b.addFieldOffset(MODEL_METADATA.name, name, 0);
  b.addFieldOffset(MODEL_METADATA.description, description, 0);
  b.addFieldOffset(MODEL_METADATA.version, version, 0);
  b.addFieldOffset(MODEL_METADATA.subgraphMetadata, subgraphs, 0);
  b.addFieldOffset(MODEL_METADATA.author, author, 0);
  b.addFieldOffset(MODEL_METADATA.license, license, 0);
  b.addFieldOffset(MODEL_METADATA.minParserVersion, minParser, 0);
  b.finish(b.endObject(), METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

function readTensorMetadata(t: FlatTable): TensorMetadataSpec {
  const content = t.table(TENSOR_METADATA.content);
  let image: TensorMetadataSpec['image'];
  if (content && content.uint8(CONTENT.propertiesType) === CONTENT_PROPERTIES.image) {
    const properties = content.table(CONTENT.properties);
    const size = properties?.table(IMAGE_PROPERTIES.defaultSize);
    image = {
      colorSpace: COLOR_SPACES[properties?.int8(IMAGE_PROPERTIES.colorSpace) ?? 0] ?? 'unknown',
      width: size?.uint32(IMAGE_SIZE.width) ?? 0,
      height: size?.uint32(IMAGE_SIZE.height) ?? 0,
    };
  }
  const units = (t.tables(TENSOR_METADATA.processUnits) ?? []).filter(
    (u) => u.uint8(PROCESS_UNIT.optionsType) === PROCESS_UNIT_OPTIONS.normalization,
  );
  if (units.length > 1) throw new Error('more than one NormalizationOptions process unit');
  const options = units[0]?.table(PROCESS_UNIT.options);
  const description = t.string(TENSOR_METADATA.description);
  return {
    name: t.string(TENSOR_METADATA.name) ?? '',
    ...(description === undefined ? {} : { description }),
    ...(image ? { image } : {}),
    ...(options
      ? {
          normalization: {
            mean: options.float32s(NORMALIZATION_OPTIONS.mean) ?? [],
            std: options.float32s(NORMALIZATION_OPTIONS.std) ?? [],
          },
        }
      : {}),
  };
}

/** Parse a ModelMetadata FlatBuffer (checks the "M001" identifier); first subgraph only. */
export function readModelMetadata(metadata: Uint8Array): ModelMetadataRead {
  const root = FlatTable.root(metadata, METADATA_IDENTIFIER);
  const subgraph = root.tables(MODEL_METADATA.subgraphMetadata)?.[0];
  const optional = (key: keyof ModelMetadataSpec, slot: number) => {
    const value = root.string(slot);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    name: root.string(MODEL_METADATA.name) ?? '',
    ...optional('description', MODEL_METADATA.description),
    ...optional('version', MODEL_METADATA.version),
    ...optional('author', MODEL_METADATA.author),
    ...optional('license', MODEL_METADATA.license),
    inputs: (subgraph?.tables(SUBGRAPH_METADATA.inputTensorMetadata) ?? []).map(readTensorMetadata),
    outputs: (subgraph?.tables(SUBGRAPH_METADATA.outputTensorMetadata) ?? []).map(readTensorMetadata),
    minParserVersion: root.string(MODEL_METADATA.minParserVersion),
  };
}

/** The metadata of a TFLite model file, or undefined when it has none. */
export function readTfliteModelMetadata(model: Uint8Array): ModelMetadataRead | undefined {
  const buffer = readTfliteMetadataBuffer(model, METADATA_BUFFER_NAME);
  return buffer === undefined ? undefined : readModelMetadata(buffer);
}
