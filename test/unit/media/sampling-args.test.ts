import { describe, expect, it } from 'vitest';
import { buildDecodeArgs, scaleFilter } from '../../../engine/media/ffmpeg-args.ts';
import { createSampler, selectExpression } from '../../../engine/media/sampling.ts';
import { fitWidth, hasWebpAnimation } from '../../../engine/media/webp.ts';

describe('createSampler', () => {
  it('keeps the first frame of each 1/sampleFps slot', () => {
    const keep = createSampler(10);
    const times = Array.from({ length: 30 }, (_, i) => (i * 512) / 15360); // 30 fps in a 1/15360 time base
    expect(times.filter(keep).length).toBe(10);
    const quarter = createSampler(4);
    expect(times.filter(quarter).map((t) => Math.round(t * 30))).toEqual([0, 8, 15, 23]);
  });

  it('keeps everything without a rate and never keeps two frames in one slot', () => {
    const all = createSampler(undefined);
    expect([0, 0, 0.01].every(all)).toBe(true);
    const keep = createSampler(1);
    expect([0, 0.5, 0.99, 1, 1.5, 3.2].filter(keep)).toEqual([0, 1, 3.2]);
  });

  it('has an ffmpeg select expression with the same rule', () => {
    expect(selectExpression(10)).toBe(
      "select='isnan(prev_selected_t)+gt(floor(t*10+0.000001),floor(prev_selected_t*10+0.000001))'",
    );
  });
});

describe('buildDecodeArgs', () => {
  it('limits time on the input, samples before scaling and ends with showinfo', () => {
    const args = buildDecodeArgs('/v/a:b.mp4', { sampleFps: 5, maxSeconds: 3, maxWidth: 641 });
    expect(args.indexOf('-t')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-t') + 1]).toBe('3');
    expect(args[args.indexOf('-i') + 1]).toBe('file:/v/a:b.mp4');
    const vf = args[args.indexOf('-vf') + 1] ?? '';
    expect(vf.indexOf('select=')).toBeLessThan(vf.indexOf('scale='));
    expect(vf.endsWith('showinfo=checksum=0')).toBe(true);
    expect(vf).toContain(scaleFilter(641));
    expect(scaleFilter(641)).toContain("w='if(gt(iw,640),640,iw)'");
    expect(args.slice(-5)).toEqual(['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    expect(args).toContain('passthrough');
    expect(args[args.indexOf('-map') + 1]).toBe('0:V:0');
  });

  it('adds no filters beyond showinfo by default', () => {
    const args = buildDecodeArgs('x.mp4');
    expect(args).not.toContain('-t');
    expect(args[args.indexOf('-vf') + 1]).toBe('showinfo=checksum=0');
  });
});

describe('webp helpers', () => {
  const chunk = (fourcc: string, payload: number[]) => {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(payload.length);
    return Buffer.concat([
      Buffer.from(fourcc, 'latin1'),
      size,
      Buffer.from(payload),
      Buffer.alloc(payload.length % 2),
    ]);
  };
  const riff = (...chunks: Buffer[]) => {
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
  };

  it('detects animation by the VP8X flag or an ANIM chunk, not in still WebP or other files', () => {
    expect(hasWebpAnimation(riff(chunk('VP8X', [0x02, 0, 0, 0, 1, 0, 0, 1, 0, 0])))).toBe(true);
    expect(
      hasWebpAnimation(
        riff(chunk('VP8X', [0x10, 0, 0, 0, 1, 0, 0, 1, 0, 0]), chunk('ANIM', [0, 0, 0, 0, 0, 0])),
      ),
    ).toBe(true);
    expect(
      hasWebpAnimation(riff(chunk('VP8X', [0x10, 0, 0, 0, 1, 0, 0, 1, 0, 0]), chunk('VP8 ', [1, 2, 3]))),
    ).toBe(false);
    expect(hasWebpAnimation(riff(chunk('VP8L', [1, 2, 3, 4, 5])))).toBe(false);
    expect(hasWebpAnimation(Buffer.from('RIFF\0\0\0\0AVI LIST'))).toBe(false);
    expect(hasWebpAnimation(Buffer.alloc(0))).toBe(false);
  });

  it('fits a width like the ffmpeg scale filter (even sizes, no upscaling)', () => {
    expect(fitWidth(640, 480, 321)).toEqual({ width: 320, height: 240 });
    expect(fitWidth(64, 48, 100)).toEqual({ width: 64, height: 48 });
    expect(fitWidth(63, 47, undefined)).toEqual({ width: 63, height: 47 });
    expect(fitWidth(1920, 1080, 101)).toEqual({ width: 100, height: 56 });
  });
});
