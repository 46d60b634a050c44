// Pure parsers for what ffmpeg prints on stderr. ffmpeg-static ships no ffprobe, so the input
// header of `ffmpeg -i FILE` and the showinfo filter's per-frame lines are all we read.

import type { MediaInfo } from './types.ts';

/** Splits a text stream into lines on \n, \r\n or \r (ffmpeg ends progress lines with \r). */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split(/\r\n|\r|\n/);
    this.rest = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last === '' ? [] : [last];
  }
}

/** One frame as the showinfo filter saw it, just before it went to the rawvideo encoder. */
export interface ShowinfoFrame {
  n: number;
  /** Integer pts in the filter's time base, null when ffmpeg printed NOPTS. */
  pts: number | null;
  /** pts_time as printed (6 significant digits), null for NOPTS. */
  ptsTimeSec: number | null;
  width: number;
  height: number;
}

const SHOWINFO_FRAME =
  /\[Parsed_showinfo_\d+ @ [^\]]+\] n:\s*(\d+) pts:\s*(-?\d+|NOPTS) pts_time:(\S+)\s.*?\bs:(\d+)x(\d+)\b/;
const SHOWINFO_TIMEBASE = /\[Parsed_showinfo_\d+ @ [^\]]+\] config in time_base: (\d+)\/(\d+)/;

export function parseShowinfoFrame(line: string): ShowinfoFrame | null {
  const m = SHOWINFO_FRAME.exec(line);
  if (!m) return null;
  const pts = m[2] === 'NOPTS' ? null : Number(m[2]);
  const ptsTime = Number(m[3]);
  return {
    n: Number(m[1]),
    pts,
    ptsTimeSec: pts === null || !Number.isFinite(ptsTime) ? null : ptsTime,
    width: Number(m[4]),
    height: Number(m[5]),
  };
}

/** The filter's time base as a fraction [num, den], or null when the line is not that config line. */
export function parseShowinfoTimebase(line: string): [number, number] | null {
  const m = SHOWINFO_TIMEBASE.exec(line);
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  return num > 0 && den > 0 ? [num, den] : null;
}

export function isShowinfoLine(line: string): boolean {
  return line.includes('[Parsed_showinfo_');
}

const OUTPUT_VIDEO_STREAM = /^\s*Stream #0:\d+(?:\[[^\]]*\])?(?:\([^)]*\))?: Video: (.*)$/;

/**
 * Size of the video stream in the "Output #0" block (call only on lines of that block). This is
 * the size of every frame on stdout: when the input changes resolution mid-stream, ffmpeg scales
 * the new frames to it, so showinfo's per-frame size (before that scaler) is not used.
 */
export function parseOutputVideoSize(line: string): { width: number; height: number } | null {
  const m = OUTPUT_VIDEO_STREAM.exec(line);
  const size = m ? SIZE.exec(m[1] ?? '') : null;
  return size ? { width: Number(size[1]), height: Number(size[2]) } : null;
}

/** What the input header says, before deciding whether it holds a usable video stream. */
export interface InputHeader {
  container: string;
  durationSec: number | null;
  /** First video stream that is not an attached picture (cover art), or null. */
  video: {
    index: number;
    codec: string;
    codedWidth: number;
    codedHeight: number;
    fpsHz: number | null;
    rotationDeg: number;
  } | null;
}

