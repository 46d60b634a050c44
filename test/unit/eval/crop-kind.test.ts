// Which cache crop an evaluation scores: the fold models' trainer says (summary.json `input`),
// and a simulated attack set made from another crop is refused rather than silently mis-scored.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import { checkSimSetInput } from '../../../engine/eval/pad-eval.ts';
import { foldModelsCrop } from '../../../engine/eval/scorers/fold-model.ts';

describe('crop kind of an evaluation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cs-crop-kind-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const summary = (json: object) => writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(json));
  const simSet = (json: object) => writeFileSync(path.join(dir, 'sim-set.json'), JSON.stringify(json));
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as CallSentinelError).code;
    }
    return null;
  };

  it('fold models: the trainer summary names the crop; none (face-swap trainer) means aligned', () => {
    expect(foldModelsCrop(dir)).toBe('aligned');
    summary({ K: 5 });
    expect(foldModelsCrop(dir)).toBe('aligned');
    summary({ K: 5, input: 'context' });
    expect(foldModelsCrop(dir)).toBe('context');
    summary({ K: 5, input: 'whole-frame' });
    expect(codeOf(() => foldModelsCrop(dir))).toBe('E_MODEL_SPEC');
  });

  it('simulated set: must be made from the crop the model sees', () => {
    expect(() => checkSimSetInput(dir, 'aligned')).not.toThrow(); // no sim-set.json: an aligned set
    expect(codeOf(() => checkSimSetInput(dir, 'context'))).toBe('E_SIM_SET_MISMATCH');
    simSet({ seed: 1, input: 'context' });
    expect(() => checkSimSetInput(dir, 'context')).not.toThrow();
    expect(codeOf(() => checkSimSetInput(dir, 'aligned'))).toBe('E_SIM_SET_MISMATCH');
    const error = new CallSentinelError('E_SIM_SET_MISMATCH', {
      path: dir,
      made: 'aligned',
      wanted: 'context',
    });
    expect(error.isUserError).toBe(true);
    expect(error.message).toContain('make_sim_set.py --input context');
    expect(error.localized('zh-CN')).toContain('模拟攻击集');
  });
});
