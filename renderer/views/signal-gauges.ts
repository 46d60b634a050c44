// One gauge per detector: its score (0 real … 1 fake) as a bar, its confidence and status, and
// whether it judges (moves the verdict) or only advises. Judging detectors come first.

import type { LiveSignalState } from '../../engine/live/protocol.ts';
import type { I18n } from '../i18n.ts';
import type { AppState } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { h, setText } from './dom.ts';

/** A detector's name in the operator's language: the report's name, else the app's, else its id. */
export function signalName(i18n: I18n, id: string): string {
  for (const key of [`report.signal.${id}`, `app.signal.${id}`]) if (i18n.has(key)) return i18n.t(key);
  return id;
}

export function createSignalGauges(ctx: ViewContext) {
  const heading = h('h2', { class: 'panel-heading' });
  const legend = h('span', { class: 'panel-legend' });
  const list = h('ul', { class: 'gauges', attrs: { 'data-testid': 'gauges' } });
  const el = h(
    'section',
    { class: 'panel signals', id: 'signals' },
    h('div', { class: 'panel-head' }, heading, legend),
    list,
  );

  function render(state: AppState): void {
    const { t } = ctx.i18n;
    setText(heading, t('report.signals'));
    setText(legend, t('app.signals.legend'));
    const roles = new Map((state.session.info?.signals ?? []).map((s) => [s.id, s.role]));
    const entries: Array<[string, LiveSignalState | null]> = Object.entries(state.signals);
    for (const id of roles.keys()) if (!(id in state.signals)) entries.push([id, null]);
    entries.sort(([a, sa], [b, sb]) => {
      const ra = sa?.role ?? roles.get(a) ?? 'advisory';
      const rb = sb?.role ?? roles.get(b) ?? 'advisory';
      return ra === rb ? a.localeCompare(b) : ra === 'judge' ? -1 : 1;
    });
    if (entries.length === 0) {
      const key = `none:${state.lang}`;
      if (list.dataset.key !== key) {
        list.dataset.key = key;
        list.replaceChildren(h('li', { class: 'gauge-empty', text: t('app.signals.none') }));
      }
      return;
    }
    const rows = entries.map(([id, s]) => ({
      id,
      name: signalName(ctx.i18n, id),
      role: s?.role ?? roles.get(id) ?? 'advisory',
      score: s?.score ?? null,
      status: s?.status ?? 'insufficient-data',
      confidence: s?.confidence ?? 0,
      // Why a failed detector failed (e.g. a model and calibration that do not match).
      error: s?.error ? ctx.i18n.text(s.error) : null,
    }));
    const key = JSON.stringify([
      state.lang,
      rows.map((r) => [r.id, r.role, r.score?.toFixed(2), r.status, r.confidence.toFixed(1), r.error]),
    ]);
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    const items: HTMLElement[] = [];
    let lastRole: string | null = null;
    for (const r of rows) {
      if (r.role !== lastRole) {
        lastRole = r.role;
        items.push(
          h('li', { class: `gauge-group gauge-group-${r.role}`, text: t(`app.signals.group.${r.role}`) }),
        );
      }
      const pct = r.score === null ? 0 : Math.round(Math.min(1, Math.max(0, r.score)) * 100);
      const level = r.score === null ? 'none' : r.score >= 0.5 ? 'high' : r.score >= 0.25 ? 'mid' : 'low';
      const fill = h('div', { class: `gauge-fill gauge-${level}` });
      fill.style.width = `${pct}%`;
      const value = r.score === null ? t(`report.status.${r.status}`) : r.score.toFixed(2);
      // A failure's cause is not repeated here: it has its own visible line (read once by screen readers).
      const detail =
        r.score === null
          ? t(`report.status.${r.status}`)
          : `${t('app.signals.confidence', { confidence: r.confidence.toFixed(1) })} · ${t(`report.status.${r.status}`)}`;
      items.push(
        h(
          'li',
          {
            class: `gauge gauge-role-${r.role}`,
            attrs: { 'data-signal': r.id, 'data-role': r.role, title: detail },
          },
          h('span', { class: 'gauge-name', text: r.name }),
          h(
            'span',
            {
              class: 'gauge-bar',
              attrs: {
                role: 'meter',
                'aria-valuemin': '0',
                'aria-valuemax': '100',
                'aria-valuenow': String(pct),
                'aria-label': `${r.name} (${t(`app.signals.${r.role}`)}): ${detail}`,
              },
            },
            fill,
          ),
          h('span', { class: `gauge-value${r.score === null ? ' gauge-value-none' : ''}`, text: value }),
          ...(r.error ? [h('span', { class: 'gauge-error', attrs: { role: 'note' }, text: r.error })] : []),
        ),
      );
    }
    list.replaceChildren(...items);
  }

  return { el, render };
}
