// Loads the ONNX models listed in the two manifests (third-party models in models/vendor, the
// models this project trains in models/), checks each file's sha256 before a session is created
// from those same bytes, and caches sessions per instance (no module-level state).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallSentinelError } from '../core/errors.ts';
import {
  MANIFEST_FILE,
  parseManifest,
  parseTrainedManifest,
  type ModelManifest,
  type ModelSpec,
  type TrainedModel,
  type TrainedModelManifest,
} from './manifest.ts';
import { createOnnxModel, type OnnxModel } from './onnx-model.ts';

export interface ModelStoreOptions {
  /** Folder with manifest.json and the .onnx files; default <repo>/models/vendor. */
  readonly modelsDir?: string;
  /** Folder with our trained models and their manifest.json; default <repo>/models. */
  readonly trainedModelsDir?: string;
  /** Intra-op threads per session; default DEFAULT_THREADS. */
  readonly threads?: number;
}

/**
 * One intra-op thread per session. These models are small (a few ms each): with two, ONNX
 * Runtime's worker thread spins after every run and takes the second core from everything else
 * — the JS stages, ffmpeg, the app's window. Measured on the 2-core machine (`npm run bench`,
 * 640×480, one face, every signal): 30.7 frames/s with 2 threads, 55 with 2 threads and spinning
 * off, 60.5 with 1; in the app (`npm run bench:app -- --threads N`) 15 vs 24 results/s.
 */
export const DEFAULT_THREADS = 1;

const REPO_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');

/** Names the folder of our trained models instead of <repo>/models (a candidate under test). */
export const MODELS_DIR_ENV = 'CALLSENTINEL_MODELS_DIR';

/** <repo>/models/vendor, from this file's location (engine/runtime/); the converted third-party models. */
export function defaultModelsDir(): string {
  return join(REPO_MODELS_DIR, 'vendor');
}

/**
 * The models this project trains, their manifest, cards and calibrations: <repo>/models, or the
 * folder in CALLSENTINEL_MODELS_DIR — how a trained candidate is checked through the whole engine
 * and its tests without touching the shipped files (scripts/models/check-face-swap-candidate.ts).
 */
