// Builds the window (renderer/) into dist/renderer/: index.html, styles.css and one ES module
// bundle app.js (esbuild). The desktop app loads it from disk, web mode serves it
// (`npm run dev:web`), and the end-to-end tests build it in their setup.
//
//   npm run build:renderer            (tsx scripts/build-renderer.ts [--out DIR] [--dev])

import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_SRC = join(REPO_ROOT, 'renderer');
export const RENDERER_OUT = join(REPO_ROOT, 'dist', 'renderer');

export interface BuildRendererOptions {
  /** Output folder (default dist/renderer). */
  outDir?: string;
  /** Keep names and add an inline-free source map for debugging (default: minified, no map). */
  dev?: boolean;
}

export interface BuiltRenderer {
  outDir: string;
  files: string[];
  bytes: number;
}

export async function buildRenderer(opts: BuildRendererOptions = {}): Promise<BuiltRenderer> {
  const outDir = resolve(opts.outDir ?? RENDERER_OUT);
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(RENDERER_SRC, 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    minify: !opts.dev,
    sourcemap: opts.dev ? 'linked' : false,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'silent',
  });
  await copyFile(join(RENDERER_SRC, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(RENDERER_SRC, 'styles.css'), join(outDir, 'styles.css'));
  const outputs = result.metafile.outputs;
  const bytes = Object.values(outputs).reduce((sum, o) => sum + o.bytes, 0);
  return {
    outDir,
    files: ['index.html', 'styles.css', ...Object.keys(outputs).map((p) => p.split('/').pop() ?? p)],
    bytes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 ? args[outIndex + 1] : undefined;
  buildRenderer({ ...(outDir ? { outDir } : {}), dev: args.includes('--dev') })
    .then((built) => {
      console.log(
        `renderer built: ${built.outDir} (${built.files.join(', ')}; ${(built.bytes / 1024).toFixed(0)} KiB)`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
