import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ByteBuffer } from 'flatbuffers';
import { afterEach, describe, expect, it } from 'vitest';
import { isCallSentinelError } from '../../../engine/core/errors.ts';
import { parseManifest } from '../../../engine/runtime/manifest.ts';
import { convertHumanModels } from '../../../scripts/models/convert-human-models.ts';
import {
  FACE_DETECTOR_NAME,
  FACE_DETECTOR_SOURCE,
  prepareFaceDetectorModel,
  resolveFaceDetectionPackageDir,
} from '../../../scripts/models/mediapipe-face-detector.ts';
import {
  buildModelMetadata,
  METADATA_BUFFER_NAME,
  readModelMetadata,
  readTfliteModelMetadata,
} from '../../../scripts/models/tflite/metadata.ts';
import { addTfliteMetadata, readTfliteModel } from '../../../scripts/models/tflite/model-file.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const source = () =>
  new Uint8Array(readFileSync(join(resolveFaceDetectionPackageDir(), FACE_DETECTOR_SOURCE.file)));

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsentinel-tflite-'));
  temps.push(dir);
  return dir;
};
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Straight FlatBuffers reads, independent of scripts/models/tflite: vtable slot -> position. */
function field(bb: ByteBuffer, table: number, slot: number): number {
  const offset = bb.__offset(table, 4 + 2 * slot);
  return offset === 0 ? 0 : table + offset;
}

describe('face_detection_short_range.tflite with metadata', () => {
  it('keeps the model and adds a TFLITE_METADATA buffer that parses, with the normalisation', () => {
    const original = source();
    const { bytes, entry } = prepareFaceDetectorModel();

    // The model: identifier, same I/O, one more buffer, the metadata entry pointing at it.
    const bb = new ByteBuffer(bytes);
    expect(bb.__has_identifier('TFL3')).toBe(true);
    const root = bb.readUint32(0);
    const buffers = field(bb, root, 4);
    const bufferCount = bb.__vector_len(buffers);
    expect(bufferCount).toBe(readTfliteModel(original).bufferCount + 1);
    const metadataList = field(bb, root, 6);
    expect(bb.__vector_len(metadataList)).toBe(1);
    const metadataTable = bb.__indirect(bb.__vector(metadataList));
    expect(bb.__string(field(bb, metadataTable, 0))).toBe(METADATA_BUFFER_NAME);
    const bufferIndex = bb.readUint32(field(bb, metadataTable, 1));
    expect(bufferIndex).toBe(bufferCount - 1);
    const bufferTable = bb.__indirect(bb.__vector(buffers) + 4 * bufferIndex);
    const dataField = field(bb, bufferTable, 0);
    const dataStart = bb.__vector(dataField);
    expect(dataStart % 16).toBe(0);
    const data = bytes.subarray(dataStart, dataStart + bb.__vector_len(dataField));
    expect(String.fromCharCode(...data.subarray(4, 8))).toBe('M001');

    // The metadata: RGB 128x128 image input normalised with mean 127.5, std 127.5.
    const metadata = readModelMetadata(data);
    expect(metadata.inputs).toHaveLength(1);
    expect(metadata.inputs[0]).toMatchObject({
      name: 'input',
      image: { colorSpace: 'rgb', width: 128, height: 128 },
      normalization: { mean: [127.5], std: [127.5] },
    });
    expect(metadata.outputs.map((o) => o.name)).toEqual(['regressors', 'classificators']);
    expect(metadata.minParserVersion).toBe('1.0.0');
    expect(readTfliteModelMetadata(bytes)).toEqual(metadata);
    expect(readTfliteModelMetadata(original)).toBeUndefined();

    // The original bytes follow the new root unchanged, 16-byte aligned.
    const shift = bytes.length - original.length;
    expect(shift % 16).toBe(0);
    expect(sha256(bytes.subarray(shift))).toBe(FACE_DETECTOR_SOURCE.sha256);
    const before = readTfliteModel(original);
    const after = readTfliteModel(bytes);
    expect(after.inputs).toEqual(before.inputs);
    expect(after.outputs).toEqual(before.outputs);
    expect(after.description).toBe(before.description);
    expect(after.version).toBe(before.version);

    expect(entry).toMatchObject({
      name: FACE_DETECTOR_NAME,
      file: 'face_detection_short_range.tflite',
      sha256: sha256(bytes),
      bytes: bytes.length,
      format: 'tflite',
      normalization: { mean: [127.5], std: [127.5] },
      source: {
        package: '@mediapipe/face_detection',
        files: [{ path: FACE_DETECTOR_SOURCE.file, sha256: FACE_DETECTOR_SOURCE.sha256 }],
      },
      input: { name: 'input', dims: [1, 128, 128, 3], layout: 'NHWC', valueRange: [-1, 1] },
      outputs: [
        { name: 'regressors', dims: [1, 896, 16] },
        { name: 'classificators', dims: [1, 896, 1] },
      ],
    });
    expect(entry.licence).toMatch(/Apache-2\.0/);
    // Deterministic.
    expect(sha256(prepareFaceDetectorModel().bytes)).toBe(entry.sha256);
  });

  it('refuses a changed or missing source file with E_MODEL_SOURCE', () => {
    const fake = tempDir();
    copyFileSync(join(resolveFaceDetectionPackageDir(), 'package.json'), join(fake, 'package.json'));
    const changed = source();
    changed[100] = changed[100]! ^ 1;
    writeFileSync(join(fake, FACE_DETECTOR_SOURCE.file), changed);
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isCallSentinelError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => prepareFaceDetectorModel({ packageDir: fake }))).toBe('E_MODEL_SOURCE');
    expect(codeOf(() => prepareFaceDetectorModel({ packageDir: tempDir() }))).toBe('E_MODEL_SOURCE');
  });

  it('refuses a second entry of the same name and bad normalisation', () => {
    const once = addTfliteMetadata(source(), 'X', new Uint8Array([1, 2, 3]));
    expect(readTfliteModel(once).metadata).toEqual([
      { name: 'X', buffer: readTfliteModel(once).bufferCount - 1 },
    ]);
    expect(() => addTfliteMetadata(once, 'X', new Uint8Array(1))).toThrow(/already has/);
    // Entries accumulate: a second name keeps the first.
    const twice = addTfliteMetadata(once, 'Y', new Uint8Array(8));
    expect(readTfliteModel(twice).metadata.map((m) => m.name)).toEqual(['X', 'Y']);
    expect(() =>
      buildModelMetadata({
        name: 'm',
        inputs: [{ name: 'input', normalization: { mean: [1, 2], std: [1, 2] } }],
        outputs: [],
      }),
    ).toThrow(/1 or 3/);
  });
});

