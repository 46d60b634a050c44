// Opening a capture source and showing it in the call view's <video>: a camera (getUserMedia),
// the whole screen or one window (getDisplayMedia; in the desktop app the preload chooses which
// source it captures), or a video file played from disk.

import type { SourceKind } from '../../engine/live/protocol.ts';

export interface OpenedSource {
  kind: SourceKind;
  /** What the evidence log records as the source (a device, window or file name). */
  label: string;
  stop(): void;
}

export async function openSource(
  kind: SourceKind,
  video: HTMLVideoElement,
  opts: { file?: File | null } = {},
): Promise<OpenedSource> {
  if (kind === 'file') {
    if (!opts.file) throw new Error('no file chosen');
    const url = URL.createObjectURL(opts.file);
    video.srcObject = null;
    video.src = url;
    video.loop = false;
    video.muted = true;
    await playWhenReady(video);
    return {
      kind,
      label: opts.file.name,
      stop() {
        video.pause();
        video.removeAttribute('src');
        video.load();
        URL.revokeObjectURL(url);
      },
    };
  }
  const stream =
    kind === 'camera'
      ? await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
          audio: false,
        })
      : await navigator.mediaDevices.getDisplayMedia({
          video: { displaySurface: kind === 'screen' ? 'monitor' : 'window', frameRate: { ideal: 30 } },
          audio: false,
        });
  const track = stream.getVideoTracks()[0];
  video.removeAttribute('src');
  video.srcObject = stream;
  video.muted = true;
  await playWhenReady(video);
  return {
    kind,
    label: track?.label || kind,
    stop() {
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
  };
}

async function playWhenReady(video: HTMLVideoElement): Promise<void> {
  if (video.readyState < HTMLMediaElement.HAVE_METADATA) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        video.removeEventListener('loadedmetadata', done);
        video.removeEventListener('error', fail);
        resolve();
      };
      const fail = () => {
        video.removeEventListener('loadedmetadata', done);
        video.removeEventListener('error', fail);
        reject(new Error(video.error?.message || 'the video cannot be played'));
      };
      video.addEventListener('loadedmetadata', done);
      video.addEventListener('error', fail);
    });
  }
  await video.play();
}
