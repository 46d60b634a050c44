// `scan FILE --challenges auto`: the recording's challenge-like moments scored against the calm
// face (engine/challenges/recording.ts), added to the scan's JSON as `challenges` and to its text
// summary as a few lines.

import type { ScanResult } from '../../analysis/scan-result.ts';
import {
  analyseRecordingChallenges,
  type RecordingChallengeOptions,
  type RecordingChallengeResult,
} from '../../challenges/recording.ts';
import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef, type Lang, type MessageKey } from '../../core/messages.ts';
import type { VerdictReason } from '../../fusion/verdict.ts';

/** The one mode so far; anything else is a usage error. */
export function parseChallengesMode(value: string | undefined): 'auto' | null {
  if (value === undefined) return null;
  if (value === 'auto') return 'auto';
  throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.challenges-mode') });
}

export async function scanChallenges(
  file: string,
  result: ScanResult,
  options: RecordingChallengeOptions,
): Promise<RecordingChallengeResult> {
  return analyseRecordingChallenges(
    file,
    {
      verdict: result.verdict,
      score: result.score,
      confidence: result.confidence,
      reasons: result.reasons.map((r): VerdictReason => ({ key: r.code })),
    },
    options,
  );
}

const fixed = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));

/** Text lines for the human summary (labels in `lang`, numbers as they are). */
export function challengeSummaryLines(c: RecordingChallengeResult, lang: Lang): string[] {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    formatMessage(key, params, lang);
  const lines = [
    `${t('scan.label.challenges')}  ${t('scan.challenges.summary', {
      moments: c.moments.length,
      calm: fixed(c.calm.score),
      similarity: fixed(c.identity.minSimilarity),
      switches: c.identity.switches.length,
      verdict: t(`verdict.${c.withChallenges.verdict}` as MessageKey),
      score: c.withChallenges.score === null ? '' : ` (${c.withChallenges.score.toFixed(2)})`,
    })}`,
    ...c.moments.map(
      (m) =>
        `    ${t('scan.challenges.moment', {
          kind: t(`moment.${m.kind}` as MessageKey),
          from: m.startSec.toFixed(1),
          to: m.endSec.toFixed(1),
          score: fixed(m.score),
          calm: fixed(c.calm.score),
          rise: m.rise === null ? '–' : `${m.rise >= 0 ? '+' : ''}${m.rise.toFixed(2)}`,
          similarity: fixed(m.identity.minSimilarity),
          switched: m.identity.switched ? t('scan.challenges.switched') : '',
        })}`,
    ),
    ...c.withChallenges.reasons.map((r) => `    ${r.message}`),
  ];
  return lines;
}
