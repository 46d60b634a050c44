// The challenge prompter: what to ask the caller, in the operator's language and in large text,
// with the step's progress and time left, each step's result, and start / next / abort.

import type { ChallengeStepState } from '../../engine/live/protocol.ts';
import type { AppState } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setDisabled, setHidden, setText } from './dom.ts';

const OUTCOME_SYMBOL: Record<NonNullable<ChallengeStepState['outcome']> | 'pending' | 'current', string> = {
  performed: '✓',
  failed: '✕',
  'timed-out': '✕',
  aborted: '–',
  pending: '·',
  current: '▶',
};

export function createChallengePrompter(ctx: ViewContext) {
  const heading = h('h2', { class: 'panel-heading' });
  const intro = h('p', { class: 'challenge-intro' });
  const say = h('p', { class: 'challenge-say' });
  const prompt = h('p', {
    class: 'challenge-prompt',
    attrs: { 'data-testid': 'challenge-prompt', 'aria-live': 'assertive' },
  });
  const stepLine = h('span', { class: 'challenge-step' });
  const timeLeft = h('span', { class: 'challenge-time' });
  const bar = h('div', { class: 'progress-fill' });
  const progress = h(
    'div',
    {
      class: 'progress',
      attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' },
    },
    bar,
  );
  const current = h(
    'div',
    { class: 'challenge-current' },
    say,
    prompt,
    h('div', { class: 'challenge-status' }, stepLine, timeLeft),
    progress,
  );
  const between = h('p', { class: 'challenge-between', attrs: { 'aria-live': 'polite' } });
  const summary = h('p', { class: 'challenge-summary', attrs: { 'data-testid': 'challenge-summary' } });
  const steps = h('ol', { class: 'challenge-steps', attrs: { 'data-testid': 'challenge-steps' } });
  const startButton = h('button', {
    class: 'btn btn-primary',
    attrs: { type: 'button', 'data-action': 'challenge-start' },
  });
  const nextButton = h('button', {
    class: 'btn',
    attrs: { type: 'button', 'data-action': 'challenge-next' },
  });
  const abortButton = h('button', {
    class: 'btn btn-quiet',
    attrs: { type: 'button', 'data-action': 'challenge-abort' },
  });
  startButton.addEventListener('click', () => ctx.actions.challengeStart());
  nextButton.addEventListener('click', () => ctx.actions.challengeNext());
  abortButton.addEventListener('click', () => ctx.actions.challengeAbort());
  const el = h(
    'section',
    {
      class: 'panel challenge',
      id: 'challenge',
      attrs: { 'data-active': 'false', 'aria-labelledby': 'challenge-heading' },
    },
    heading,
    intro,
    current,
    between,
    summary,
    steps,
    h('div', { class: 'button-row' }, startButton, nextButton, abortButton),
  );
  heading.id = 'challenge-heading';

  function render(state: AppState): void {
    const { t, text } = ctx.i18n;
    const c = state.challenge;
    const running = state.session.phase === 'running';
    const active = !!c?.active;
    setAttr(el, 'data-active', String(active));
    setText(heading, t('app.challenge.heading'));
    setText(intro, running ? t('app.challenge.intro') : t('app.challenge.needs-session'));
    setHidden(intro, active);
    // A step whose outcome is in is over, even while the engine still names it as current: that is
    // the calm pause before the next instruction, not the time to read the old one out again.
    const asking = !!c && c.active && !!c.current && (c.steps[c.stepIndex]?.outcome ?? null) === null;
    setHidden(current, !asking);
    if (c && asking && c.current) {
      setText(say, t('app.challenge.say'));
      setText(prompt, text(c.current.prompt));
      setText(stepLine, t('app.challenge.step', { n: c.stepIndex + 1, count: c.stepCount }));
      setText(
        timeLeft,
        t('app.challenge.time-left', { seconds: Math.max(0, Math.ceil(c.current.timeLeftSec)) }),
      );
      const pct = Math.round(Math.min(1, Math.max(0, c.current.progress)) * 100);
      bar.style.width = `${pct}%`;
      setAttr(progress, 'aria-valuenow', String(pct));
      setAttr(progress, 'aria-label', t('app.challenge.progress'));
    }
    // Between two steps the engine gives the caller a calm pause before the next instruction.
    const allDone =
      !!c &&
      c.steps.length > 0 &&
      c.steps.length >= c.stepCount &&
      c.steps.every((st) => st.outcome !== null);
    setHidden(between, !(active && !asking && !allDone));
    setText(between, t('app.challenge.between'));
    const finished = !!c && c.steps.length > 0 && (!c.active || allDone);
    setHidden(summary, !finished);
    if (finished && c) {
      const done = c.steps.filter((s) => s.outcome === 'performed').length;
      setText(summary, t('app.challenge.finished', { done, count: c.stepCount || c.steps.length }));
    }
    renderSteps(state);
    setText(startButton, `${t('app.challenge.start')} (C)`);
    setText(nextButton, `${t('app.challenge.next')} (C)`);
    setText(abortButton, `${t('app.challenge.abort')} (Esc)`);
    setHidden(startButton, active);
    setHidden(nextButton, !active);
    setHidden(abortButton, !active);
    setDisabled(startButton, !running);
  }

  function renderSteps(state: AppState): void {
    const { t, text } = ctx.i18n;
    const c = state.challenge;
    const items = (c?.steps ?? []).map((s, i) => {
      const status = s.outcome ?? (c?.active && i === c.stepIndex ? 'current' : 'pending');
      return {
        status,
        symbol: OUTCOME_SYMBOL[status],
        outcome: t(`app.challenge.outcome.${status}`),
        // The step's short name (as the report names it), else its full prompt.
        prompt: ctx.i18n.has(`report.challenge.${s.challengeId}`)
          ? t(`report.challenge.${s.challengeId}`)
          : text(s.prompt),
      };
    });
    const key = JSON.stringify(items);
    if (steps.dataset.key === key) return;
    steps.dataset.key = key;
    steps.replaceChildren(
      ...items.map((it) =>
        h(
          'li',
          { class: `step step-${it.status}`, attrs: { 'data-outcome': it.status } },
          h('span', { class: 'step-symbol', attrs: { 'aria-hidden': 'true' }, text: it.symbol }),
          h('span', { class: 'step-outcome', text: it.outcome }),
          h('span', { class: 'step-prompt', text: it.prompt }),
        ),
      ),
    );
  }

  return { el, render };
}
