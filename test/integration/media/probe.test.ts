import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia, readFrames } from '../../../engine/media/index.ts';
import { MediaDir } from './make-media.ts';

let media: MediaDir;
beforeAll(() => {
  media = new MediaDir();
});
afterAll(() => media?.remove());

describe('probeMedia', () => {
  it('describes an mp4 from the ffmpeg header alone', async () => {
    const path = media.testsrc('p.mp4', { size: '320x240', fps: 25, seconds: 1 });
    expect(await probeMedia(path)).toEqual({
      path,
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codec: 'h264',
      width: 320,
      height: 240,
      rotationDeg: 0,
      fpsHz: 25,
      durationSec: 1,
      isStillImage: false,
      frameCountEstimate: 25,
    });
  });

  it('describes a still image and a gif', async () => {
    const png = media.run(
      '-f',
      'lavfi',
      '-i',
      'color=c=blue:size=90x60',
      '-frames:v',
      '1',
      media.path('p.png'),
    );
    expect(await probeMedia(png)).toMatchObject({
      codec: 'png',
      width: 90,
      height: 60,
      isStillImage: true,
      fpsHz: null,
      frameCountEstimate: 1,
    });
    const gif = media.testsrc('p.gif', { size: '80x60', fps: 10, seconds: 1, codecArgs: [] });
    expect(await probeMedia(gif)).toMatchObject({
      container: 'gif',
      codec: 'gif',
      width: 80,
      height: 60,
      isStillImage: false,
    });
    const times: number[] = [];
    for await (const f of readFrames(gif)) times.push(f.timeSec);
    expect(times).toEqual(Array.from({ length: 10 }, (_, i) => expect.closeTo(i / 10, 6)));
  });

  it('reports the decoder header through onInfo without a separate probe', async () => {
    const path = media.testsrc('q.mkv', { size: '160x120', seconds: 0.3 });
    const seen: unknown[] = [];
    let frames = 0;
    for await (const frame of readFrames(path, { onInfo: (i) => seen.push(i), maxWidth: 80 }))
      frames += frame.index >= 0 ? 1 : 0;
    expect(frames).toBe(9);
    expect(seen).toEqual([await probeMedia(path)]);
  });

  it('rejects an already aborted signal before spawning ffmpeg', async () => {
    const path = media.testsrc('r.mp4', { size: '160x120', seconds: 0.3 });
    const gen = readFrames(path, { signal: AbortSignal.abort(new Error('stop')) });
    await expect(gen.next()).rejects.toThrow('stop');
  });
});
