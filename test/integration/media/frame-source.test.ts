import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCallSentinelError } from '../../../engine/core/errors.ts';
import {
  probeMedia,
  readFrames,
  type FrameProgress,
  type MediaInfo,
  type ReadFramesOptions,
  type VideoFrame,
} from '../../../engine/media/index.ts';
import { childFfmpegPids, MediaDir, videoEncoders } from './make-media.ts';

const ENCODERS = videoEncoders();

let media: MediaDir;
const clips: Record<string, string> = {};

beforeAll(async () => {
  media = new MediaDir();
  clips.cfr = media.testsrc('cfr.mp4', { size: '320x240', fps: 30, seconds: 2 });
  clips.big = media.testsrc('big.mp4', { size: '640x480', fps: 30, seconds: 2 });
  // Same bitstream, rotation metadata added (ffmpeg 5.1 has no -display_rotation).
  clips.rotated = media.run(
    '-i',
    clips.cfr,
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=90',
    media.path('rotated.mp4'),
  );
  // Variable frame rate: 10 frames at 10 fps, then 30 fps.
  clips.vfr = media.run(
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=160x120:rate=30',
    '-frames:v',
    '45',
    '-vf',
    "setpts='if(lt(N,10),N*3,20+N)'",
    '-fps_mode',
    'passthrough', // in ticks of the 1/30 s source time base
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-bf',
    '0',
    '-video_track_timescale',
    '90000',
    media.path('vfr.mp4'),
  );
}, 120_000);

afterAll(() => media?.remove());

async function collect(path: string, opts: ReadFramesOptions = {}): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const f of readFrames(path, opts)) frames.push(f);
  return frames;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isCallSentinelError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('readFrames on a 2 s 30 fps clip', () => {
  it('yields 60 RGB24 frames with timestamps n/30', async () => {
    let info: MediaInfo | null = null;
    const frames = await collect(clips.cfr!, { onInfo: (i) => (info = i) });
    expect(frames).toHaveLength(60);
    frames.forEach((f, i) => {
      expect(f.index).toBe(i);
      expect(f.timeSec).toBeCloseTo(i / 30, 6);
      expect([f.width, f.height]).toEqual([320, 240]);
      expect(f.data.length).toBe(320 * 240 * 3);
    });
    expect(info).toMatchObject({ width: 320, height: 240, fpsHz: 30, durationSec: 2, codec: 'h264' });
    // testsrc2 is colourful: the buffer holds a picture, not zeros.
    expect(new Set(frames[0]!.data.subarray(0, 3000)).size).toBeGreaterThan(10);
  });

  it('samples inside ffmpeg with sampleFps and stops at maxSeconds', async () => {
    const sampled = await collect(clips.cfr!, { sampleFps: 10 });
    expect(sampled.map((f) => Number(f.timeSec.toFixed(3)))).toEqual(
      Array.from({ length: 20 }, (_, i) => Number((i / 10).toFixed(3))),
    );
    const short = await collect(clips.cfr!, { maxSeconds: 0.5 });
    expect(short).toHaveLength(15);
    expect(short.at(-1)!.timeSec).toBeLessThan(0.5);
    const both = await collect(clips.cfr!, { sampleFps: 4, maxSeconds: 1 });
    // The first frame of each 0.25 s slot: frames 0, 8, 15 and 23 of a 30 fps clip.
    expect(both.map((f) => f.timeSec)).toEqual(
      [0, 8 / 30, 15 / 30, 23 / 30].map((t) => expect.closeTo(t, 6)),
    );
  });

  it('downscales to maxWidth keeping aspect with even sizes, never upscales', async () => {
    const small = await collect(clips.cfr!, { maxWidth: 101, maxSeconds: 0.1 });
    expect([small[0]!.width, small[0]!.height]).toEqual([100, 76]);
    expect(small[0]!.data.length).toBe(100 * 76 * 3);
    const same = await collect(clips.cfr!, { maxWidth: 4000, maxSeconds: 0.1 });
    expect([same[0]!.width, same[0]!.height]).toEqual([320, 240]);
  });
});

