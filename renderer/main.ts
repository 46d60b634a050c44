// The window: builds the views, connects to the engine (preload bridge or local WebSocket), turns
// engine events and operator input into state events, renders, and measures latency.

import type { Lang } from '../engine/core/messages.ts';
import type {
  ExportedFile,
  LiveChallengeState,
  LocalText,
  ReportFormat,
  SessionStarted,
  SessionStopped,
  SourceKind,
} from '../engine/live/protocol.ts';
import { AlertSignals } from './alert-sound.ts';
import { FaceRegionTracker } from './capture/face-region.ts';
import { FramePump } from './capture/frame-pump.ts';
import { openSource, type OpenedSource } from './capture/sources.ts';
import {
  BridgeEngineClient,
  connectEngine,
  EngineRequestError,
  type EngineClient,
  type EngineEvent,
} from './engine-client/index.ts';
import { createI18n, pickInitialLang } from './i18n.ts';
import { alertVisible, initialState, reduce, type AppEvent, type AppState } from './state/app-state.ts';
import { LatencyTracker } from './state/latency.ts';
import { createAlertPanel } from './views/alert-panel.ts';
import { createCallView } from './views/call-view.ts';
import { createChallengePrompter } from './views/challenge-prompter.ts';
import type { Actions, ViewContext } from './views/context.ts';
import { formatClock, h, setText } from './views/dom.ts';
import { createHelp } from './views/help.ts';
import { createSessionControls } from './views/session-controls.ts';
import { createSettingsBar } from './views/settings-bar.ts';
import { createSignalGauges } from './views/signal-gauges.ts';
import { createTimelineChart } from './views/timeline-chart.ts';
import { createVerdictBanner } from './views/verdict-banner.ts';

const LANG_STORAGE_KEY = 'callsentinel.lang';
const PROFILE_STORAGE_KEY = 'callsentinel.profile';
/** Where web mode serves MediaPipe's wasm and the face detector model (the desktop app serves the same paths). */
const MEDIAPIPE_WASM_URL = new URL('mediapipe/wasm', document.baseURI).href;
const FACE_DETECTOR_MODEL_URL = new URL('models/face_detection_short_range.tflite', document.baseURI).href;

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage may be off (private window): the choice lasts for this page only.
  }
}

const savedProfile = readStorage(PROFILE_STORAGE_KEY);
const i18n = createI18n(
  pickInitialLang(readStorage(LANG_STORAGE_KEY), navigator.languages ?? [navigator.language]),
);
let state: AppState = initialState({
  lang: i18n.lang,
  profile:
    savedProfile === 'bank' || savedProfile === 'police' || savedProfile === 'personal'
      ? savedProfile
      : 'personal',
});
let notice: LocalText | null = null;
let chosenFile: File | null = null;
let source: OpenedSource | null = null;
let sessionStartMs = 0;
const latency = new LatencyTracker();
const signals = new AlertSignals();
const client: EngineClient | null = connectEngine(window);

function dispatch(event: AppEvent): void {
  const next = reduce(state, event);
  if (next === state) return;
  state = next;
  scheduleRender();
}

// ---- actions --------------------------------------------------------------------------------

