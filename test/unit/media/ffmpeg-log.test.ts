import { describe, expect, it } from 'vitest';
import {
  ffmpegErrorDetail,
  LineSplitter,
  normalizeRightAngle,
  parseInputHeader,
  parseOutputVideoSize,
  parseShowinfoFrame,
  parseShowinfoTimebase,
  saysNoVideoStream,
  toMediaInfo,
  type InputHeader,
} from '../../../engine/media/ffmpeg-log.ts';

const lines = (text: string) => text.split('\n');

const MP4_ROTATED = lines(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/r.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:01:02.50, start: 0.000000, bitrate: 949 kb/s
  Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
  Stream #0:1[0x2](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1920x1080 [SAR 1:1 DAR 16:9], 943 kb/s, 29.97 fps, 29.97 tbr, 15360 tbn (default)
    Metadata:
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of -90.00 degrees
At least one output file must be specified`);

const withVideo = (h: InputHeader | null) => {
  if (!h?.video) throw new Error('no video');
  return { ...h, video: h.video };
};

describe('parseInputHeader / toMediaInfo', () => {
  it('reads container, codec, size, fps, duration and display-matrix rotation', () => {
    const header = parseInputHeader(MP4_ROTATED);
    expect(header).toMatchObject({
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSec: 62.5,
      video: { index: 1, codec: 'h264', codedWidth: 1920, codedHeight: 1080, fpsHz: 29.97, rotationDeg: 90 },
    });
    expect(toMediaInfo('/tmp/r.mp4', withVideo(header))).toEqual({
      path: '/tmp/r.mp4',
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codec: 'h264',
      width: 1080,
      height: 1920,
      rotationDeg: 90,
      fpsHz: 29.97,
      durationSec: 62.5,
      isStillImage: false,
      frameCountEstimate: 1873,
    });
  });

  it('reads the older "rotate" tag as a clockwise angle', () => {
    const header = parseInputHeader(
      lines(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'old.mp4':
  Duration: 00:00:02.00, start: 0.000000, bitrate: 949 kb/s
    Stream #0:0(und): Video: h264 (avc1 / 0x31637661), yuv420p, 640x480, 30 fps, 30 tbr, 15360 tbn, 60 tbc (default)
    Metadata:
      rotate          : 270`),
    );
    expect(header?.video?.rotationDeg).toBe(270);
    expect(toMediaInfo('old.mp4', withVideo(header))).toMatchObject({ width: 480, height: 640 });
  });

  it('skips cover art and takes tbr when fps is missing (webm)', () => {
    const header = parseInputHeader(
      lines(`Input #0, matroska,webm, from 'x.webm':
  Duration: N/A, start: 0.000000, bitrate: N/A
  Stream #0:0: Video: mjpeg (Baseline), yuvj420p(pc), 300x300, 90k tbr, 90k tbn (attached pic)
  Stream #0:1: Video: vp9 (Profile 0), yuv420p(tv, progressive), 320x240, SAR 1:1 DAR 4:3, 25 tbr, 1k tbn (default)`),
    );
    expect(header).toMatchObject({ container: 'matroska,webm', durationSec: null });
    expect(header?.video).toMatchObject({
      index: 1,
      codec: 'vp9',
      codedWidth: 320,
      codedHeight: 240,
      fpsHz: 25,
      rotationDeg: 0,
    });
    expect(toMediaInfo('x.webm', withVideo(header)).frameCountEstimate).toBeNull();
  });

  it('marks single-image demuxers as stills', () => {
    const header = parseInputHeader(
      lines(`Input #0, png_pipe, from 's.png':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgb24(pc), 64x48 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 25 tbn`),
    );
    expect(toMediaInfo('s.png', withVideo(header))).toMatchObject({
      isStillImage: true,
      fpsHz: null,
      durationSec: null,
      frameCountEstimate: 1,
      width: 64,
      height: 48,
    });
  });

  it('returns null without an input block and no video for audio-only inputs', () => {
    expect(parseInputHeader(lines('x.mp4: Invalid data found when processing input'))).toBeNull();
    const audio = parseInputHeader(
      lines(`Input #0, wav, from 'a.wav':
  Duration: 00:00:00.50, bitrate: 705 kb/s
  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 44100 Hz, 1 channels, s16, 705 kb/s`),
    );
    expect(audio).toMatchObject({ container: 'wav', durationSec: 0.5, video: null });
  });

  it('normalizes angles to right angles', () => {
    expect([0, 90, -90, 180, -180, 270, 360, 89.6, -0].map(normalizeRightAngle)).toEqual([
      0, 90, 270, 180, 180, 270, 0, 90, 0,
    ]);
  });
});