const INPUT_LINE = /^Input #0, (.+), from '/;
const DURATION_LINE = /^\s*Duration: (?:(\d+):(\d{2}):(\d{2}(?:\.\d+)?)|N\/A)/;
const STREAM_LINE = /^\s*Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: (\w+): (.*)$/;
const SIZE = /(?:^|[\s,])(\d{1,5})x(\d{1,5})(?=[\s,[]|$)/;
const FPS = /(?:^|, )(\d+(?:\.\d+)?)(k?) fps\b/;
const TBR = /(?:^|, )(\d+(?:\.\d+)?)(k?) tbr\b/;
const DISPLAYMATRIX = /displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees/;
const ROTATE_TAG = /^\s*rotate\s*: (-?\d+(?:\.\d+)?)\s*$/;

/**
 * Parses the "Input #0" block of ffmpeg's stderr. Returns null when there is none (ffmpeg could not
 * open the input). Only the first input is read; lines after "Output #0" or "Stream mapping" are ignored.
 */
export function parseInputHeader(lines: readonly string[]): InputHeader | null {
  const start = lines.findIndex((l) => INPUT_LINE.test(l));
  if (start < 0) return null;
  const container = INPUT_LINE.exec(lines[start] ?? '')?.[1] ?? 'unknown';
  let durationSec: number | null = null;
  let video: InputHeader['video'] = null;
  let inChosenStream = false;
  let rotationFromMatrix: number | null = null;
  let rotationFromTag: number | null = null;

  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^(Output #|Stream mapping:|Input #)/.test(line)) break;
    const d = DURATION_LINE.exec(line);
    if (d) {
      if (d[1] !== undefined) durationSec = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
      continue;
    }
    const s = STREAM_LINE.exec(line);
    if (s) {
      inChosenStream = false;
      const [, index, kind, rest = ''] = s;
      if (video === null && kind === 'Video' && !rest.includes('(attached pic)')) {
        const size = SIZE.exec(rest);
        const fps = FPS.exec(rest) ?? TBR.exec(rest);
        video = {
          index: Number(index),
          codec: rest.split(/[\s,]/, 1)[0] ?? 'unknown',
          codedWidth: size ? Number(size[1]) : 0,
          codedHeight: size ? Number(size[2]) : 0,
          fpsHz: fps ? Number(fps[1]) * (fps[2] === 'k' ? 1000 : 1) : null,
          rotationDeg: 0,
        };
        inChosenStream = true;
      }
      continue;
    }
    if (!inChosenStream) continue;
    const m = DISPLAYMATRIX.exec(line);
    if (m) rotationFromMatrix = Number(m[1]);
    const t = ROTATE_TAG.exec(line);
    if (t) rotationFromTag = Number(t[1]);
  }
  if (video) {
    // The display matrix holds the counter-clockwise angle; ffmpeg rotates the picture by its
    // negative (cmdutils get_rotation). The older "rotate" tag is already clockwise.
    if (rotationFromMatrix !== null) video.rotationDeg = normalizeRightAngle(-rotationFromMatrix);
    else if (rotationFromTag !== null) video.rotationDeg = normalizeRightAngle(rotationFromTag);
  }
  return { container, durationSec, video };
}

/** Nearest of 0, 90, 180, 270 (ffmpeg's autorotate only handles right angles). */
export function normalizeRightAngle(deg: number): number {
  const quarter = Math.round(deg / 90);
  return (((quarter % 4) + 4) % 4) * 90;
}

/** Demuxers that read one picture from one file. */
export function isStillImageContainer(container: string): boolean {
  return container === 'image2' || container.endsWith('_pipe');
}

/** MediaInfo from a parsed header that has a video stream. */
export function toMediaInfo(
  path: string,
  header: InputHeader & { video: NonNullable<InputHeader['video']> },
): MediaInfo {
  const v = header.video;
  const still = isStillImageContainer(header.container);
  const swap = v.rotationDeg === 90 || v.rotationDeg === 270;
  const fpsHz = still ? null : v.fpsHz;
  const durationSec = still ? null : header.durationSec;
  return {
    path,
    container: header.container,
    codec: v.codec,
    width: swap ? v.codedHeight : v.codedWidth,
    height: swap ? v.codedWidth : v.codedHeight,
    rotationDeg: v.rotationDeg,
    fpsHz,
    durationSec,
    isStillImage: still,
    frameCountEstimate: still
      ? 1
      : fpsHz !== null && durationSec !== null
        ? Math.round(fpsHz * durationSec)
        : null,
  };
}

/** Lines that say nothing about why ffmpeg failed. */
const NOISE = [
  /^\s/,
  /^(Input|Output) #/,
  /^Stream mapping:/,
  /^Press \[q\]/,
  /^Conversion failed!/,
  /^At least one output file must be specified/,
  /^To ignore this, add a trailing/,
  /^frame=\s*\d+/,
  /^video:\d+/,
  /misdetection possible/,
  /^Error (opening|initializing) (output|filters)/,
  /^Exiting normally/,
  /^\[Parsed_showinfo_/,
];

const DETAIL_MAX_CHARS = 200;

/**
 * A short, one-line reason from ffmpeg's stderr for a user-facing message: the last two distinct
 * meaningful messages (e.g. "moov atom not found; Invalid data found when processing input"),
 * with "[demuxer @ 0x...]" and "[file:]<path>: " prefixes removed.
 */
export function ffmpegErrorDetail(lines: readonly string[], path: string): string {
  const messages: string[] = [];
  for (const raw of lines) {
    if (raw.trim() === '' || NOISE.some((re) => re.test(raw))) continue;
    let msg = raw.replace(/^(\[[^\]]+ @ 0x[0-9a-f]+\] )+/i, '').trim();
    for (const prefix of [`file:${path}: `, `${path}: `]) {
      if (msg.startsWith(prefix)) msg = msg.slice(prefix.length);
    }
    if (msg === '' || messages.at(-1) === msg) continue;
    messages.push(msg);
  }
  const detail = messages.slice(-2).join('; ') || 'ffmpeg reported no reason';
  return detail.length > DETAIL_MAX_CHARS ? `${detail.slice(0, DETAIL_MAX_CHARS - 1)}…` : detail;
}

/** ffmpeg's "no stream matched -map 0:V:0": the input opened but has no video. */
export function saysNoVideoStream(lines: readonly string[]): boolean {
  return lines.some((l) => /^Stream map '[^']*' matches no streams/.test(l));
}
