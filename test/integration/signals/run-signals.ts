// Runs the real face pipeline (ffmpeg decode, BlazeFace, FaceMesh) over a clip and feeds every
// frame to a set of signals, the way the engine does; keeps every observation, and the time each
// signal spent per frame.

import { createFaceTracker } from '../../../engine/face/index.ts';
import { readFrames, type ReadFramesOptions } from '../../../engine/media/index.ts';
import type { ModelStore } from '../../../engine/runtime/index.ts';
import type { FrameBundle, SignalDefinition, SignalObservation } from '../../../engine/signals/index.ts';

export interface SignalRun {
  frames: number;
  framesWithFace: number;
  /** Per signal id: every timeline observation, in order. */
  timeline: Record<string, SignalObservation[]>;
  /** Per signal id: what flush() returned (one observation per track). */
  final: Record<string, SignalObservation[]>;
  /** Per signal id: mean milliseconds per frame spent in update() (inside the pipeline, GC pauses included). */
  msPerFrame: Record<string, number>;
  /** The first `keepFrames` frame bundles, for timing the signals again on their own. */
  kept: FrameBundle[];
}

export async function runSignalsOnClip(
  path: string,
  models: ModelStore,
  definitions: readonly SignalDefinition[],
  options: Pick<ReadFramesOptions, 'maxSeconds' | 'sampleFps'> & { keepFrames?: number } = {},
): Promise<SignalRun> {
  const tracker = await createFaceTracker(models);
  const instances = await Promise.all(
    definitions.map(async (d) => ({
      id: d.id,
      instance: await d.create({ models }, { ...d.defaultConfig }),
    })),
  );
  const timeline: Record<string, SignalObservation[]> = {};
  const ms: Record<string, number> = {};
  for (const { id } of instances) {
    timeline[id] = [];
    ms[id] = 0;
  }
  let frames = 0;
  let framesWithFace = 0;
  const kept: FrameBundle[] = [];
  const { keepFrames = 0, ...readOptions } = options;
  for await (const frame of readFrames(path, readOptions)) {
    const result = await tracker.process(frame);
    frames++;
    if (result.faces.length) framesWithFace++;
    const bundle: FrameBundle = {
      frameIndex: frame.index,
      timeSec: frame.timeSec,
      width: frame.width,
      height: frame.height,
      data: frame.data,
      faces: result.faces,
    };
    if (kept.length < keepFrames) kept.push(bundle);
    for (const { id, instance } of instances) {
      const t0 = performance.now();
      const observations = await instance.update(bundle);
      ms[id]! += performance.now() - t0;
      timeline[id]!.push(...observations);
    }
  }
  const final: Record<string, SignalObservation[]> = {};
  for (const { id, instance } of instances) {
    final[id] = await instance.flush();
    await instance.dispose();
  }
  const msPerFrame = Object.fromEntries(
    Object.entries(ms).map(([id, total]) => [id, total / Math.max(1, frames)]),
  );
  return { frames, framesWithFace, timeline, final, msPerFrame, kept };
}

/**
 * Mean milliseconds per frame each signal spends on `bundles` on its own (fresh instance, the
 * frames fed in order), the best of `repeats` runs so a busy machine's pauses do not count.
 */
export async function timeSignals(
  bundles: readonly FrameBundle[],
  models: ModelStore,
  definitions: readonly SignalDefinition[],
  repeats = 3,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const d of definitions) {
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const instance = await d.create({ models }, { ...d.defaultConfig });
      const t0 = performance.now();
      for (const b of bundles) await instance.update(b);
      await instance.flush();
      best = Math.min(best, (performance.now() - t0) / Math.max(1, bundles.length));
      await instance.dispose();
    }
    out[d.id] = best;
  }
  return out;
}
