import { CallSentinelError } from '../../core/errors.ts';
import { resolveDataDir, type MediaCategory } from '../../eval/data-manifest.ts';
import {
  buildDataset,
  DEFAULT_CATEGORIES,
  DEFAULT_FOLDS,
  DEFAULT_MAX_PER_ITEM,
  DEFAULT_SAMPLE_FPS,
  resolveCacheRoot,
  type BuildProgress,
  type BuildReport,
} from '../../eval/dataset/index.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { parseCommandArgs, positiveNumber } from '../parse-options.ts';

const HELP = `Usage: callsentinel dataset [options]

Build the cache of aligned face crops that training and evaluation read, from the shared face
media (MANIFEST.tsv): each file's regions by its layout (whole frame; side-by-side halves; the
panels listed in engine/eval/dataset/panel-table.ts; reference inset greyed out), sampled frames,
the primary face's 224×224 crops, masks and landmarks, and grouped folds by identity group.
Re-runs only analyse files that changed. One progress line per file goes to stderr.

Options:
  --data DIR            the data folder (default: CALLSENTINEL_DATA)
  --cache DIR           cache root, outside the repository (default: CALLSENTINEL_CACHE or
                        ~/.cache/callsentinel); the cache is DIR/face-crops-v1
  --categories LIST     comma-separated manifest categories (default: ${DEFAULT_CATEGORIES.join(',')})
  --sample-fps N        frames per media second to analyse (default ${DEFAULT_SAMPLE_FPS})
  --max-per-item N      crops kept per item at most, evenly spread (default ${DEFAULT_MAX_PER_ITEM})
  --folds K             number of grouped folds (default ${DEFAULT_FOLDS})
  --only SUBSTRING      analyse only files whose name contains SUBSTRING (the index still lists
                        every item already in the cache)
  --json                print the build report as one JSON document
  -h, --help            show this help

Exit codes: 0 built (files that could not be read are listed as skipped), 2 bad usage or
missing data folder, 1 internal error.
`;

/** Every manifest category (the record makes the compiler check the list is complete). */
const CATEGORIES: Readonly<Record<MediaCategory, true>> = {
  genuine: true,
  swap: true,
  talking_head: true,
  synthetic_image: true,
  print: true,
  replay: true,
};

export const datasetCommand: CliCommand = {
  name: 'dataset',
  summary: 'build the face-crop cache (crops, masks, landmarks, folds) for training and evaluation',
  help: HELP,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      data: { type: 'string' },
      cache: { type: 'string' },
      categories: { type: 'string' },
      'sample-fps': { type: 'string' },
      'max-per-item': { type: 'string' },
      folds: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) {
      throw new CallSentinelError('E_USAGE', {
        detail: `dataset takes no FILE arguments, got "${positionals[0]}" (see callsentinel dataset --help)`,
      });
    }
    const categories = parseCategories(values.categories);
    const sampleFps = positiveNumber(values['sample-fps'], '--sample-fps');
    const maxPerItem = integerAtLeast(values['max-per-item'], '--max-per-item', 1);
    const folds = integerAtLeast(values.folds, '--folds', 2);
    if (values.only === '') throw new CallSentinelError('E_USAGE', { detail: '--only needs a substring' });
    const dataDir = resolveDataDir(values.data, io.env);
    if (!dataDir) throw new CallSentinelError('E_DATA_MISSING', { path: '(none given)' });
    const cacheRoot = resolveCacheRoot(values.cache, io.env);

    const models = new ModelStore();
    try {
      const report = await buildDataset({
        dataDir,
        cacheRoot,
        models,
        categories,
        sampleFps,
        maxPerItem,
        folds,
        only: values.only,
        onProgress: (p) => io.stderr(progressLine(p)),
      });
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
      return EXIT_OK;
    } finally {
      await models.dispose();
    }
  },
};

function parseCategories(value: string | undefined): MediaCategory[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((s) => s.trim());
  const known = Object.keys(CATEGORIES);
  for (const c of list) {
    if (!Object.hasOwn(CATEGORIES, c)) {
      throw new CallSentinelError('E_USAGE', {
        detail: `--categories: unknown category "${c}" (known: ${known.join(', ')})`,
      });
    }
  }
  return [...new Set(list as MediaCategory[])];
}

function integerAtLeast(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new CallSentinelError('E_USAGE', { detail: `${flag} needs an integer ≥ ${min}, got "${value}"` });
  }
  return n;
}

function progressLine(p: BuildProgress): string {
  const head = `[${String(p.index).padStart(String(p.total).length)}/${p.total}] ${p.file}:`;
  if (p.status === 'failed') return `${head} skipped, ${p.reason} (${p.seconds.toFixed(1)} s)\n`;
  const crops = Object.entries(p.crops)
    .map(([region, n]) => (region === 'full' ? `${n}` : `${region} ${n}`))
    .join(', ');
  const cached = p.status === 'cached' ? ' (cached)' : '';
  return `${head} ${p.framesAnalyzed} frames, crops ${crops}, ${p.seconds.toFixed(1)} s${cached}\n`;
}

function summary(r: BuildReport): string {
  const counts = (rows: BuildReport['byCategory']) =>
    Object.entries(rows).map(
      ([key, c]) =>
        `    ${key.padEnd(14)} ${String(c.items).padStart(5)} items (${c.itemsWithoutCrops} without crops), ` +
        `${c.samples} crops`,
    );
  const lines = [
    `face-crop cache: ${r.cacheDir}`,
    `  files:   ${r.files.planned} planned, ${r.files.processed} processed ` +
      `(${r.files.analysed} analysed, ${r.files.cached} cached, ${r.files.failed} failed)`,
    `  items:   ${r.items}, crops: ${r.samples}` +
      (r.missingItems ? `; ${r.missingItems} planned items not in the cache` : ''),
    '  by category:',
    ...counts(r.byCategory),
    '  by label (1 swap, 0 genuine):',
    ...counts(r.byLabel),
    `  by fold (k = ${r.settings.folds}):`,
    ...r.byFold.map(
      (f, i) =>
        `    fold ${i}: ${f.items} items (${f.genuine} genuine, ${f.swap} swap), ${f.samples} crops, ` +
        `${f.groups} identity groups`,
    ),
    `  skipped: ${r.skipped.length}`,
    ...r.skipped.map((s) => `    ${s.file}${s.region ? ` [${s.region}]` : ''}: ${s.reason}`),
    `  time:    ${r.wallSec.toFixed(1)} s`,
    '',
  ];
  return lines.join('\n');
}