export function defaultTrainedModelsDir(): string {
  const override = process.env[MODELS_DIR_ENV];
  return override ? resolve(override) : REPO_MODELS_DIR;
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export class ModelStore {
  readonly modelsDir: string;
  readonly trainedModelsDir: string;
  readonly threads: number;
  private manifestPromise: Promise<ModelManifest> | undefined;
  private trainedManifestPromise: Promise<TrainedModelManifest> | undefined;
  private readonly models = new Map<string, Promise<OnnxModel>>();

  constructor(options: ModelStoreOptions = {}) {
    this.modelsDir = resolve(options.modelsDir ?? defaultModelsDir());
    this.trainedModelsDir = resolve(options.trainedModelsDir ?? defaultTrainedModelsDir());
    const threads = options.threads ?? DEFAULT_THREADS;
    if (!Number.isInteger(threads) || threads < 1)
      throw new CallSentinelError('E_USAGE', {
        detail: `threads must be a positive integer, got ${threads}`,
      });
    this.threads = threads;
  }

  /** The parsed manifest (read once per instance). */
  manifest(): Promise<ModelManifest> {
    if (!this.manifestPromise) {
      const pending = this.readManifest();
      this.manifestPromise = pending;
      // A failed read is not cached: the next call tries again (e.g. after `npm run models`).
      pending.catch(() => {
        if (this.manifestPromise === pending) this.manifestPromise = undefined;
      });
    }
    return this.manifestPromise;
  }

  /** The parsed manifest of our trained models (read once per instance). */
  trainedManifest(): Promise<TrainedModelManifest> {
    if (!this.trainedManifestPromise) {
      const pending = this.readTrainedManifest();
      this.trainedManifestPromise = pending;
      pending.catch(() => {
        if (this.trainedManifestPromise === pending) this.trainedManifestPromise = undefined;
      });
    }
    return this.trainedManifestPromise;
  }

  /** The manifest entry of one of our trained models (its card and calibration files, its I/O). */
  async trainedModel(name: string): Promise<TrainedModel> {
    const entry = (await this.trainedManifest()).models.find((m) => m.name === name);
    if (!entry)
      throw new CallSentinelError('E_MODEL_UNKNOWN', {
        name,
        path: join(this.trainedModelsDir, MANIFEST_FILE),
      });
    return entry;
  }

  /**
   * The model `name` (vendor manifest first, then our trained models), loading it on first use;
   * the same instance is returned until dispose().
   */
  load(name: string): Promise<OnnxModel> {
    return this.cached(`manifest:${name}`, () => this.open(name));
  }

  /**
   * A model file outside the manifests (evaluation's per-fold models): its I/O spec is read from
   * the file, its sha256 is computed and reported on the model (there is no recorded one to check).
   */
  loadFile(path: string): Promise<OnnxModel> {
    const absolute = resolve(path);
    return this.cached(`file:${absolute}`, async () => {
      const bytes = await readModelBytes(absolute, absolute);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return createOnnxModel(absolute, bytes, sha256, { threads: this.threads });
    });
  }

  /** Name and sha256 of every model loaded so far (for the evidence log's session record). */
  async loadedModels(): Promise<Array<{ name: string; sha256: string }>> {
    const settled = await Promise.allSettled([...this.models.values()]);
    return settled.flatMap((r) =>
      r.status === 'fulfilled' ? [{ name: r.value.name, sha256: r.value.sha256 }] : [],
    );
  }

  /** Release every loaded session. The store stays usable: a later load() opens a fresh session. */
  async dispose(): Promise<void> {
    const pending = [...this.models.values()];
    this.models.clear();
    this.manifestPromise = undefined;
    this.trainedManifestPromise = undefined;
    const settled = await Promise.allSettled(pending);
    await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
  }

  private cached(key: string, open: () => Promise<OnnxModel>): Promise<OnnxModel> {
    let model = this.models.get(key);
    if (!model) {
      model = open();
      this.models.set(key, model);
      const pending = model;
      pending.catch(() => {
        if (this.models.get(key) === pending) this.models.delete(key);
      });
    }
    return model;
  }

  private async readManifest(): Promise<ModelManifest> {
    const path = join(this.modelsDir, MANIFEST_FILE);
    const parsed = parseManifest(await readManifestText(path));
    if (typeof parsed === 'string') throw new CallSentinelError('E_MODEL_MANIFEST', { path, detail: parsed });
    return parsed;
  }

  private async readTrainedManifest(): Promise<TrainedModelManifest> {
    const path = join(this.trainedModelsDir, MANIFEST_FILE);
    const parsed = parseTrainedManifest(await readManifestText(path));
    if (typeof parsed === 'string') throw new CallSentinelError('E_MODEL_MANIFEST', { path, detail: parsed });
    return parsed;
  }

  private async open(name: string): Promise<OnnxModel> {
    const vendor = (await this.manifest()).models.find((m) => m.name === name);
    let entry: ModelSpec & { file: string; sha256: string };
    let dir: string;
    if (vendor) {
      entry = vendor;
      dir = this.modelsDir;
    } else {
      entry = await this.trainedModel(name).catch((error: unknown) => {
        // A name in neither manifest is reported against the vendor manifest, as before.
        if ((error as CallSentinelError).code === 'E_MODEL_MISSING')
          throw new CallSentinelError('E_MODEL_UNKNOWN', { name, path: join(this.modelsDir, MANIFEST_FILE) });
        throw error;
      });
      dir = this.trainedModelsDir;
    }
    const path = join(dir, entry.file);
    const bytes = await readModelBytes(path, name);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== entry.sha256) throw new CallSentinelError('E_MODEL_CHECKSUM', { path });
    return createOnnxModel(entry, bytes, sha256, { threads: this.threads });
  }
}

async function readManifestText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error))
      throw new CallSentinelError('E_MODEL_MISSING', { name: MANIFEST_FILE, path }, { cause: error });
    throw error;
  }
}

async function readModelBytes(path: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isMissingFile(error))
      throw new CallSentinelError('E_MODEL_MISSING', { name, path }, { cause: error });
    throw error;
  }
}
