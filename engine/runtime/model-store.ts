// Loads the vendor ONNX models listed in the manifest, checks each file's sha256 before a session
// is created from those same bytes, and caches sessions per instance (no module-level state).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallSentinelError } from '../core/errors.ts';
import { MANIFEST_FILE, parseManifest, type ModelManifest } from './manifest.ts';
import { createOnnxModel, type OnnxModel } from './onnx-model.ts';

export interface ModelStoreOptions {
  /** Folder with manifest.json and the .onnx files; default <repo>/models/vendor. */
  readonly modelsDir?: string;
  /** Intra-op threads per session; default 2. */
  readonly threads?: number;
}

export const DEFAULT_THREADS = 2;

/** <repo>/models/vendor, from this file's location (engine/runtime/). */
export function defaultModelsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'vendor');
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export class ModelStore {
  readonly modelsDir: string;
  readonly threads: number;
  private manifestPromise: Promise<ModelManifest> | undefined;
  private readonly models = new Map<string, Promise<OnnxModel>>();

  constructor(options: ModelStoreOptions = {}) {
    this.modelsDir = resolve(options.modelsDir ?? defaultModelsDir());
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

  /** The model `name`, loading it on first use; the same instance is returned until dispose(). */
  load(name: string): Promise<OnnxModel> {
    let model = this.models.get(name);
    if (!model) {
      model = this.open(name);
      this.models.set(name, model);
      const pending = model;
      pending.catch(() => {
        if (this.models.get(name) === pending) this.models.delete(name);
      });
    }
    return model;
  }

  /** Release every loaded session. The store stays usable: a later load() opens a fresh session. */
  async dispose(): Promise<void> {
    const pending = [...this.models.values()];
    this.models.clear();
    this.manifestPromise = undefined;
    const settled = await Promise.allSettled(pending);
    await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
  }

  private async readManifest(): Promise<ModelManifest> {
    const path = join(this.modelsDir, MANIFEST_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissingFile(error))
        throw new CallSentinelError('E_MODEL_MISSING', { name: MANIFEST_FILE, path }, { cause: error });
      throw error;
    }
    const parsed = parseManifest(text);
    if (typeof parsed === 'string') throw new CallSentinelError('E_MODEL_MANIFEST', { path, detail: parsed });
    return parsed;
  }

  private async open(name: string): Promise<OnnxModel> {
    const manifest = await this.manifest();
    const entry = manifest.models.find((m) => m.name === name);
    if (!entry)
      throw new CallSentinelError('E_MODEL_UNKNOWN', { name, path: join(this.modelsDir, MANIFEST_FILE) });
    const path = join(this.modelsDir, entry.file);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isMissingFile(error))
        throw new CallSentinelError('E_MODEL_MISSING', { name, path }, { cause: error });
      throw error;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== entry.sha256) throw new CallSentinelError('E_MODEL_CHECKSUM', { path });
    return createOnnxModel(entry, bytes, sha256, { threads: this.threads });
  }
}
