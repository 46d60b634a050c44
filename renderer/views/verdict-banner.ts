// The verdict, big: colour AND a symbol AND words (never colour alone), the score, how long it has
// held, what it means and the top reasons in plain language.

import type { VerdictName } from '../../engine/live/protocol.ts';
import type { AppState } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setListItems, setText } from './dom.ts';

/** Reasons shown on the banner (the report lists them all). */
export const BANNER_REASONS = 3;

const SYMBOL: Record<VerdictName | 'idle', string> = {
  likely_real: '✓',
  suspicious: '!',
  likely_fake: '✕',
  not_verified: '?',
  idle: '–',
};

export function createVerdictBanner(ctx: ViewContext) {
  const symbol = h('span', { class: 'verdict-symbol', attrs: { 'aria-hidden': 'true' } });
  const label = h('span', { class: 'verdict-label', attrs: { 'data-testid': 'verdict-label' } });
  const meta = h('span', { class: 'verdict-meta' });
  const meaning = h('p', { class: 'verdict-meaning' });
  const reasons = h('ul', { class: 'verdict-reasons', attrs: { 'data-testid': 'verdict-reasons' } });
  const el = h(
    'section',
    { class: 'verdict-banner', id: 'verdict', attrs: { 'aria-live': 'polite', 'data-verdict': 'idle' } },
    h('div', { class: 'verdict-head' }, symbol, h('div', { class: 'verdict-title' }, label, meta)),
    meaning,
    reasons,
  );

  function render(state: AppState): void {
    const { t, text } = ctx.i18n;
    const v = state.verdict;
    const phase = state.session.phase;
    const name: VerdictName | 'idle' = v
      ? v.verdict
      : phase === 'idle' || phase === 'failed'
        ? 'idle'
        : 'not_verified';
    setAttr(el, 'data-verdict', name);
    setText(symbol, SYMBOL[name]);
    if (!v) {
      setText(
        label,
        phase === 'idle' || phase === 'failed' ? t('app.verdict.idle') : t('verdict.not_verified'),
      );
      setText(meta, '');
      setText(
        meaning,
        phase === 'idle' || phase === 'failed' ? t('app.verdict.idle-hint') : t('app.verdict.waiting'),
      );
      setListItems(reasons, []);
      return;
    }
    setText(label, t(`verdict.${v.verdict}`));
    const parts = [
      v.score === null ? t('app.verdict.no-score') : t('app.verdict.score', { score: v.score.toFixed(2) }),
    ];
    if (phase === 'stopped') parts.push(t('app.verdict.final'));
    else
      parts.push(
        t('app.verdict.since', { seconds: Math.max(0, Math.round(state.mediaTimeSec - v.sinceSec)) }),
      );
    setText(meta, parts.join(' · '));
    setText(meaning, t(`report.meaning.${v.verdict}`));
    setListItems(
      reasons,
      v.reasons.slice(0, BANNER_REASONS).map((r) => ({ text: text(r) })),
    );
  }

  return { el, render };
}
