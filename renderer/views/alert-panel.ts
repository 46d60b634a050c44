// The alert: when the engine says the verdict turned suspicious or likely fake, a panel that cannot
// be missed, with what to do now for the chosen profile (the engine names the steps; the texts are
// in the catalogue) and buttons for the first things to do.

import type { AppState } from '../state/app-state.ts';
import { alertVisible } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { formatClock, h, setAttr, setHidden, setListItems, setText } from './dom.ts';

export function createAlertPanel(ctx: ViewContext) {
  const title = h('h2', { class: 'alert-title', id: 'alert-title' });
  const when = h('p', { class: 'alert-when' });
  const nextHeading = h('h3', { class: 'alert-subhead' });
  const steps = h('ol', { class: 'alert-steps', attrs: { 'data-testid': 'alert-steps' } });
  const whyHeading = h('h3', { class: 'alert-subhead' });
  const reasons = h('ul', { class: 'alert-reasons' });
  const markButton = h('button', { class: 'btn', attrs: { type: 'button', 'data-action': 'alert-mark' } });
  const challengeButton = h('button', {
    class: 'btn',
    attrs: { type: 'button', 'data-action': 'alert-challenge' },
  });
  const dismissButton = h('button', {
    class: 'btn btn-quiet',
    attrs: { type: 'button', 'data-action': 'alert-dismiss' },
  });
  markButton.addEventListener('click', () => ctx.actions.mark());
  challengeButton.addEventListener('click', () => ctx.actions.challengeStart());
  dismissButton.addEventListener('click', () => ctx.actions.dismissAlert());
  const el = h(
    'section',
    {
      class: 'alert-panel',
      id: 'alert',
      attrs: { role: 'alert', 'aria-labelledby': 'alert-title', 'data-verdict': 'suspicious' },
    },
    h('div', { class: 'alert-icon', attrs: { 'aria-hidden': 'true' }, text: '⚠' }),
    h(
      'div',
      { class: 'alert-body' },
      title,
      when,
      nextHeading,
      steps,
      whyHeading,
      reasons,
      h('div', { class: 'alert-actions' }, markButton, challengeButton, dismissButton),
    ),
  );
  el.hidden = true;

  function render(state: AppState): void {
    const visible = alertVisible(state);
    setHidden(el, !visible);
    if (!visible || !state.alert) return;
    const { t, text } = ctx.i18n;
    const a = state.alert.event;
    setAttr(el, 'data-verdict', a.verdict);
    setText(title, t(`alert.title.${a.verdict}`));
    setText(
      when,
      t('app.alert.at', { time: formatClock(a.mediaTimeSec), profile: t(`app.profile.${a.profile}`) }),
    );
    setText(nextHeading, t('app.alert.next'));
    setListItems(
      steps,
      a.nextSteps.map((s) => ({ text: text(s) })),
    );
    setText(whyHeading, t('app.alert.why'));
    setListItems(
      reasons,
      a.reasons.slice(0, 3).map((r) => ({ text: text(r) })),
    );
    setText(markButton, `${t('app.session.mark')} (M)`);
    setText(challengeButton, `${t('app.alert.run-challenge')} (C)`);
    setText(dismissButton, `${t('app.alert.dismiss')} (Esc)`);
  }

  return { el, render };
}
