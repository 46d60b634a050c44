// Evidence logs for the report tests, written with the real EvidenceLogWriter: a genuine-looking
// session and a suspicious one (with keyframes, a gap, operator marks, a challenge, a warning).
// Keyframes are real JPEGs cut from a photo shipped in @vladmandic/human.

import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { EvidenceLogWriter } from '../../engine/evidence/log-writer.ts';

const PHOTO = path.resolve('node_modules/@vladmandic/human/assets/screenshot-faceid.jpg');
/** Where the webcam photo sits in that screenshot, and the face within the cut-out (224 px). */
const PHOTO_REGION = { left: 14, top: 142, width: 140, height: 140 };
const SIZE_PX = 224;
export const FACE_BOX_PX = { x: 58, y: 40, width: 118, height: 150 };

export interface TestJpeg {
  base64: string;
  sha256: string;
}

export async function makeFaceJpeg(variant: 'plain' | 'warm' | 'dark' = 'plain'): Promise<TestJpeg> {
  let img = sharp(PHOTO).extract(PHOTO_REGION).resize(SIZE_PX, SIZE_PX);
  if (variant === 'warm') img = img.modulate({ saturation: 1.6, hue: 12 });
  if (variant === 'dark') img = img.modulate({ brightness: 0.7 });
  const bytes = await img.jpeg({ quality: 80 }).toBuffer();
  return { base64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A clock that advances one second per record, from a fixed start. */
function fixedClock(startIso: string) {
  let t = Date.parse(startIso);
  return () => new Date((t += 1000));
}

/** Deterministic small noise in [-1, 1]. */
const wiggle = (i: number) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 3.7) * 0.5;

const MODELS = [
  { name: 'blazeface', sha256: '3f1a9c0e5b7d2e8a4c6b1d9f0e2a7c5b8d3e6f1a4c9b2d7e0f5a8c3b6d1e4f7a' },
  { name: 'facemesh', sha256: '9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d1f3a5c7e9b0d2f4a6c8e1b3d5f7a9c0e2b' },
  { name: 'face-swap', sha256: 'c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6' },
];

export function writeGenuineLog(file: string, jpeg: TestJpeg): { finalHash: string; recordCount: number } {
  const log = new EvidenceLogWriter(file, {
    sessionId: 'genuine-0001',
    now: fixedClock('2026-03-02T09:15:00Z'),
  });
  log.append({
    type: 'session-started',
    mediaTimeSec: null,
    appVersion: '0.1.0',
    configHash: 'a1b2c3d4'.repeat(8),
    config: { profile: 'bank', verdict: { minUsableFaceSec: 3, suspiciousScore: 0.5, likelyFakeScore: 0.8 } },
    models: MODELS,
    input: { kind: 'file', path: 'calls/customer-video-id.mp4', sha256: 'e3'.repeat(32) },
    operator: 'Li Wei',
    lang: 'en',
  });
  log.append({
    type: 'keyframe',
    mediaTimeSec: 1,
    trackId: 1,
    why: 'first-face',
    boxPx: FACE_BOX_PX,
    jpegBase64: jpeg.base64,
    jpegSha256: jpeg.sha256,
  });
  for (let t = 0; t < 40; t++) {
    const score = 0.14 + 0.05 * wiggle(t);
    log.append({
      type: 'score',
      mediaTimeSec: t,
      trackId: 1,
      score: t < 2 ? null : score,
      faces: 1,
      signals: {
        'face-swap': {
          score: t < 2 ? null : score,
          confidence: 0.85,
          status: t < 2 ? 'insufficient-data' : 'ok',
        },
        pulse: {
          score: t < 10 ? null : 0.2,
          confidence: t < 10 ? 0 : 0.6,
          status: t < 10 ? 'insufficient-data' : 'ok',
        },
        // An advisory signal whose only label is the app's (the report falls back to it).
        'mouth-texture': { score: 0.3, confidence: 0.2, status: 'ok' },
      },
    });
  }
  log.append({
    type: 'verdict-updated',
    mediaTimeSec: 39,
    verdict: 'likely_real',
    score: 0.14,
    confidence: 0.82,
    reasons: [
      { code: 'reason.face-swap-clean', message: 'The face-swap detector found no trace of a swapped face.' },
    ],
  });
  const { finalHash, recordCount } = log.end({ verdict: 'likely_real' }, 40);
  return { finalHash, recordCount };
}

/**
 * A suspicious session written by a zh-CN session (so its reasons are in Chinese and the English
 * report must re-localise them), with thresholds 0.45 / 0.75 in its config.
 */
export function writeSuspiciousLog(
  file: string,
  jpegs: [TestJpeg, TestJpeg, TestJpeg],
): { finalHash: string; recordCount: number } {
  const log = new EvidenceLogWriter(file, {
    sessionId: 'suspicious-0002',
    now: fixedClock('2026-03-02T14:40:00Z'),
  });
  log.append({
    type: 'session-started',
    mediaTimeSec: null,
    appVersion: '0.1.0',
    configHash: 'f0e1d2c3'.repeat(8),
    config: { profile: 'police', verdict: { suspiciousScore: 0.45, likelyFakeScore: 0.75 } },
    models: MODELS,
    input: { kind: 'file', path: 'case-2026-0117/wechat-call.mp4', sha256: '7c'.repeat(32) },
    lang: 'zh-CN',
  });
  const scoreAt = (t: number) => Math.min(0.9, 0.25 + t * 0.012 + 0.06 * wiggle(t));
  for (let t = 0; t < 45; t++) {
    const lost = t >= 14 && t < 18; // the face left the picture
    const score = lost ? null : scoreAt(t);
    log.append({
      type: 'score',
      mediaTimeSec: t,
      trackId: 1,
      score,
      faces: lost ? 0 : 1,
      signals: lost
        ? {}
        : {
            'face-swap': { score, confidence: 0.8, status: 'ok' },
            'presentation-attack': { score: 0.3, confidence: 0.4, status: t > 30 ? 'degraded' : 'ok' },
          },
    });
    if (t === 3)
      log.append({
        type: 'keyframe',
        mediaTimeSec: 3,
        trackId: 1,
        why: 'first-face',
        boxPx: FACE_BOX_PX,
        jpegBase64: jpegs[0].base64,
        jpegSha256: jpegs[0].sha256,
      });
    if (t === 20) {
      log.append({ type: 'operator-mark', mediaTimeSec: 20, text: '对方要求转账' });
      log.append({
        type: 'keyframe',
        mediaTimeSec: 20,
        trackId: 1,
        why: 'operator-mark',
        boxPx: FACE_BOX_PX,
        jpegBase64: jpegs[1].base64,
        jpegSha256: jpegs[1].sha256,
      });
      log.append({ type: 'challenge-issued', mediaTimeSec: 20, challengeId: 'turn-head', detail: null });
    }
    if (t === 26) {
      log.append({
        type: 'challenge-result',
        mediaTimeSec: 26,
        challengeId: 'turn-head',
        detail: { passed: false },
      });
      log.append({
        type: 'warning',
        mediaTimeSec: 26,
        code: 'reason.signal-failed',
        message: '有一个检测器无法处理此输入，其结果未计入。',
      });
    }
    if (t === 38)
      log.append({
        type: 'keyframe',
        mediaTimeSec: 38,
        trackId: 1,
        why: 'highest-score',
        boxPx: FACE_BOX_PX,
        jpegBase64: jpegs[2].base64,
        jpegSha256: jpegs[2].sha256,
      });
  }
  log.append({
    type: 'operator-note',
    mediaTimeSec: 41,
    text: 'Caller refused to call back on the number on file.',
  });
  log.append({
    type: 'verdict-updated',
    mediaTimeSec: 44,
    verdict: 'suspicious',
    score: 0.71,
    confidence: 0.74,
    reasons: [
      { code: 'reason.face-swap-artifacts', message: '换脸检测器发现了换脸痕迹。' },
      { code: 'reason.too-little-face', message: '可用的人脸画面太少（2.5 秒）。' },
    ],
  });
  const { finalHash, recordCount } = log.end({ verdict: 'suspicious' }, 45);
  return { finalHash, recordCount };
}