function showError(error: unknown, fallbackKey = 'app.error.generic'): void {
  if (error instanceof EngineRequestError) {
    dispatch({ type: 'engine.error', error: { ...error.text, code: error.code } });
    return;
  }
  const detail = error instanceof Error ? error.message : String(error);
  dispatch({ type: 'engine.error', error: { key: fallbackKey, params: { detail }, code: 'E_APP' } });
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

/** A request whose refusal is shown to the operator (not thrown). */
async function request<T>(req: Parameters<EngineClient['request']>[0]): Promise<Outcome<T>> {
  if (!client) return { ok: false };
  try {
    return { ok: true, value: (await client.request(req)) as T };
  } catch (error) {
    showError(error);
    return { ok: false };
  }
}

function frameSink() {
  return new FramePump({
    video: callView.video,
    send: (header, rgba) => client?.sendFrame(header, rgba),
  });
}

let pump: FramePump | null = null;

async function startSession(): Promise<void> {
  if (!client || state.session.phase === 'running' || state.session.phase === 'starting') return;
  signals.unlock();
  notice = null;
  dispatch({ type: 'session.starting' });
  latency.reset();
  try {
    source?.stop();
    // In the desktop app, main decides what getDisplayMedia() captures: tell it the chosen source.
    if (
      client instanceof BridgeEngineClient &&
      (state.sourceKind === 'screen' || state.sourceKind === 'window')
    ) {
      if (!state.captureSourceId || !(await client.chooseCaptureSource(state.captureSourceId)))
        throw new Error(i18n.t('app.error.no-capture-source'));
    }
    if (state.sourceKind === 'file' && !chosenFile) throw new Error(i18n.t('app.error.no-file'));
    source = await openSource(state.sourceKind, callView.video, { file: chosenFile });
  } catch (error) {
    source = null;
    const detail = error instanceof Error ? error.message : String(error);
    dispatch({ type: 'session.failed', error: { key: 'app.error.source', params: { detail } } });
    showError(error, 'app.error.source');
    return;
  }
  sessionStartMs = performance.now();
  let info: SessionStarted;
  try {
    info = (await client.request({
      type: 'session.start',
      profile: state.profile,
      lang: state.lang,
      source: { kind: state.sourceKind, label: source.label.slice(0, 200) },
    })) as SessionStarted;
  } catch (error) {
    source.stop();
    source = null;
    dispatch({
      type: 'session.failed',
      error:
        error instanceof EngineRequestError
          ? error.text
          : { key: 'app.error.generic', params: { detail: String(error) } },
    });
    showError(error);
    return;
  }
  dispatch({ type: 'session.started', info });
  pump?.dispose();
  pump = frameSink();
  pump.start(sessionStartMs);
  // MediaPipe picks the face-centred crop once it has loaded; until then whole frames go.
  const thisPump = pump;
  FaceRegionTracker.create({ wasmBaseUrl: MEDIAPIPE_WASM_URL, modelUrl: FACE_DETECTOR_MODEL_URL })
    .then((tracker) => {
      if (pump === thisPump && state.session.phase === 'running') thisPump.setChooser(tracker);
      else tracker.close();
    })
    .catch((error: unknown) => {
      regionError = error instanceof Error ? error.message : String(error);
    });
}
let regionError: string | null = null;

async function stopSession(): Promise<void> {
  if (!client || state.session.phase !== 'running') return;
  dispatch({ type: 'session.stopping' });
  pump?.stop();
  let summary: SessionStopped | null = null;
  try {
    summary = (await client.request({ type: 'session.stop' })) as SessionStopped;
  } catch (error) {
    showError(error);
  }
  dispatch({ type: 'session.stopped', summary });
  source?.stop();
  source = null;
  pump?.dispose();
  pump = null;
}

/** Engine errors after which no session runs any more (electron/main restarts or gives up on the engine). */
const SESSION_ENDING_CODES = new Set(['E_ENGINE_RESTARTING', 'E_ENGINE_GAVE_UP', 'E_ENGINE_UNAVAILABLE']);

function endSessionLocally(): void {
  pump?.dispose();
  pump = null;
  source?.stop();
  source = null;
  dispatch({ type: 'session.stopped', summary: null });
}

async function mark(): Promise<void> {
  if (state.session.phase !== 'running') return;
  const tSec = state.mediaTimeSec;
  if (!(await request({ type: 'session.mark' })).ok) return;
  dispatch({ type: 'operator', entry: { kind: 'mark', tSec, text: '' } });
  notice = { key: 'app.session.marked', params: { time: formatClock(tSec) } };
  scheduleRender();
}

async function addNote(text: string): Promise<void> {
  if (state.session.phase !== 'running') return;
  const tSec = state.mediaTimeSec;
  if (!(await request({ type: 'session.note', text })).ok) return;
  dispatch({ type: 'operator', entry: { kind: 'note', tSec, text } });
  notice = { key: 'app.session.noted', params: { time: formatClock(tSec) } };
  scheduleRender();
}

async function challenge(type: 'challenge.start' | 'challenge.next' | 'challenge.abort'): Promise<void> {
  if (state.session.phase !== 'running') return;
  const result = await request<LiveChallengeState>({ type });
  if (result.ok) dispatch({ type: 'challenge.state', challenge: result.value });
}

function download(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = h('a', { attrs: { href: url, download: file.fileName } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function exportFile(
  req: { type: 'report.export'; format: ReportFormat; lang: Lang } | { type: 'log.export' },
): Promise<void> {
  notice = { key: 'app.session.exporting' };
  scheduleRender();
  const outcome = await request<ExportedFile>(req);
  if (!outcome.ok) {
    notice = null;
    scheduleRender();
    return;
  }
  const file = outcome.value;
  download(file);
  dispatch({ type: 'exported', file });
  notice = { key: 'app.session.exported', params: { file: file.fileName } };
  scheduleRender();
}

/** Desktop app: the screens and windows main offers (web mode: the browser's own picker asks). */
async function refreshCaptureSources(): Promise<void> {
  if (!(client instanceof BridgeEngineClient)) return;
  try {
    const sources = await client.listCaptureSources();
    dispatch({ type: 'capture.sources', sources: sources.map(({ id, name, kind }) => ({ id, name, kind })) });
  } catch (error) {
    showError(error, 'app.error.source');
  }
}

function setLang(lang: Lang): void {
  writeStorage(LANG_STORAGE_KEY, lang);
  i18n.setLang(lang);
  dispatch({ type: 'settings.lang', lang });
}

const actions: Actions = {
  startSession: () => void startSession(),
  stopSession: () => void stopSession(),
  mark: () => void mark(),
  addNote: (text) => void addNote(text),
  focusNote: () => controls.noteInput.focus(),
  challengeStart: () => void challenge('challenge.start'),
  challengeNext: () => void challenge('challenge.next'),
  challengeAbort: () => void challenge('challenge.abort'),
  exportReport: (format) => void exportFile({ type: 'report.export', format, lang: state.lang }),
  exportLog: () => void exportFile({ type: 'log.export' }),
  dismissAlert: () => dispatch({ type: 'alert.dismiss' }),
  dismissError: () => dispatch({ type: 'engine.error.dismiss' }),
  setLang,
  setProfile: (profile) => {
    writeStorage(PROFILE_STORAGE_KEY, profile);
    dispatch({ type: 'settings.profile', profile });
  },
  setSource: (kind: SourceKind) => {
    dispatch({ type: 'settings.source', kind, label: kind === 'file' ? (chosenFile?.name ?? '') : '' });
    if (kind === 'screen' || kind === 'window') void refreshCaptureSources();
  },
  chooseCaptureSource: (id) => dispatch({ type: 'capture.choose', id }),
  chooseFile: (file) => {
    chosenFile = file;
    dispatch({ type: 'settings.source', kind: 'file', label: file?.name ?? '' });
  },
};

// ---- views ----------------------------------------------------------------------------------

const ctx: ViewContext = { i18n, actions };
const settings = createSettingsBar(ctx);
const help = createHelp(ctx);
const alertPanel = createAlertPanel(ctx);
const callView = createCallView(ctx);
const controls = createSessionControls(ctx);
const banner = createVerdictBanner(ctx);
const challengeView = createChallengePrompter(ctx);
const gauges = createSignalGauges(ctx);
const timeline = createTimelineChart(ctx);
const errorText = h('p', { class: 'error-text' });
const errorClose = h('button', {
  class: 'btn btn-small',
  attrs: { type: 'button', 'data-action': 'error-dismiss' },
});
errorClose.addEventListener('click', () => actions.dismissError());
const errorBar = h('div', { class: 'error-bar', attrs: { role: 'alert' } }, errorText, errorClose);
errorBar.hidden = true;
const diagnostics = h('p', { class: 'diagnostics', attrs: { 'data-testid': 'diagnostics' } });
const skip = h('a', { class: 'skip-link', attrs: { href: '#controls' } });

const root = document.getElementById('app') ?? document.body;
root.replaceChildren(
  skip,
  settings.el,
  help.el,
  errorBar,
  alertPanel.el,
  h(
    'main',
    { class: 'layout' },
    h('div', { class: 'column-call' }, callView.el, controls.el),
    h('div', { class: 'column-side' }, banner.el, challengeView.el, timeline.el, gauges.el),
  ),
  h('footer', { class: 'app-footer' }, diagnostics),
);

settings.helpButton.addEventListener('click', () => toggleHelp());
callView.video.addEventListener('ended', () => {
  if (state.session.phase !== 'running' || state.sourceKind !== 'file') return;
  notice = { key: 'app.call.file-ended' };
  scheduleRender();
});
function toggleHelp(open = help.el.hidden): void {
  help.el.hidden = !open;
  settings.helpButton.setAttribute('aria-expanded', String(open));
}

function statusText(s: AppState): string {
  const { t } = i18n;
  if (!client) return t('app.connection.missing');
  if (s.connection === 'connecting') return t('app.connection.connecting');
  if (s.connection === 'closed') return t('app.connection.closed');
  switch (s.session.phase) {
    case 'running':
      return t('app.status.running', { time: formatClock((performance.now() - sessionStartMs) / 1000) });
    case 'stopped':
      return t('app.status.stopped', { frames: s.session.summary?.framesAnalyzed ?? s.results });
    default:
      return t(`app.status.${s.session.phase}`);
  }
}

function diagnosticsText(): string {
  const { t } = i18n;
  const sum = latency.summary(performance.now());
  const transport = t(`app.transport.${client?.transport ?? 'websocket'}`);
  if (sum.medianMs === null) return t('app.diag.none', { transport });
  return t('app.diag.line', {
    median: Math.round(sum.medianMs),
    p95: Math.round(sum.p95Ms ?? 0),
    fps: sum.fps.toFixed(1),
    engine: Math.round(sum.engineMedianMs ?? 0),
    dropped: sum.dropped,
    region: t(`app.diag.region.${pump?.stats.region ?? 'frame'}`),
    transport,
  });
}

function publishStats(): void {
  const sum = latency.summary(performance.now());
  (window as unknown as { __callSentinelStats: unknown }).__callSentinelStats = {
    ...sum,
    transport: client?.transport ?? null,
    phase: state.session.phase,
    sessionId: state.session.info?.sessionId ?? null,
    results: state.results,
    faces: state.faces.length,
    verdict: state.verdict?.verdict ?? null,
    score: state.verdict?.score ?? null,
    thresholds: state.session.info?.thresholds ?? null,
    alerts: state.alert?.count ?? 0,
    sounds: signals.played,
    notifications: signals.notified,
    pump: pump ? { ...pump.stats } : null,
    regionError,
  };
}

let renderQueued = false;
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  queueMicrotask(() => {
    renderQueued = false;
    render();
  });
}

function render(): void {
  const { t } = i18n;
  document.documentElement.lang = state.lang;
  document.title = t('app.doc-title');
  document.body.dataset.verdict = state.verdict?.verdict ?? 'idle';
  document.body.dataset.phase = state.session.phase;
  document.body.dataset.alert = String(alertVisible(state));
  setText(skip, t('app.skip-to-controls'));
  settings.render(state, statusText(state));
  help.render();
  alertPanel.render(state);
  callView.render(state);
  controls.render(state, notice ? i18n.text(notice) : '');
  banner.render(state);
  challengeView.render(state);
  gauges.render(state);
  timeline.render(state);
  errorBar.hidden = state.engineError === null;
  if (state.engineError) setText(errorText, i18n.text(state.engineError));
  setText(errorClose, t('app.error.dismiss'));
  setText(diagnostics, diagnosticsText());
  publishStats();
}

// ---- engine events --------------------------------------------------------------------------

function onEngineEvent(event: EngineEvent): void {
  switch (event.type) {
    case 'frame.result': {
      pump?.settle(event.seq);
      dispatch({ type: 'frame.result', result: event });
      render();
      renderQueued = false;
      const shown = () => {
        latency.recordShown(event.captureTimeMs, performance.now(), event.engineMs);
        publishStats();
      };
      // "Shown" = the frame after the DOM was updated is painted; a hidden page paints nothing.
      if (document.visibilityState === 'visible') requestAnimationFrame(shown);
      else shown();
      break;
    }
    case 'context.result':
      pump?.settle(event.seq);
      dispatch({ type: 'context.result', faces: event.faces });
      break;
    case 'frame.dropped':
      pump?.settle(event.seq);
      latency.recordDropped();
      dispatch({ type: 'frame.dropped', seq: event.seq, reason: event.reason });
      break;
    case 'alert': {
      const wasVisible = alertVisible(state);
      dispatch({ type: 'alert', alert: event });
      if (!alertVisible(state)) break;
      signals.playChime(event.verdict === 'likely_fake');
      signals.notifyIfHidden(i18n.t(`alert.title.${event.verdict}`), i18n.t('app.notify-open'));
      if (!wasVisible) scheduleRender();
      break;
    }
    case 'engine.error':
      dispatch({ type: 'engine.error', error: event.error });
      // The engine process stopped: its session is over (the log is kept up to that moment).
      if (SESSION_ENDING_CODES.has(event.error.code) && state.session.phase === 'running')
        endSessionLocally();
      break;
  }
}

// ---- keyboard -------------------------------------------------------------------------------

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

document.addEventListener('keydown', (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === 'Escape') {
    if (typingIn(ev.target)) {
      (ev.target as HTMLElement).blur();
    } else if (!help.el.hidden) {
      toggleHelp(false);
    } else if (alertVisible(state)) {
      actions.dismissAlert();
    } else if (state.challenge?.active) {
      actions.challengeAbort();
    } else if (state.engineError) {
      actions.dismissError();
    }
    return;
  }
  if (typingIn(ev.target)) return;
  switch (ev.key.toLowerCase()) {
    case 's':
      signals.unlock();
      if (state.session.phase === 'running') actions.stopSession();
      else actions.startSession();
      break;
    case 'm':
      actions.mark();
      break;
    case 'n':
      ev.preventDefault();
      actions.focusNote();
      break;
    case 'c':
      if (state.challenge?.active) actions.challengeNext();
      else actions.challengeStart();
      break;
    case 'l':
      setLang(state.lang === 'en' ? 'zh-CN' : 'en');
      break;
    case '?':
      toggleHelp();
      break;
    default:
      return;
  }
  ev.preventDefault();
});

// ---- start ----------------------------------------------------------------------------------

if (client) {
  client.onStatus((status) => {
    dispatch({ type: 'connection', status });
    if (status === 'closed' && state.session.phase === 'running') endSessionLocally();
  });
  client.onEvent(onEngineEvent);
  void refreshCaptureSources();
} else {
  dispatch({ type: 'connection', status: 'closed' });
}
i18n.onChange(() => scheduleRender());
setInterval(() => {
  setText(diagnostics, diagnosticsText());
  if (state.session.phase === 'running') settings.render(state, statusText(state));
  publishStats();
}, 1000);
render();
