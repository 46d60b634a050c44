// Runs an exported face-swap ONNX in onnxruntime-node (the engine's runtime) on raw float32 NHWC
// input and prints the `score` outputs as JSON. Why: onnxruntime is not installable in Debian's
// Python here, and the engine's runtime is the one whose numbers count.
//   node scripts/train/face-swap/parity.mjs MODEL.onnx INPUT.f32 N H W
import console from 'node:console';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import ort from 'onnxruntime-node';

const [model, inputPath, n, h, w] = process.argv.slice(2);
const dims = [Number(n), Number(h), Number(w), 3];
const buf = readFileSync(inputPath);
const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
const per = dims[1] * dims[2] * 3;
if (all.length !== dims[0] * per)
  throw new Error(`input has ${all.length} floats, expected ${dims[0] * per}`);
const session = await ort.InferenceSession.create(model, {
  graphOptimizationLevel: 'all',
  intraOpNumThreads: 2,
});
const scores = [];
const times = [];
for (let i = 0; i < dims[0]; i++) {
  // one image at a time, as the engine feeds it ([1, H, W, 3])
  const x = new ort.Tensor('float32', all.slice(i * per, (i + 1) * per), [1, dims[1], dims[2], 3]);
  const t0 = performance.now();
  const out = await session.run({ input: x });
  times.push(performance.now() - t0);
  scores.push(out.score.data[0]);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    inputs: session.inputNames,
    outputs: session.outputNames,
    scores,
    medianMs: times[times.length >> 1],
  }),
);