describe('npm run models writes it to models/vendor', () => {
  it('lists it under browserModels with its sha256; postinstall checks it', async () => {
    const out = tempDir();
    const manifest = convertHumanModels({ outDir: out, only: [FACE_DETECTOR_NAME] });
    expect(manifest.models).toEqual([]);
    expect(manifest.browserModels?.map((m) => m.name)).toEqual([FACE_DETECTOR_NAME]);
    const written = readFileSync(join(out, 'face_detection_short_range.tflite'));
    expect(sha256(written)).toBe(manifest.browserModels![0]!.sha256);
    const text = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect(typeof parseManifest(text)).toBe('object');

    // postinstall's staleness check covers browser models too (here: an otherwise valid manifest).
    const postinstall = (await import(pathToFileURL(join(ROOT, 'scripts', 'postinstall.js')).href)) as {
      staleReason(dir?: string): string | null;
    };
    const withOnnx = { ...JSON.parse(text), models: [] as unknown[] };
    writeFileSync(join(out, 'm.onnx'), 'x');
    withOnnx.models.push({
      name: 'm',
      file: 'm.onnx',
      sha256: sha256(new TextEncoder().encode('x')),
      source: { package: '@vladmandic/human', version: '3.3.6' },
    });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(withOnnx));
    expect(postinstall.staleReason(out)).toBeNull();
    writeFileSync(join(out, 'face_detection_short_range.tflite'), 'changed');
    expect(postinstall.staleReason(out)).toBe(`${FACE_DETECTOR_NAME}: checksum mismatch`);
    rmSync(join(out, 'face_detection_short_range.tflite'));
    expect(postinstall.staleReason(out)).toBe(`${FACE_DETECTOR_NAME}: file missing`);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