describe('timestamps and rotation', () => {
  it('gives the true times of a variable-frame-rate clip', async () => {
    const frames = await collect(clips.vfr!);
    expect(frames).toHaveLength(45);
    const expected = Array.from({ length: 45 }, (_, n) => (n < 10 ? n * 0.1 : 1 + (n - 10) / 30));
    frames.forEach((f, i) => expect(f.timeSec).toBeCloseTo(expected[i]!, 3));
  });

  it('keeps one frame size when the input changes resolution mid-stream (ffmpeg scales to the first)', async () => {
    const part = (name: string, size: string, offsetSec: number) =>
      media.testsrc(name, {
        size,
        seconds: 0.5,
        codecArgs: [
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-output_ts_offset',
          String(offsetSec),
          '-f',
          'mpegts',
        ],
      });
    const joined = media.path('joined.ts');
    writeFileSync(
      joined,
      Buffer.concat([readFileSync(part('p1.ts', '160x120', 0)), readFileSync(part('p2.ts', '320x240', 0.5))]),
    );
    const frames = await collect(joined);
    expect(frames).toHaveLength(30);
    expect(frames.every((f) => f.width === 160 && f.height === 120 && f.data.length === 160 * 120 * 3)).toBe(
      true,
    );
    frames.forEach((f, i) => expect(f.timeSec).toBeCloseTo(i / 30, 4));
  });

  it('applies rotation metadata: dimensions transposed, pixels rotated as probe says', async () => {
    const info = await probeMedia(clips.rotated!);
    expect([info.width, info.height]).toEqual([240, 320]);
    expect([90, 270]).toContain(info.rotationDeg);
    const [upright] = await collect(clips.cfr!, { maxSeconds: 0.01 });
    const [turned] = await collect(clips.rotated!, { maxSeconds: 0.01 });
    expect([turned!.width, turned!.height]).toEqual([240, 320]);
    const diff = (deg: number) => meanAbsDiff(rotateClockwise(upright!, deg), turned!);
    expect(diff(info.rotationDeg)).toBeLessThan(4);
    expect(diff(360 - info.rotationDeg)).toBeGreaterThan(20);
  });
});

describe('containers and image formats', () => {
  const cases: Array<{
    name: string;
    encoder: string | null;
    make: () => string;
    frames: number | [number, number];
    still?: boolean;
  }> = [
    { name: 'mkv', encoder: 'libx264', make: () => media.testsrc('c.mkv', { seconds: 0.5 }), frames: 15 },
    { name: 'mov', encoder: 'libx264', make: () => media.testsrc('c.mov', { seconds: 0.5 }), frames: 15 },
    {
      name: 'avi (mpeg4)',
      encoder: 'mpeg4',
      make: () => media.testsrc('c.avi', { seconds: 0.5, codecArgs: ['-c:v', 'mpeg4'] }),
      frames: 15,
    },
    {
      name: 'webm vp8',
      encoder: 'libvpx',
      make: () =>
        media.testsrc('c8.webm', {
          size: '160x120',
          seconds: 0.5,
          codecArgs: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'],
        }),
      frames: 15,
    },
    {
      name: 'webm vp9',
      encoder: 'libvpx-vp9',
      make: () =>
        media.testsrc('c9.webm', {
          size: '160x120',
          seconds: 0.5,
          codecArgs: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
        }),
      frames: 15,
    },
    {
      name: 'gif',
      encoder: 'gif',
      make: () => media.testsrc('c.gif', { size: '160x120', fps: 10, seconds: 1, codecArgs: [] }),
      frames: 10,
    },
    {
      name: 'png still',
      encoder: 'png',
      make: () =>
        media.run('-f', 'lavfi', '-i', 'testsrc2=size=160x120', '-frames:v', '1', media.path('s.png')),
      frames: 1,
      still: true,
    },
    {
      name: 'jpg still',
      encoder: 'mjpeg',
      make: () =>
        media.run('-f', 'lavfi', '-i', 'testsrc2=size=160x120', '-frames:v', '1', media.path('s.jpg')),
      frames: 1,
      still: true,
    },
    {
      name: 'webp still',
      encoder: 'libwebp',
      make: () =>
        media.run(
          '-f',
          'lavfi',
          '-i',
          'color=c=red:size=160x120',
          '-frames:v',
          '1',
          '-c:v',
          'libwebp',
          media.path('s.webp'),
        ),
      frames: 1,
      still: true,
    },
  ];
  for (const c of cases) {
    it.skipIf(c.encoder !== null && !ENCODERS.has(c.encoder))(`decodes ${c.name}`, async () => {
      const path = c.make();
      const info = await probeMedia(path);
      expect(info.isStillImage).toBe(c.still === true);
      const frames = await collect(path);
      expect(frames).toHaveLength(c.frames as number);
      expect(frames[0]!.timeSec).toBe(0);
      expect([frames[0]!.width, frames[0]!.height]).toEqual([info.width, info.height]);
      for (let i = 1; i < frames.length; i++)
        expect(frames[i]!.timeSec).toBeGreaterThan(frames[i - 1]!.timeSec);
    });
  }

  it('decodes animated WebP (through sharp) with its own frame delays', async () => {
    const path = await media.animatedWebp(
      'anim.webp',
      [
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
        [255, 255, 0],
      ],
      [100, 200, 300, 100],
    );
    const info = await probeMedia(path);
    expect(info).toMatchObject({
      container: 'webp',
      width: 64,
      height: 48,
      durationSec: 0.7,
      frameCountEstimate: 4,
      isStillImage: false,
    });
    const frames = await collect(path);
    expect(frames.map((f) => f.timeSec)).toEqual([0, 0.1, 0.3, 0.6]);
    expect(frames.map((f) => Array.from(f.data.subarray(0, 3)))).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 0],
    ]);
    expect(frames.every((f) => f.width === 64 && f.height === 48 && f.data.length === 64 * 48 * 3)).toBe(
      true,
    );
    const sampled = await collect(path, { sampleFps: 4, maxSeconds: 0.5, maxWidth: 32 });
    expect(sampled.map((f) => [f.timeSec, f.width, f.height])).toEqual([
      [0, 32, 24],
      [0.3, 32, 24],
    ]);
  });
});

