// The call view: the captured picture with a canvas overlay that draws the engine's face boxes
// (source pixels, mapped onto the shown picture). The primary face — the one the verdict is
// about — gets a thick box in the verdict's colour and a label; other faces a thin dashed one.

import type { AppState } from '../state/app-state.ts';
import { containFit, mapBox } from '../state/geometry.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setHidden, setText } from './dom.ts';

export const VERDICT_COLOURS: Record<string, string> = {
  likely_real: '#15803d',
  suspicious: '#f59e0b',
  likely_fake: '#b91c1c',
  not_verified: '#cbd2d9',
  idle: '#cbd2d9',
};
/** Label text on the verdict colour (≥ 4.5:1 contrast). */
const LABEL_TEXT: Record<string, string> = {
  likely_real: '#ffffff',
  suspicious: '#1f2933',
  likely_fake: '#ffffff',
  not_verified: '#1f2933',
};

export function createCallView(ctx: ViewContext) {
  const video = h('video', { class: 'call-video', attrs: { 'data-testid': 'call-video' } });
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  const overlay = h('canvas', {
    class: 'call-overlay',
    attrs: { 'data-testid': 'overlay', 'data-faces': '0' },
  });
  const placeholder = h('p', { class: 'call-placeholder' });
  const faceBadge = h('p', { class: 'call-badge', attrs: { 'aria-live': 'polite' } });
  const el = h(
    'section',
    { class: 'call-view', id: 'call', attrs: { 'aria-label': '' } },
    video,
    overlay,
    placeholder,
    faceBadge,
  );
  let last: AppState | null = null;
  new ResizeObserver(() => {
    if (last) drawOverlay(last);
  }).observe(el);

  function drawOverlay(state: AppState): void {
    const { t } = ctx.i18n;
    const rect = overlay.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const hgt = Math.max(1, Math.round(rect.height * dpr));
    if (overlay.width !== w || overlay.height !== hgt) {
      overlay.width = w;
      overlay.height = hgt;
    }
    const g = overlay.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, rect.width, rect.height);
    const fit = containFit(video.videoWidth, video.videoHeight, rect.width, rect.height);
    const colour = VERDICT_COLOURS[state.verdict?.verdict ?? 'not_verified'] ?? '#9aa5b1';
    // Other faces first, so the primary face's box is drawn on top.
    const faces = [...state.faces].sort((a, b) => Number(a.primary) - Number(b.primary));
    for (const face of faces) {
      const b = mapBox(face.boxPx, fit);
      g.save();
      if (face.primary) {
        g.lineWidth = 4;
        g.strokeStyle = colour;
        g.setLineDash([]);
      } else {
        g.lineWidth = 2;
        g.strokeStyle = '#e4e7eb';
        g.setLineDash([6, 4]);
      }
      g.strokeRect(b.x, b.y, b.width, b.height);
      const label = face.primary
        ? `${t('app.call.primary-face')} · ${t(`verdict.${state.verdict?.verdict ?? 'not_verified'}`)}`
        : t('app.call.other-face');
      g.font = `${face.primary ? 600 : 400} 14px system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
      const tw = g.measureText(label).width + 12;
      const ly = b.y - 24 >= 0 ? b.y - 24 : b.y + b.height;
      g.fillStyle = face.primary ? colour : 'rgba(31, 41, 51, 0.85)';
      g.fillRect(b.x - (face.primary ? 2 : 1), ly, tw, 24);
      g.fillStyle = face.primary
        ? (LABEL_TEXT[state.verdict?.verdict ?? 'not_verified'] ?? '#1f2933')
        : '#ffffff';
      g.fillText(label, b.x + 5, ly + 17);
      g.restore();
    }
    const primary = state.faces.find((f) => f.primary);
    setAttr(overlay, 'data-faces', String(state.faces.length));
    setAttr(
      overlay,
      'data-primary-box',
      primary
        ? [primary.boxPx.x, primary.boxPx.y, primary.boxPx.width, primary.boxPx.height]
            .map(Math.round)
            .join(',')
        : null,
    );
  }

  function render(state: AppState): void {
    last = state;
    const { t } = ctx.i18n;
    setAttr(el, 'aria-label', t('app.call.label'));
    const hasPicture =
      video.videoWidth > 0 &&
      (state.session.phase === 'running' ||
        state.session.phase === 'stopping' ||
        state.session.phase === 'starting');
    setHidden(placeholder, hasPicture);
    setText(placeholder, t(state.session.phase === 'stopped' ? 'app.call.stopped' : 'app.call.placeholder'));
    const live = state.session.phase === 'running';
    setHidden(faceBadge, !live || state.results === 0);
    setText(
      faceBadge,
      // The context frame sees the whole picture: a face outside the crop counts too.
      facesInView(state) === 0 ? t('app.call.no-face') : t('app.call.faces', { count: facesInView(state) }),
    );
    drawOverlay(state);
  }

  return { el, video, render };
}

/** Faces in the picture: the tracked ones, or more when the latest context frame saw more. */
function facesInView(state: AppState): number {
  return Math.max(state.faces.length, state.contextFaces.length);
}
