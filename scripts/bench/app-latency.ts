// `npm run bench:app`: the app's live speed, measured the way an operator uses it — the built
// window in Debian's Chromium (web mode), a fake camera playing a 640×480 30 fps call-like clip,
// MediaPipe choosing the face crop, the real engine over the local WebSocket. It reports, per
// frame, capture → result shown (median, p95) and results shown per second, after a warm-up.
// Both run on this machine's cores together, as in real use.
//
//   npm run bench:app -- [--seconds 30] [--warmup 8] [--threads N] [--out bench-out/app-latency.json]

import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  chromiumAvailable,
  launchApp,
  readStats,
  toCameraY4m,
  type AppStats,
} from '../../test/support/app-harness.ts';
import { makeBenchClip } from '../../engine/eval/synthetic/bench-clips.ts';
import { appVersion } from '../../engine/core/app-info.ts';
import { DEFAULT_THREADS, ModelStore } from '../../engine/runtime/index.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const seconds = Number(option('seconds', '30'));
const warmupSec = Number(option('warmup', '8'));
const out = option('out', path.join('bench-out', 'app-latency.json'));
// ONNX Runtime threads per model in the engine (the app shares the cores with its window).
const threads = Number(option('threads', String(DEFAULT_THREADS)));

if (!chromiumAvailable()) {
  console.error('bench:app needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(2);
}

// The camera loops the clip, so a short one is enough.
const cameraY4m = await toCameraY4m(await makeBenchClip({ faces: 1, seconds: 10 }));
const models = new ModelStore({ threads });
const app = await launchApp({ cameraY4m, models });
try {
  await app.page.waitForSelector('[data-action="start-stop"]:not([disabled])', { timeout: 60_000 });
  await app.page.click('[data-action="start-stop"]');
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await wait(warmupSec * 1000);
  const start = await readStats(app.page);
  const t0 = Date.now();
  const samples: AppStats[] = [];
  while (Date.now() - t0 < seconds * 1000) {
    await wait(5000);
    samples.push(await readStats(app.page));
  }
  const end = samples.at(-1)!;
  const elapsed = (Date.now() - t0) / 1000;
  const result = {
    command: `npm run bench:app -- --seconds ${seconds} --warmup ${warmupSec} --threads ${threads}`,
    onnxThreads: threads,
    appVersion: appVersion(),
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? '?',
      loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    },
    clip: '640x480 30 fps, one face (engine/eval/synthetic/bench-clips.ts), as Chromium fake camera',
    region: end.pump?.region ?? null,
    frameSizePx: end.pump?.lastSizePx ?? null,
    resultsPerSec: +((end.shown - start.shown) / elapsed).toFixed(1),
    dropped: end.dropped - start.dropped,
    // Rolling over the last 120 frames shown (renderer/state/latency.ts), read at each sample.
    latencyMedianMs: samples.map((s) => s.medianMs),
    latencyP95Ms: samples.map((s) => s.p95Ms),
    engineMedianMs: samples.map((s) => s.engineMedianMs),
    verdict: end.verdict,
    faces: end.faces,
  };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2));
  const med = (xs: Array<number | null>) => {
    const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
    return v.length ? v[v.length >> 1]! : NaN;
  };
  console.log(
    [
      `app latency (${result.machine.cpus} cores, ${result.machine.model}; load ${result.machine.loadavg.join(' ')})`,
      `  frames sent to the engine: ${result.region ?? '?'} ${result.frameSizePx ? `${result.frameSizePx.width}x${result.frameSizePx.height}` : ''}`,
      `  results shown per second: ${result.resultsPerSec}`,
      `  capture → shown: median ${med(result.latencyMedianMs).toFixed(0)} ms, p95 ${med(result.latencyP95Ms).toFixed(0)} ms`,
      `  engine per frame (median): ${med(result.engineMedianMs).toFixed(1)} ms`,
      `  verdict at the end: ${result.verdict}; wrote ${out}`,
    ].join('\n'),
  );
} finally {
  await app.close();
  await models.dispose();
}
