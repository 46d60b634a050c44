// Measure ONNX inference latency of every vendor model through ModelStore (the engine's path):
// median and p90 over N runs after warm-up, on seeded input in each model's range.
// Usage: tsx scripts/models/time-models.ts [--runs 50] [--threads 2]

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModelStore } from '../../engine/runtime/index.ts';

export interface ModelTiming {
  readonly name: string;
  readonly medianMs: number;
  readonly p90Ms: number;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function timeModels(store: ModelStore, runs: number, warmup = 5): Promise<ModelTiming[]> {
  const manifest = await store.manifest();
  const timings: ModelTiming[] = [];
  for (const entry of manifest.models) {
    const model = await store.load(entry.name);
    const [low, high] = entry.input.valueRange;
    const input = new Float32Array(entry.input.dims.reduce((a, b) => a * b, 1));
    let state = 12345;
    for (let i = 0; i < input.length; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      input[i] = low + ((high - low) * state) / 2147483648;
    }
    for (let i = 0; i < warmup; i++) await model.run(input, entry.input.dims);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await model.run(input, entry.input.dims);
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    timings.push({ name: entry.name, medianMs: percentile(samples, 0.5), p90Ms: percentile(samples, 0.9) });
  }
  return timings;
}

async function main(argv: readonly string[]): Promise<number> {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const runs = value('--runs', 50);
  const threads = value('--threads', 2);
  const store = new ModelStore({ threads });
  try {
    const manifest = await store.manifest();
    const timings = await timeModels(store, runs);
    for (const t of timings) {
      const entry = manifest.models.find((m) => m.name === t.name)!;
      process.stdout.write(
        `${t.name.padEnd(18)} median ${t.medianMs.toFixed(2).padStart(7)} ms  p90 ${t.p90Ms.toFixed(2).padStart(7)} ms  ` +
          `in [${entry.input.dims.join(',')}]  sha256 ${entry.sha256.slice(0, 12)}\n`,
      );
    }
    process.stdout.write(`(${runs} runs, ${threads} intra-op threads, onnxruntime-node, models/vendor)\n`);
    return 0;
  } finally {
    await store.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