describe('bad inputs', () => {
  it('throws the right codes, never a raw error', async () => {
    const empty = media.path('empty.mp4');
    writeFileSync(empty, '');
    const text = media.path('notes.mp4');
    writeFileSync(text, 'this is not a video\n'.repeat(20));
    const dir = media.path('a-folder.mp4');
    mkdirSync(dir);
    const truncated = media.truncated(clips.big!, 'truncated.mp4', 0.3);
    const audio = media.run(
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '0.5',
      '-c:a',
      'pcm_s16le',
      media.path('tone.wav'),
    );

    const expectations: Array<[string, string]> = [
      [media.path('missing.mp4'), 'E_INPUT_MISSING'],
      [dir, 'E_INPUT_IS_DIRECTORY'],
      [empty, 'E_INPUT_EMPTY'],
      [text, 'E_INPUT_UNREADABLE'],
      [truncated, 'E_INPUT_UNREADABLE'],
      [audio, 'E_INPUT_NO_VIDEO'],
    ];
    for (const [path, code] of expectations) {
      expect(await codeOf(collect(path)), `readFrames ${path}`).toBe(code);
      expect(await codeOf(probeMedia(path)), `probeMedia ${path}`).toBe(code);
    }
    const err = await collect(truncated).catch((e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/moov atom not found/);
    expect(String((err as Error).message).split('\n')).toHaveLength(1);
    expect(await codeOf(collect(clips.cfr!, { ffmpegPath: media.path('no-such-ffmpeg') }))).toBe(
      'E_FFMPEG_MISSING',
    );
    expect(await codeOf(collect(clips.cfr!, { sampleFps: 0 }))).toBe('E_USAGE');
  });
});

describe('process lifetime and memory', () => {
  it('an early break stops ffmpeg and leaves no child process behind', async () => {
    let n = 0;
    for await (const f of readFrames(clips.big!)) {
      expect(f.data.length).toBe(640 * 480 * 3);
      if (++n === 3) break;
    }
    expect(childFfmpegPids()).toEqual([]);
  });

  it('an abort rejects with the signal reason and stops ffmpeg', async () => {
    const controller = new AbortController();
    let n = 0;
    const run = (async () => {
      for await (const frame of readFrames(clips.big!, { signal: controller.signal })) {
        n = frame.index + 1;
        if (n === 2) controller.abort(new Error('user cancelled'));
      }
    })();
    await expect(run).rejects.toThrow('user cancelled');
    expect(n).toBe(2);
    expect(childFfmpegPids()).toEqual([]);
  });

  it('holds only a few frames while the consumer is slow (stdout is paused)', async () => {
    const frameBytes = 640 * 480 * 3;
    let maxBuffered = 0;
    const onProgress = (p: FrameProgress) => (maxBuffered = Math.max(maxBuffered, p.bufferedBytes));
    for await (const frame of readFrames(clips.big!, { onProgress })) {
      await sleep(15);
      if (frame.index === 24) break;
    }
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(3 * frameBytes);
  });
});

function rotateClockwise(f: VideoFrame, deg: number): VideoFrame {
  const turns = (((deg / 90) % 4) + 4) % 4;
  const w = turns % 2 ? f.height : f.width;
  const h = turns % 2 ? f.width : f.height;
  const out = new Uint8Array(f.data.length);
  for (let y = 0; y < f.height; y++) {
    for (let x = 0; x < f.width; x++) {
      const [nx, ny] =
        turns === 0
          ? [x, y]
          : turns === 1
            ? [f.height - 1 - y, x]
            : turns === 2
              ? [f.width - 1 - x, f.height - 1 - y]
              : [y, f.width - 1 - x];
      const src = (y * f.width + x) * 3;
      const dst = (ny * w + nx) * 3;
      out[dst] = f.data[src]!;
      out[dst + 1] = f.data[src + 1]!;
      out[dst + 2] = f.data[src + 2]!;
    }
  }
  return { ...f, width: w, height: h, data: out };
}

function meanAbsDiff(a: VideoFrame, b: VideoFrame): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}
