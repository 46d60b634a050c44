// The window's whole state and the one pure function that advances it: (state, event) → state.
// No DOM, no engine calls: views render a state, main.ts turns engine messages and user input
// into events. Tests drive it directly (test/unit/renderer/app-state.test.ts).

import type { Lang } from '../../engine/core/messages.ts';
import type {
  AlertEvent,
  ExportedFile,
  FrameResult,
  LiveChallengeState,
  LiveFace,
  LiveSignalState,
  LiveVerdict,
  LocalText,
  ProfileId,
  RectPx,
  SessionStarted,
  SessionStopped,
  SourceKind,
  VerdictName,
} from '../../engine/live/protocol.ts';

/** How much history the timeline chart keeps, in media seconds. */
export const TIMELINE_WINDOW_SEC = 60;
/** At most one timeline point per this many media seconds (a 30 fps feed would give 1800 points a minute). */
export const TIMELINE_STEP_SEC = 0.2;

export type SessionPhase = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface TimelinePoint {
  tSec: number;
  score: number | null;
  verdict: VerdictName;
}

export interface OperatorEntry {
  kind: 'mark' | 'note';
  tSec: number;
  text: string;
}

export interface CaptureSourceChoice {
  id: string;
  name: string;
  kind: 'screen' | 'window';
}

export interface AlertState {
  event: AlertEvent;
  /** Alerts received this session (a repeat re-opens a dismissed panel). */
  count: number;
  dismissed: boolean;
}

export interface AppState {
  lang: Lang;
  profile: ProfileId;
  sourceKind: SourceKind;
  sourceLabel: string;
  /** Desktop app: the screens and windows it offers, and the one chosen (web mode: the browser asks). */
  captureSources: CaptureSourceChoice[];
  captureSourceId: string | null;
  connection: 'connecting' | 'open' | 'closed';
  session: {
    phase: SessionPhase;
    info: SessionStarted | null;
    summary: SessionStopped | null;
    error: LocalText | null;
  };
  /** Media time of the latest result, seconds since the session started. */
  mediaTimeSec: number;
  verdict: LiveVerdict | null;
  faces: LiveFace[];
  /** Faces the engine found in the latest context frame (the whole picture, small), source pixels. */
  contextFaces: RectPx[];
  signals: Record<string, LiveSignalState>;
  timeline: TimelinePoint[];
  challenge: LiveChallengeState | null;
  alert: AlertState | null;
  operator: OperatorEntry[];
  drops: { count: number; last: LocalText | null };
  engineError: (LocalText & { code: string }) | null;
  exports: Array<Pick<ExportedFile, 'fileName' | 'path' | 'mimeType'>>;
  /** Results applied this session. */
  results: number;
}

export type AppEvent =
  | { type: 'settings.lang'; lang: Lang }
  | { type: 'settings.profile'; profile: ProfileId }
  | { type: 'settings.source'; kind: SourceKind; label?: string }
  | { type: 'capture.sources'; sources: CaptureSourceChoice[] }
  | { type: 'capture.choose'; id: string }
  | { type: 'connection'; status: AppState['connection'] }
  | { type: 'session.starting' }
  | { type: 'session.started'; info: SessionStarted }
  | { type: 'session.failed'; error: LocalText }
  | { type: 'session.stopping' }
  | { type: 'session.stopped'; summary: SessionStopped | null }
  | { type: 'frame.result'; result: FrameResult }
  | { type: 'frame.dropped'; seq: number; reason: LocalText }
  | { type: 'context.result'; faces: RectPx[] }
  | { type: 'alert'; alert: AlertEvent }
  | { type: 'alert.dismiss' }
  | { type: 'challenge.state'; challenge: LiveChallengeState | null }
  | { type: 'operator'; entry: OperatorEntry }
  | { type: 'engine.error'; error: LocalText & { code: string } }
  | { type: 'engine.error.dismiss' }
  | { type: 'exported'; file: ExportedFile };

export function initialState(
  opts: { lang?: Lang; profile?: ProfileId; sourceKind?: SourceKind } = {},
): AppState {
  return {
    lang: opts.lang ?? 'en',
    profile: opts.profile ?? 'personal',
    sourceKind: opts.sourceKind ?? 'camera',
    sourceLabel: '',
    captureSources: [],
    captureSourceId: null,
    connection: 'connecting',
    session: { phase: 'idle', info: null, summary: null, error: null },
    mediaTimeSec: 0,
    verdict: null,
    faces: [],
    contextFaces: [],
    signals: {},
    timeline: [],
    challenge: null,
    alert: null,
    operator: [],
    drops: { count: 0, last: null },
    engineError: null,
    exports: [],
    results: 0,
  };
}

export function isSessionLive(state: AppState): boolean {
  return (
    state.session.phase === 'running' ||
    state.session.phase === 'starting' ||
    state.session.phase === 'stopping'
  );
}

