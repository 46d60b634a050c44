// The keyboard help: a small panel under the header, opened with ? or the ? button.

import type { ViewContext } from './context.ts';
import { h, setText } from './dom.ts';

export const SHORTCUTS: ReadonlyArray<{ keys: string; key: string }> = [
  { keys: 'S', key: 'app.help.key.start' },
  { keys: 'M', key: 'app.help.key.mark' },
  { keys: 'N', key: 'app.help.key.note' },
  { keys: 'C', key: 'app.help.key.challenge' },
  { keys: 'Esc', key: 'app.help.key.escape' },
  { keys: 'L', key: 'app.help.key.lang' },
  { keys: '?', key: 'app.help.key.help' },
];

export function createHelp(ctx: ViewContext) {
  const heading = h('h2', { class: 'panel-heading' });
  const list = h('dl', { class: 'shortcut-list' });
  const hint = h('p', { class: 'panel-hint' });
  const el = h(
    'section',
    { class: 'help-panel', id: 'help', attrs: { role: 'dialog', 'aria-labelledby': 'help-heading' } },
    heading,
    list,
    hint,
  );
  heading.id = 'help-heading';
  el.hidden = true;

  function render(): void {
    const { t } = ctx.i18n;
    setText(heading, t('app.help.title'));
    setText(hint, t('app.help.hint'));
    const key = ctx.i18n.lang;
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    list.replaceChildren(
      ...SHORTCUTS.flatMap((s) => [h('dt', {}, h('kbd', { text: s.keys })), h('dd', { text: t(s.key) })]),
    );
  }

  return { el, render };
}
