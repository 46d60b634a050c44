// The header: app name, session status, and the settings (profile, language, capture source,
// video file). Profile and source are fixed while a session runs; the language never is.

import type { Lang } from '../../engine/core/messages.ts';
import { PROFILE_IDS, SOURCE_KINDS, type ProfileId, type SourceKind } from '../../engine/live/protocol.ts';
import type { AppState } from '../state/app-state.ts';
import { isSessionLive } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setDisabled, setHidden, setText } from './dom.ts';

const LANG_OPTIONS: Lang[] = ['zh-CN', 'en'];

function select(id: string): HTMLSelectElement {
  return h('select', { id, class: 'select' });
}

function syncOptions(
  sel: HTMLSelectElement,
  options: Array<{ value: string; label: string }>,
  value: string,
): void {
  const key = JSON.stringify(options);
  if (sel.dataset.key !== key) {
    sel.dataset.key = key;
    sel.replaceChildren(...options.map((o) => h('option', { attrs: { value: o.value }, text: o.label })));
  }
  if (sel.value !== value) sel.value = value;
}

export function createSettingsBar(ctx: ViewContext) {
  const title = h('h1', { class: 'app-title', text: 'CallSentinel' });
  const tagline = h('span', { class: 'app-tagline' });
  const status = h('span', {
    class: 'session-status',
    attrs: { 'data-testid': 'session-status', role: 'status' },
  });
  const profile = select('setting-profile');
  const lang = select('setting-lang');
  const source = select('setting-source');
  const profileLabel = h('label', { attrs: { for: 'setting-profile' } });
  const langLabel = h('label', { attrs: { for: 'setting-lang' } });
  const sourceLabel = h('label', { attrs: { for: 'setting-source' } });
  const fileInput = h('input', {
    id: 'setting-file',
    class: 'sr-only',
    attrs: { type: 'file', accept: 'video/*' },
  });
  const fileButton = h('label', {
    class: 'btn btn-small file-button',
    attrs: { for: 'setting-file', tabindex: '0', role: 'button' },
  });
  const fileName = h('span', { class: 'file-name' });
  const fileGroup = h('span', { class: 'setting file-setting' }, fileInput, fileButton, fileName);
  const capture = select('setting-capture');
  const captureLabel = h('label', { class: 'sr-only', attrs: { for: 'setting-capture' } });
  const captureGroup = h('span', { class: 'setting' }, captureLabel, capture);
  const helpButton = h('button', {
    class: 'btn btn-small help-button',
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'help', 'data-action': 'help' },
    text: '?',
  });
  const el = h(
    'header',
    { class: 'app-header' },
    h('div', { class: 'brand' }, title, tagline),
    status,
    h(
      'div',
      { class: 'settings' },
      h('span', { class: 'setting' }, profileLabel, profile),
      h('span', { class: 'setting' }, sourceLabel, source),
      fileGroup,
      captureGroup,
      h('span', { class: 'setting' }, langLabel, lang),
      helpButton,
    ),
  );
  profile.addEventListener('change', () => ctx.actions.setProfile(profile.value as ProfileId));
  lang.addEventListener('change', () => ctx.actions.setLang(lang.value as Lang));
  source.addEventListener('change', () => ctx.actions.setSource(source.value as SourceKind));
  capture.addEventListener('change', () => ctx.actions.chooseCaptureSource(capture.value));
  fileInput.addEventListener('change', () => ctx.actions.chooseFile(fileInput.files?.[0] ?? null));
  fileButton.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      fileInput.click();
    }
  });

  function render(state: AppState, statusText: string): void {
    const { t } = ctx.i18n;
    setText(tagline, t('app.tagline'));
    setText(status, statusText);
    setAttr(status, 'data-phase', state.session.phase);
    setText(profileLabel, t('app.settings.profile'));
    setText(langLabel, t('app.settings.language'));
    setText(sourceLabel, t('app.settings.source'));
    syncOptions(
      profile,
      PROFILE_IDS.map((p) => ({ value: p, label: t(`app.profile.${p}`) })),
      state.profile,
    );
    syncOptions(
      lang,
      LANG_OPTIONS.map((l) => ({ value: l, label: t(`app.lang.${l}`) })),
      state.lang,
    );
    syncOptions(
      source,
      SOURCE_KINDS.map((k) => ({ value: k, label: t(`app.source.${k}`) })),
      state.sourceKind,
    );
    const locked = isSessionLive(state);
    setDisabled(profile, locked);
    setDisabled(source, locked);
    setDisabled(fileInput, locked);
    const lockedHint = locked ? t('app.settings.locked') : null;
    setAttr(profile, 'title', lockedHint);
    setAttr(source, 'title', lockedHint);
    setHidden(fileGroup, state.sourceKind !== 'file');
    const offered = state.captureSources.filter((c) => c.kind === state.sourceKind);
    setHidden(captureGroup, offered.length === 0);
    setText(captureLabel, t(`app.source.${state.sourceKind}`));
    syncOptions(
      capture,
      offered.map((c) => ({ value: c.id, label: c.name })),
      state.captureSourceId ?? '',
    );
    setDisabled(capture, locked);
    setText(fileButton, t('app.source.choose-file'));
    setText(
      fileName,
      state.sourceKind === 'file' && state.sourceLabel ? state.sourceLabel : t('app.source.no-file'),
    );
    setText(helpButton, '?');
    setAttr(helpButton, 'aria-label', t('app.help.title'));
    setAttr(helpButton, 'title', t('app.help.title'));
  }

  return { el, helpButton, render };
}