export function reduce(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'settings.lang':
      return state.lang === event.lang ? state : { ...state, lang: event.lang };
    case 'settings.profile':
      // The profile sets the thresholds and next steps of a session: it is fixed while one runs.
      if (isSessionLive(state) || state.profile === event.profile) return state;
      return { ...state, profile: event.profile };
    case 'settings.source':
      if (isSessionLive(state)) return state;
      return {
        ...state,
        sourceKind: event.kind,
        sourceLabel: event.label ?? '',
        captureSourceId:
          state.captureSources.find((c) => c.id === state.captureSourceId && c.kind === event.kind)?.id ??
          state.captureSources.find((c) => c.kind === event.kind)?.id ??
          null,
      };
    case 'capture.sources': {
      // Keep the chosen source while it is still offered; else the first of the chosen kind.
      const kept = event.sources.find((c) => c.id === state.captureSourceId);
      const first = event.sources.find((c) => c.kind === state.sourceKind) ?? null;
      return { ...state, captureSources: event.sources, captureSourceId: kept?.id ?? first?.id ?? null };
    }
    case 'capture.choose':
      if (isSessionLive(state) || !state.captureSources.some((c) => c.id === event.id)) return state;
      return { ...state, captureSourceId: event.id };
    case 'connection':
      return { ...state, connection: event.status };
    case 'session.starting':
      if (isSessionLive(state)) return state;
      return {
        ...initialState({ lang: state.lang, profile: state.profile, sourceKind: state.sourceKind }),
        sourceLabel: state.sourceLabel,
        captureSources: state.captureSources,
        captureSourceId: state.captureSourceId,
        connection: state.connection,
        session: { phase: 'starting', info: null, summary: null, error: null },
      };
    case 'session.started':
      return { ...state, session: { ...state.session, phase: 'running', info: event.info, error: null } };
    case 'session.failed':
      return { ...state, session: { ...state.session, phase: 'failed', error: event.error } };
    case 'session.stopping':
      if (state.session.phase !== 'running') return state;
      return { ...state, session: { ...state.session, phase: 'stopping' } };
    case 'session.stopped': {
      const summary = event.summary;
      return {
        ...state,
        session: { ...state.session, phase: 'stopped', summary },
        verdict: summary ? summary.verdict : state.verdict,
        faces: [],
        contextFaces: [],
        challenge: state.challenge ? { ...state.challenge, active: false, current: null } : null,
      };
    }
    case 'frame.result':
      return applyResult(state, event.result);
    case 'context.result':
      return isSessionLive(state) ? { ...state, contextFaces: event.faces } : state;
    case 'frame.dropped':
      if (!isSessionLive(state)) return state;
      return { ...state, drops: { count: state.drops.count + 1, last: event.reason } };
    case 'alert': {
      if (!isSessionLive(state)) return state;
      const count = (state.alert?.count ?? 0) + 1;
      return { ...state, alert: { event: event.alert, count, dismissed: false } };
    }
    case 'alert.dismiss':
      return state.alert ? { ...state, alert: { ...state.alert, dismissed: true } } : state;
    case 'challenge.state':
      return { ...state, challenge: mergeChallenge(state.challenge, event.challenge) };
    case 'operator':
      return { ...state, operator: [...state.operator, event.entry] };
    case 'engine.error':
      return { ...state, engineError: event.error };
    case 'engine.error.dismiss':
      return { ...state, engineError: null };
    case 'exported': {
      const { fileName, path, mimeType } = event.file;
      return { ...state, exports: [...state.exports, { fileName, path, mimeType }] };
    }
  }
}

function applyResult(state: AppState, result: FrameResult): AppState {
  // Results still in flight when the session stopped, or from before it started, are not shown.
  if (state.session.phase !== 'running' && state.session.phase !== 'stopping') return state;
  return {
    ...state,
    mediaTimeSec: result.mediaTimeSec,
    verdict: result.verdict,
    faces: result.faces,
    signals: result.signals,
    timeline: extendTimeline(state.timeline, {
      tSec: result.mediaTimeSec,
      score: result.verdict.score,
      verdict: result.verdict.verdict,
    }),
    challenge: mergeChallenge(state.challenge, result.challenge),
    results: state.results + 1,
  };
}

/** Appends a point (at most one per TIMELINE_STEP_SEC) and drops what is older than the window. */
export function extendTimeline(timeline: readonly TimelinePoint[], point: TimelinePoint): TimelinePoint[] {
  const last = timeline[timeline.length - 1];
  let next: TimelinePoint[];
  if (last && point.tSec < last.tSec) {
    // Time went backwards (a new media clock): start over rather than draw a zigzag.
    next = [point];
  } else if (last && point.tSec - last.tSec < TIMELINE_STEP_SEC) {
    // Too close to the last point: kept only when the verdict changed (so every change stays visible).
    if (point.verdict === last.verdict) return timeline as TimelinePoint[];
    next = [...timeline, point];
  } else {
    next = [...timeline, point];
  }
  const from = point.tSec - TIMELINE_WINDOW_SEC;
  const firstKept = next.findIndex((p) => p.tSec >= from);
  return firstKept <= 0 ? next : next.slice(firstKept);
}

/**
 * A challenge's state as the window keeps it: when the engine reports no challenge after one ran,
 * the last one stays on screen, finished, so its step results remain readable.
 */
export function mergeChallenge(
  previous: LiveChallengeState | null,
  incoming: LiveChallengeState | null,
): LiveChallengeState | null {
  if (incoming) return incoming;
  if (!previous) return null;
  return previous.active ? { ...previous, active: false, current: null } : previous;
}

/** The primary face (the one the verdict is about), if the latest result has one. */
export function primaryFace(state: AppState): LiveFace | null {
  return state.faces.find((f) => f.primary) ?? null;
}

/** The alert panel shows while an alert is undismissed. */
export function alertVisible(state: AppState): boolean {
  return state.alert !== null && !state.alert.dismissed;
}
