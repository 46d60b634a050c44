// A live session whose face-swap detector cannot start (its calibration was fitted for another
// model) keeps running, shows the detector as degraded, and says why, as a catalogue text the
// window words in its own language.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../engine/config/index.ts';
import { formatText, isMessageKey } from '../../../engine/core/messages.ts';
import { EvidenceLogWriter } from '../../../engine/evidence/log-writer.ts';
import { LiveSession } from '../../../engine/live/live-session.ts';
import { ModelStore } from '../../../engine/runtime/index.ts';
import { faceSwapSignal } from '../../../engine/signals/face-swap/index.ts';
import { writeStandInModelsDir } from '../../support/stand-in-face-swap.ts';

describe('live session with a detector that cannot start', () => {
  let dir: string;
  let models: ModelStore;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-live-failure-'));
    writeStandInModelsDir(path.join(dir, 'models'), {
      calibration: { model: { name: 'face-swap', sha256: 'cd'.repeat(32) } },
    });
    models = new ModelStore({ trainedModelsDir: path.join(dir, 'models') });
  });
  afterAll(async () => {
    await models.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps analysing and reports the failure with its cause', async () => {
    const session = await LiveSession.start({
      models,
      config: DEFAULT_CONFIG,
      profile: 'personal',
      lang: 'en',
      writer: new EvidenceLogWriter(path.join(dir, 'evidence.ndjson')),
      source: { kind: 'file', label: 'test' },
      signals: [faceSwapSignal],
    });
    const width = 64;
    const height = 48;
    const result = await session.processFrame(
      {
        type: 'frame',
        seq: 1,
        captureTimeMs: 0,
        mediaTimeSec: 0,
        width,
        height,
        cropPx: { x: 0, y: 0, width, height },
        sourceWidth: width,
        sourceHeight: height,
      },
      new Uint8Array(width * height * 4).fill(128),
    );
    await session.stop();
    const state = result.signals['face-swap']!;
    expect(state).toMatchObject({ status: 'degraded', reason: 'reason.signal-failed', score: null });
    expect(state.error?.key).toBe('E_MODEL_CALIBRATION');
    expect(isMessageKey(state.error!.key)).toBe(true);
    // The detail is a catalogue text too, so the whole message reads in the window's language.
    const zh = formatText(state.error!, 'zh-CN');
    expect(zh).toMatch(
      /^校准文件 .* 不能用于模型 face-swap：它是为 sha256 为 cdcdcdcdcdcd 的模型拟合的，而当前模型为 [0-9a-f]{12}。/,
    );
    expect(formatText(state.error!, 'en')).toMatch(
      /: it was fitted for the model with sha256 cdcdcdcdcdcd, this model has/,
    );
  });
});
