import { CallSentinelError } from '../../core/errors.ts';
import {
  formatMessage,
  messageRef,
  type Lang,
  type MessageKey,
  type MessageParams,
} from '../../core/messages.ts';
import { alignLabels } from '../../core/text-width.ts';
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
import { langOption, parseCommandArgs, positiveNumber } from '../parse-options.ts';

const OPTIONS = {
  data: { type: 'string' },
  cache: { type: 'string' },
  categories: { type: 'string' },
  'sample-fps': { type: 'string' },
  'max-per-item': { type: 'string' },
  folds: { type: 'string' },
  only: { type: 'string' },
  'keep-folds': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

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
  options: OPTIONS,
  summary: 'summary.dataset',
  help: (lang) =>
    formatMessage(
      'help.dataset',
      {
        categories: DEFAULT_CATEGORIES.join(','),
        sampleFps: DEFAULT_SAMPLE_FPS,
        maxPerItem: DEFAULT_MAX_PER_ITEM,
        folds: DEFAULT_FOLDS,
      },
      lang,
    ),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    if (positionals.length > 0) {
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.dataset-no-files', { arg: positionals[0]! }),
      });
    }
    const lang = langOption(undefined, io.env);
    const categories = parseCategories(values.categories);
    const sampleFps = positiveNumber(values['sample-fps'], '--sample-fps');
    const maxPerItem = integerAtLeast(values['max-per-item'], '--max-per-item', 1);
    const folds = integerAtLeast(values.folds, '--folds', 2);
    if (values.only === '')
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.only-empty') });
    const dataDir = resolveDataDir(values.data, io.env);
    if (!dataDir) throw new CallSentinelError('E_DATA_MISSING', { path: messageRef('usage.none-given') });
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
        keepFolds: values['keep-folds'] ?? false,
        onProgress: (p) => io.stderr(progressLine(p, lang)),
      });
      io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report, lang));
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
        detail: messageRef('usage.unknown-category', { category: c, known: known.join(', ') }),
      });
    }
  }
  return [...new Set(list as MediaCategory[])];
}

function integerAtLeast(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new CallSentinelError('E_USAGE', {
      detail: messageRef('usage.integer-at-least', { flag, min, value }),
    });
  }
  return n;
}

function progressLine(p: BuildProgress, lang: Lang): string {
  const head = `[${String(p.index).padStart(String(p.total).length)}/${p.total}] ${p.file}:`;
  const seconds = p.seconds.toFixed(1);
  if (p.status === 'failed')
    return `${formatMessage('dataset.progress-skipped', { head, reason: String(p.reason), seconds }, lang)}\n`;
  const crops = Object.entries(p.crops)
    .map(([region, n]) => (region === 'full' ? `${n}` : `${region} ${n}`))
    .join(', ');
  const key = p.status === 'cached' ? 'dataset.progress-cached' : 'dataset.progress';
  return `${formatMessage(key, { head, frames: p.framesAnalyzed, crops, seconds }, lang)}\n`;
}

/** The build report for people: labels in `lang`; counts, categories, paths and reasons as they are. */
function summary(r: BuildReport, lang: Lang): string {
  const t = (key: MessageKey, params: MessageParams = {}) => formatMessage(key, params, lang);
  const counts = (rows: BuildReport['byCategory']) =>
    Object.entries(rows).map(
      ([key, c]) =>
        `    ${key.padEnd(14)} ` +
        t('dataset.count-row', {
          items: String(c.items).padStart(5),
          withoutCrops: c.itemsWithoutCrops,
          crops: c.samples,
        }),
    );
  const items = { items: r.items, crops: r.samples, missing: r.missingItems };
  const [files, itemsLine, skipped, time] = alignLabels(
    [
      [t('dataset.label.files'), t('dataset.files', { ...r.files })],
      [t('dataset.label.items'), t(r.missingItems ? 'dataset.items-missing' : 'dataset.items', items)],
      [t('dataset.label.skipped'), `${r.skipped.length}`],
      [t('dataset.label.time'), t('dataset.seconds', { seconds: r.wallSec.toFixed(1) })],
    ],
    '  ',
  );
  const lines = [
    t('dataset.cache', { dir: r.cacheDir }),
    files,
    itemsLine,
    `  ${t('dataset.by-category')}`,
    ...counts(r.byCategory),
    `  ${t('dataset.by-label')}`,
    ...counts(r.byLabel),
    `  ${t('dataset.by-fold', { k: r.settings.folds })}`,
    ...r.byFold.map(
      (f, i) =>
        `    ${t('dataset.fold-row', {
          fold: i,
          items: f.items,
          genuine: f.genuine,
          swap: f.swap,
          crops: f.samples,
          groups: f.groups,
        })}`,
    ),
    skipped,
    ...r.skipped.map((s) => `    ${s.file}${s.region ? ` [${s.region}]` : ''}: ${s.reason}`),
    time,
    '',
  ];
  return lines.join('\n');
}
