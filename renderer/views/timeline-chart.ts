// The rolling timeline: the fused score of the last 60 s as an SVG line over bands for each
// verdict (thresholds from the session's profile), with the operator's marks as dashed lines.

import type { AppState } from '../state/app-state.ts';
import { TIMELINE_WINDOW_SEC } from '../state/app-state.ts';
import { timelinePaths } from '../state/geometry.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setText } from './dom.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 96;
const PAD_L = 28;
const PAD_R = 6;
const PAD_T = 6;
const PAD_B = 16;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export function createTimelineChart(ctx: ViewContext) {
  const heading = h('h2', { class: 'panel-heading' });
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'timeline-svg',
    role: 'img',
    preserveAspectRatio: 'none',
  });
  const title = svg('title');
  const bands = svg('g', { class: 'bands' });
  const grid = svg('g', { class: 'grid' });
  const marks = svg('g', { class: 'marks' });
  const lines = svg('g', { class: 'lines' });
  chart.append(title, bands, grid, marks, lines);
  const empty = h('p', { class: 'panel-hint timeline-empty' });
  const legend = h('p', { class: 'panel-hint' });
  const el = h('section', { class: 'panel timeline', id: 'timeline' }, heading, chart, empty, legend);

  const box = { x: PAD_L, y: PAD_T, width: W - PAD_L - PAD_R, height: H - PAD_T - PAD_B };
  const yOf = (score: number) => box.y + (1 - score) * box.height;

  function render(state: AppState): void {
    const { t } = ctx.i18n;
    setText(heading, t('app.timeline.heading', { seconds: TIMELINE_WINDOW_SEC }));
    setText(title, t('app.timeline.aria'));
    const th = state.session.info?.thresholds ?? null;
    const key = JSON.stringify([
      state.lang,
      th,
      state.timeline.length,
      state.timeline.at(-1),
      state.operator.length,
      state.mediaTimeSec,
    ]);
    if (chart.dataset.key === key) return;
    chart.dataset.key = key;
    // The axis always ends at now: a session younger than the window starts part-way across.
    const end = state.mediaTimeSec;
    bands.replaceChildren();
    grid.replaceChildren();
    if (th) {
      const bandRects: Array<[string, number, number]> = [
        ['band-real', 0, th.suspiciousScore],
        ['band-suspicious', th.suspiciousScore, th.likelyFakeScore],
        ['band-fake', th.likelyFakeScore, 1],
      ];
      for (const [cls, from, to] of bandRects) {
        bands.append(
          svg('rect', {
            class: cls,
            x: box.x,
            width: box.width,
            y: yOf(to),
            height: Math.max(0, yOf(from) - yOf(to)),
          }),
        );
      }
      for (const [score, name] of [
        [th.suspiciousScore, t('verdict.suspicious')],
        [th.likelyFakeScore, t('verdict.likely_fake')],
      ] as const) {
        grid.append(
          svg('line', {
            class: 'threshold',
            x1: box.x,
            x2: box.x + box.width,
            y1: yOf(score),
            y2: yOf(score),
          }),
        );
        const label = svg('text', {
          class: 'threshold-label',
          x: box.x + box.width - 2,
          y: yOf(score) - 2,
          'text-anchor': 'end',
        });
        label.textContent = name;
        grid.append(label);
      }
    }
    for (const s of [0, 1]) {
      const tick = svg('text', { class: 'axis-label', x: box.x - 4, y: yOf(s) + 4, 'text-anchor': 'end' });
      tick.textContent = String(s);
      grid.append(tick);
    }
    const timeLabel = svg('text', { class: 'axis-label', x: box.x, y: H - 3 });
    timeLabel.textContent = t('app.timeline.ago', { seconds: TIMELINE_WINDOW_SEC });
    const nowLabel = svg('text', {
      class: 'axis-label',
      x: box.x + box.width,
      y: H - 3,
      'text-anchor': 'end',
    });
    nowLabel.textContent = t('app.timeline.now');
    grid.append(timeLabel, nowLabel);
    marks.replaceChildren(
      ...state.operator
        .filter((m) => m.tSec >= end - TIMELINE_WINDOW_SEC)
        .map((m) => {
          const x = box.x + ((m.tSec - (end - TIMELINE_WINDOW_SEC)) / TIMELINE_WINDOW_SEC) * box.width;
          return svg('line', {
            class: `mark mark-${m.kind}`,
            x1: x,
            x2: x,
            y1: box.y,
            y2: box.y + box.height,
          });
        }),
    );
    const paths = timelinePaths(state.timeline, end, box);
    lines.replaceChildren(...paths.map((d) => svg('polyline', { class: 'score-line', points: d })));
    const hasData = paths.length > 0;
    setAttr(chart, 'data-points', String(state.timeline.filter((p) => p.score !== null).length));
    empty.hidden = hasData;
    setText(empty, t('app.timeline.empty'));
    setText(legend, t('app.timeline.legend'));
    legend.hidden = state.operator.length === 0;
  }

  return { el, render };
}