describe('showinfo lines', () => {
  it('parses pts, pts_time and size', () => {
    const line =
      '[Parsed_showinfo_2 @ 0x55a93ec32240] n:  12 pts:   6144 pts_time:0.4     pos:    14577 fmt:yuv420p sar:1/1 s:480x640 i:P iskey:0 type:B ';
    expect(parseShowinfoFrame(line)).toEqual({ n: 12, pts: 6144, ptsTimeSec: 0.4, width: 480, height: 640 });
    expect(
      parseShowinfoFrame(
        '[Parsed_showinfo_0 @ 0x1] n:   0 pts: NOPTS pts_time:NOPTS pos: -1 fmt:rgb24 s:2x2 i:P',
      ),
    ).toMatchObject({
      pts: null,
      ptsTimeSec: null,
    });
    expect(
      parseShowinfoFrame('[Parsed_showinfo_0 @ 0x1] color_range:unknown color_space:unknown'),
    ).toBeNull();
    expect(
      parseShowinfoTimebase('[Parsed_showinfo_1 @ 0x5] config in time_base: 1/15360, frame_rate: 30/1'),
    ).toEqual([1, 15360]);
    expect(
      parseShowinfoTimebase('[Parsed_showinfo_1 @ 0x5] config out time_base: 0/0, frame_rate: 0/0'),
    ).toBeNull();
  });
});

describe('parseOutputVideoSize', () => {
  it('reads the rawvideo size, not the fourcc', () => {
    expect(
      parseOutputVideoSize(
        '  Stream #0:0(und): Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc, gbr/unknown/unknown, progressive), 480x640 [SAR 1:1 DAR 3:4], q=2-31, 221184 kb/s, 30 fps, 30 tbn (default)',
      ),
    ).toEqual({ width: 480, height: 640 });
    expect(parseOutputVideoSize('    Metadata:')).toBeNull();
  });
});

describe('ffmpegErrorDetail', () => {
  it('keeps the last two reasons on one line without prefixes', () => {
    const stderr =
      lines(`[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55a1a3ddd840] Format mov,mp4,m4a,3gp,3g2,mj2 detected only with low score of 1, misdetection possible!
[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55a1a3ddd840] moov atom not found
file:/tmp/t.mp4: Invalid data found when processing input`);
    expect(ffmpegErrorDetail(stderr, '/tmp/t.mp4')).toBe(
      'moov atom not found; Invalid data found when processing input',
    );
    expect(ffmpegErrorDetail([], '/x')).toBe('ffmpeg reported no reason');
    expect(ffmpegErrorDetail(['x'.repeat(500)], '/x').length).toBeLessThanOrEqual(200);
  });

  it('recognizes a missing video stream', () => {
    expect(
      saysNoVideoStream(["Stream map '0:V:0' matches no streams.", 'To ignore this, add a trailing']),
    ).toBe(true);
    expect(saysNoVideoStream(['anything else'])).toBe(false);
  });
});

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and \\r across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('a\nb')).toEqual(['a']);
    expect(s.push('c\r\nd\re')).toEqual(['bc', 'd']);
    expect(s.flush()).toEqual(['e']);
    expect(s.flush()).toEqual([]);
  });
});
