// The one message catalogue: both languages say the same things (same keys, same placeholders),
// nothing is empty, and the Chinese is Chinese; errors keep their code in every language.

import { describe, expect, it } from 'vitest';
import { CallSentinelError } from '../../../engine/core/errors.ts';
import { CATALOGUE, formatMessage, messageRef, type MessageKey } from '../../../engine/core/messages.ts';
import { alignLabels, displayWidth } from '../../../engine/core/text-width.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const keys = Object.keys(CATALOGUE.en) as MessageKey[];
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/**
 * What is left of a text once placeholders and the things that stay untranslated (option names,
 * error codes, commands, file and tool names) are taken out: when letters are left, it has words
 * to translate.
 */
function words(text: string): string {
  return text
    .replace(/\{\w+\}/g, '')
    .replace(/--?[a-z][\w-]*/g, '')
    .replace(/\bE_[A-Z_]+\b/g, '')
    .replace(/\b(callsentinel|ffmpeg|sha256)\b/g, '');
}

describe('message catalogue', () => {
  it('has every key in both languages and no other', () => {
    expect(Object.keys(CATALOGUE['zh-CN']).sort()).toEqual([...keys].sort());
  });

  it('has no empty text in either language', () => {
    const empty = keys.filter((k) => !CATALOGUE.en[k].trim() || !CATALOGUE['zh-CN'][k].trim());
    expect(empty).toEqual([]);
  });

  it('has the same placeholders in both languages', () => {
    const differ = keys.filter(
      (k) => placeholders(CATALOGUE['zh-CN'][k]).join() !== placeholders(CATALOGUE.en[k]).join(),
    );
    expect(differ).toEqual([]);
  });

  it('has Chinese in every zh-CN text except those of only placeholders and codes', () => {
    const notChinese = keys.filter(
      (k) => /[A-Za-z]/.test(words(CATALOGUE['zh-CN'][k])) && !CJK.test(CATALOGUE['zh-CN'][k]),
    );
    expect(notChinese).toEqual([]);
  });

  it('leaves codes, option names and placeholders of help texts untranslated', () => {
    for (const key of keys.filter((k) => k.startsWith('help.'))) {
      const options = (text: string) => [...new Set(text.match(/--[a-z][\w-]*/g) ?? [])].sort();
      expect(options(CATALOGUE['zh-CN'][key]), key).toEqual(options(CATALOGUE.en[key]));
    }
  });

  it('words an error in the reader’s language, with the same code', () => {
    const error = new CallSentinelError('E_USAGE', { detail: messageRef('usage.verify-log-one-file') });
    expect(error.message).toBe('verify-log takes exactly one FILE');
    expect(error.localized('zh-CN')).toBe(formatMessage('usage.verify-log-one-file', {}, 'zh-CN'));
    expect(error.localized('zh-CN')).toMatch(CJK);
    expect(error.code).toBe('E_USAGE');
    const missing = new CallSentinelError('E_DATA_MISSING', { path: messageRef('usage.none-given') });
    expect(missing.message).toContain('(none given)');
    expect(missing.localized('zh-CN')).toContain('（未指定）');
  });
});

describe('text layout', () => {
  it('counts CJK characters as two columns and aligns labels by display width', () => {
    expect(displayWidth('verdict:')).toBe(8);
    expect(displayWidth('结论：')).toBe(6);
    const lines = alignLabels([
      ['结论：', 'a'],
      ['检测器：', 'b'],
    ]);
    expect(lines.map((l) => displayWidth(l.slice(0, -1)))).toEqual([9, 9]);
  });
});
