// Session controls: start / stop, mark a moment, add a note, and the exports (report as HTML or
// PDF, the evidence log). Each button says its shortcut.

import type { AppState } from '../state/app-state.ts';
import type { ViewContext } from './context.ts';
import { h, setAttr, setDisabled, setText } from './dom.ts';

export function createSessionControls(ctx: ViewContext) {
  const startStop = h('button', {
    class: 'btn btn-primary btn-large',
    attrs: { type: 'button', 'data-action': 'start-stop' },
  });
  const mark = h('button', { class: 'btn', attrs: { type: 'button', 'data-action': 'mark' } });
  const noteInput = h('input', {
    class: 'note-input',
    id: 'note-input',
    attrs: { type: 'text', maxlength: '2000', autocomplete: 'off' },
  });
  const noteLabel = h('label', { class: 'sr-only', attrs: { for: 'note-input' } });
  const noteButton = h('button', { class: 'btn', attrs: { type: 'submit', 'data-action': 'note' } });
  const noteForm = h('form', { class: 'note-form' }, noteLabel, noteInput, noteButton);
  const exportLabel = h('span', { class: 'export-label' });
  const html = h('button', { class: 'btn', attrs: { type: 'button', 'data-action': 'export-html' } });
  const pdf = h('button', { class: 'btn', attrs: { type: 'button', 'data-action': 'export-pdf' } });
  const log = h('button', { class: 'btn', attrs: { type: 'button', 'data-action': 'export-log' } });
  const status = h('p', {
    class: 'controls-status',
    attrs: { role: 'status', 'data-testid': 'controls-status' },
  });
  const el = h(
    'section',
    { class: 'controls', id: 'controls' },
    h('div', { class: 'controls-row' }, startStop, mark, noteForm),
    h('div', { class: 'controls-row' }, exportLabel, html, pdf, log, status),
  );
  let phase: AppState['session']['phase'] = 'idle';
  startStop.addEventListener('click', () => {
    if (phase === 'running') ctx.actions.stopSession();
    else ctx.actions.startSession();
  });
  mark.addEventListener('click', () => ctx.actions.mark());
  noteForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = noteInput.value.trim();
    if (!text) return;
    ctx.actions.addNote(text);
    noteInput.value = '';
  });
  html.addEventListener('click', () => ctx.actions.exportReport('html'));
  pdf.addEventListener('click', () => ctx.actions.exportReport('pdf'));
  log.addEventListener('click', () => ctx.actions.exportLog());

  function render(state: AppState, statusText: string): void {
    const { t } = ctx.i18n;
    phase = state.session.phase;
    const running = phase === 'running';
    const busy = phase === 'starting' || phase === 'stopping';
    setText(startStop, running ? `${t('app.session.stop')} (S)` : `${t('app.session.start')} (S)`);
    setAttr(startStop, 'data-running', String(running));
    startStop.classList.toggle('btn-danger', running);
    setDisabled(startStop, busy || state.connection !== 'open');
    setText(mark, `${t('app.session.mark')} (M)`);
    setDisabled(mark, !running);
    setText(noteLabel, t('app.session.note-label'));
    setAttr(noteInput, 'placeholder', `${t('app.session.note-placeholder')} (N)`);
    setDisabled(noteInput, !running);
    setText(noteButton, t('app.session.note-add'));
    setDisabled(noteButton, !running);
    setText(exportLabel, t('app.session.exports'));
    const canExport = state.session.info !== null && !busy;
    setText(html, t('app.session.export-html'));
    setText(pdf, t('app.session.export-pdf'));
    setText(log, t('app.session.export-log'));
    for (const b of [html, pdf, log]) setDisabled(b, !canExport);
    setText(status, statusText);
  }

  return { el, noteInput, render };
}
