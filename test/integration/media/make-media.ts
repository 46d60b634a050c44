// Media for the engine/media tests, generated into a temp folder with ffmpeg's lavfi sources
// (testsrc2, color) and sharp. Nothing here is committed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { resolveFfmpeg } from '../../../engine/media/ffmpeg-path.ts';

export class MediaDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'callsentinel-media-'));
  readonly ffmpeg = resolveFfmpeg().path;

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Runs ffmpeg quietly with `args` and returns the output path (the last argument). */
  run(...args: string[]): string {
    execFileSync(this.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
      stdio: 'pipe',
    });
    return args[args.length - 1] ?? '';
  }

  /** testsrc2 clip: `size` like 640x480, encoded with `codecArgs` into `name`. */
  testsrc(
    name: string,
    opts: { size?: string; fps?: number; seconds?: number; codecArgs?: string[] } = {},
  ): string {
    const {
      size = '320x240',
      fps = 30,
      seconds = 2,
      codecArgs = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    } = opts;
    return this.run(
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=${fps}`,
      '-t',
      String(seconds),
      ...codecArgs,
      this.path(name),
    );
  }

  /** Animated WebP made with sharp: one solid colour per page, with the given delays. */
  async animatedWebp(
    name: string,
    colours: Array<[number, number, number]>,
    delaysMs: number[],
  ): Promise<string> {
    const pages = await Promise.all(
      colours.map(([r, g, b]) =>
        sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } })
          .png()
          .toBuffer(),
      ),
    );
    const out = this.path(name);
    await sharp(pages, { join: { animated: true } })
      .webp({ delay: delaysMs, loop: 0, lossless: true })
      .toFile(out);
    return out;
  }

  /** The first `fraction` of a file's bytes (an mp4 with its moov atom at the end loses it). */
  truncated(source: string, name: string, fraction: number): string {
    const bytes = readFileSync(source);
    const out = this.path(name);
    writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
    return out;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Names of the video encoders this ffmpeg has (`libx264`, `libvpx-vp9`, `libwebp`, ...). */
export function videoEncoders(): Set<string> {
  const text = execFileSync(resolveFfmpeg().path, ['-hide_banner', '-encoders'], { encoding: 'utf8' });
  return new Set([...text.matchAll(/^ V\S* (\S+) /gm)].map((m) => m[1] ?? ''));
}

/** ffmpeg processes that are children of this process (running or zombie), from /proc (Linux). */
export function childFfmpegPids(): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat);
      if (m && m[1] === 'ffmpeg' && Number(m[3]) === process.pid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
