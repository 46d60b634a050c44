// Frame sampling by media time: at most `sampleFps` frames per second, the first frame of each
// 1/sampleFps slot. The same rule runs inside ffmpeg (select filter) and in JS (animated WebP).

/** Guards slot boundaries against pts * timebase landing a hair below an exact multiple. */
const SLOT_EPSILON = 1e-6;

/** A stateful predicate over increasing timestamps; undefined sampleFps keeps every frame. */
export function createSampler(sampleFps: number | undefined): (timeSec: number) => boolean {
  if (sampleFps === undefined) return () => true;
  let lastSlot = -Infinity;
  return (timeSec) => {
    const slot = Math.floor(timeSec * sampleFps + SLOT_EPSILON);
    if (slot <= lastSlot) return false;
    lastSlot = slot;
    return true;
  };
}

/** The same rule as an ffmpeg select expression (quoted for the filtergraph parser). */
export function selectExpression(sampleFps: number): string {
  const r = String(sampleFps);
  const slot = (t: string) => `floor(${t}*${r}+${SLOT_EPSILON})`;
  return `select='isnan(prev_selected_t)+gt(${slot('t')},${slot('prev_selected_t')})'`;
}
