// The window's state: one pure (state, event) → state function. These tests drive it with the
// engine's own message shapes (engine/live/protocol.ts).

import { describe, expect, it } from 'vitest';
import type {
  AlertEvent,
  FrameResult,
  LiveChallengeState,
  SessionStarted,
} from '../../../engine/live/protocol.ts';
import {
  alertVisible,
  extendTimeline,
  initialState,
  mergeChallenge,
  primaryFace,
  reduce,
  TIMELINE_STEP_SEC,
  TIMELINE_WINDOW_SEC,
  type AppEvent,
  type AppState,
} from '../../../renderer/state/app-state.ts';

const started: SessionStarted = {
  sessionId: 's1',
  logPath: '/tmp/s1/evidence.ndjson',
  profile: 'bank',
  thresholds: { suspiciousScore: 0.26, likelyFakeScore: 0.6 },
  signals: [
    { id: 'face-swap', role: 'judge' },
    { id: 'pulse', role: 'advisory' },
  ],
};

function result(seq: number, tSec: number, over: Partial<FrameResult> = {}): FrameResult {
  return {
    type: 'frame.result',
    seq,
    captureTimeMs: 1000 + seq * 33,
    mediaTimeSec: tSec,
    engineMs: 40,
    faces: [
      {
        trackId: 1,
        primary: true,
        boxPx: { x: 100, y: 80, width: 200, height: 220 },
        yawDeg: 3,
        usable: true,
      },
      {
        trackId: 2,
        primary: false,
        boxPx: { x: 500, y: 400, width: 60, height: 60 },
        yawDeg: 0,
        usable: false,
      },
    ],
    signals: {
      'face-swap': {
        score: 0.1,
        confidence: 0.8,
        status: 'ok',
        reason: 'reason.face-swap-clean',
        role: 'judge',
      },
    },
    verdict: {
      verdict: 'likely_real',
      score: 0.1,
      sinceSec: 2,
      reasons: [{ key: 'reason.face-swap-clean' }],
    },
    challenge: null,
    ...over,
  };
}

const alert: AlertEvent = {
  type: 'alert',
  verdict: 'likely_fake',
  profile: 'bank',
  mediaTimeSec: 12,
  reasons: [{ key: 'reason.face-swap-artifacts' }],
  nextSteps: [{ key: 'alert.next.bank.1' }, { key: 'alert.next.bank.2' }, { key: 'alert.next.bank.3' }],
};

function run(events: AppEvent[], from: AppState = initialState()): AppState {
  return events.reduce(reduce, from);
}

const running = (): AppState =>
  run([{ type: 'session.starting' }, { type: 'session.started', info: started }]);

describe('app state: session', () => {
  it('goes idle → starting → running → stopping → stopped and keeps the final verdict', () => {
    let s = initialState();
    expect(s.session.phase).toBe('idle');
    s = reduce(s, { type: 'session.starting' });
    expect(s.session.phase).toBe('starting');
    s = reduce(s, { type: 'session.started', info: started });
    expect(s.session.phase).toBe('running');
    expect(s.session.info?.sessionId).toBe('s1');
    s = reduce(s, { type: 'frame.result', result: result(0, 0.5) });
    s = reduce(s, { type: 'session.stopping' });
    expect(s.session.phase).toBe('stopping');
    s = reduce(s, {
      type: 'session.stopped',
      summary: {
        verdict: { verdict: 'suspicious', score: 0.4, sinceSec: 9, reasons: [] },
        logPath: started.logPath,
        recordCount: 12,
        finalHash: 'ab',
        framesAnalyzed: 90,
      },
    });
    expect(s.session.phase).toBe('stopped');
    expect(s.verdict?.verdict).toBe('suspicious');
    expect(s.faces).toEqual([]);
  });

  it('a new session forgets the previous one but keeps the settings', () => {
    let s = run([
      { type: 'settings.lang', lang: 'zh-CN' },
      { type: 'settings.profile', profile: 'police' },
    ]);
    s = run(
      [
        { type: 'session.starting' },
        { type: 'session.started', info: started },
        { type: 'frame.result', result: result(0, 1) },
        { type: 'alert', alert },
        { type: 'session.stopped', summary: null },
      ],
      s,
    );
    expect(s.alert).not.toBeNull();
    s = reduce(s, { type: 'session.starting' });
    expect(s.lang).toBe('zh-CN');
    expect(s.profile).toBe('police');
    expect(s.alert).toBeNull();
    expect(s.timeline).toEqual([]);
    expect(s.results).toBe(0);
  });

  it('does not change profile or source while a session runs, but does change the language', () => {
    let s = running();
    s = reduce(s, { type: 'settings.profile', profile: 'police' });
    s = reduce(s, { type: 'settings.source', kind: 'screen' });
    s = reduce(s, { type: 'settings.lang', lang: 'zh-CN' });
    expect(s.profile).toBe('personal');
    expect(s.sourceKind).toBe('camera');
    expect(s.lang).toBe('zh-CN');
  });

  it('a failed start records the reason and allows another start', () => {
    let s = run([
      { type: 'session.starting' },
      { type: 'session.failed', error: { key: 'app.error.source', params: { detail: 'denied' } } },
    ]);
    expect(s.session.phase).toBe('failed');
    expect(s.session.error?.key).toBe('app.error.source');
    s = reduce(s, { type: 'session.starting' });
    expect(s.session.phase).toBe('starting');
  });
});

describe('app state: frame results', () => {
  it('applies faces, signals and verdict, and finds the primary face', () => {
    const s = reduce(running(), { type: 'frame.result', result: result(3, 4.2) });
    expect(s.results).toBe(1);
    expect(s.mediaTimeSec).toBe(4.2);
    expect(s.faces).toHaveLength(2);
    expect(primaryFace(s)?.trackId).toBe(1);
    expect(s.signals['face-swap']?.score).toBe(0.1);
    expect(s.verdict?.verdict).toBe('likely_real');
  });

  it('ignores results that arrive when no session runs (late results after stop, before start)', () => {
    const idle = initialState();
    expect(reduce(idle, { type: 'frame.result', result: result(0, 1) })).toBe(idle);
    const stopped = reduce(running(), { type: 'session.stopped', summary: null });
    expect(reduce(stopped, { type: 'frame.result', result: result(5, 9) }).results).toBe(0);
  });

  it('counts drops only during a session', () => {
    let s = reduce(initialState(), { type: 'frame.dropped', seq: 1, reason: { key: 'app.frame-busy' } });
    expect(s.drops.count).toBe(0);
    s = reduce(running(), { type: 'frame.dropped', seq: 1, reason: { key: 'app.frame-busy' } });
    expect(s.drops).toEqual({ count: 1, last: { key: 'app.frame-busy' } });
  });

  it("keeps the context frame's faces during a session and clears them at the stop", () => {
    const box = { x: 10, y: 20, width: 50, height: 60 };
    expect(reduce(initialState(), { type: 'context.result', faces: [box] }).contextFaces).toEqual([]);
    const s = reduce(running(), { type: 'context.result', faces: [box, box] });
    expect(s.contextFaces).toHaveLength(2);
    expect(reduce(s, { type: 'session.stopped', summary: null }).contextFaces).toEqual([]);
  });
});

describe('app state: timeline', () => {
  it('keeps at most one point per step, but every verdict change', () => {
    let tl = extendTimeline([], { tSec: 0, score: 0.1, verdict: 'likely_real' });
    tl = extendTimeline(tl, { tSec: TIMELINE_STEP_SEC / 2, score: 0.12, verdict: 'likely_real' });
    expect(tl).toHaveLength(1);
    tl = extendTimeline(tl, { tSec: TIMELINE_STEP_SEC * 0.75, score: 0.5, verdict: 'suspicious' });
    expect(tl).toHaveLength(2);
    tl = extendTimeline(tl, { tSec: TIMELINE_STEP_SEC * 2, score: 0.5, verdict: 'suspicious' });
    expect(tl).toHaveLength(3);
  });

  it('drops points older than the window', () => {
    let tl = extendTimeline([], { tSec: 0, score: 0.1, verdict: 'likely_real' });
    for (let t = 1; t <= TIMELINE_WINDOW_SEC + 10; t++)
      tl = extendTimeline(tl, { tSec: t, score: 0.1, verdict: 'likely_real' });
    expect(tl[0]!.tSec).toBe(10);
    expect(tl.at(-1)!.tSec).toBe(TIMELINE_WINDOW_SEC + 10);
    expect(tl.every((p) => p.tSec >= tl.at(-1)!.tSec - TIMELINE_WINDOW_SEC)).toBe(true);
  });

  it('starts over when media time goes backwards', () => {
    let tl = extendTimeline([], { tSec: 5, score: 0.1, verdict: 'likely_real' });
    tl = extendTimeline(tl, { tSec: 6, score: 0.1, verdict: 'likely_real' });
    tl = extendTimeline(tl, { tSec: 1, score: 0.3, verdict: 'suspicious' });
    expect(tl).toEqual([{ tSec: 1, score: 0.3, verdict: 'suspicious' }]);
  });

  it('grows from frame results', () => {
    let s = running();
    for (let i = 0; i < 10; i++) s = reduce(s, { type: 'frame.result', result: result(i, i * 0.5) });
    expect(s.timeline.map((p) => p.tSec)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
  });
});

describe('app state: challenge', () => {
  const active: LiveChallengeState = {
    active: true,
    stepIndex: 1,
    stepCount: 2,
    current: {
      challengeId: 'hand-sweep',
      prompt: { key: 'challenge.hand-sweep.prompt' },
      progress: 0.4,
      timeLeftSec: 6,
    },
    steps: [
      { challengeId: 'turn-head', prompt: { key: 'challenge.turn-head.prompt' }, outcome: 'performed' },
      { challengeId: 'hand-sweep', prompt: { key: 'challenge.hand-sweep.prompt' }, outcome: null },
    ],
  };

  it('takes the state from replies and frame results', () => {
    let s = reduce(running(), { type: 'challenge.state', challenge: active });
    expect(s.challenge?.current?.challengeId).toBe('hand-sweep');
    s = reduce(s, {
      type: 'frame.result',
      result: result(1, 1, { challenge: { ...active, current: { ...active.current!, progress: 0.9 } } }),
    });
    expect(s.challenge?.current?.progress).toBe(0.9);
  });

  it('keeps a finished challenge on screen, inactive, when the engine reports none', () => {
    const finished = mergeChallenge(active, null);
    expect(finished?.active).toBe(false);
    expect(finished?.current).toBeNull();
    expect(finished?.steps).toHaveLength(2);
    expect(mergeChallenge(finished, null)).toBe(finished);
    expect(mergeChallenge(null, null)).toBeNull();
  });
});

describe('app state: alert', () => {
  it('shows an alert, hides it when dismissed, and shows it again on the next one', () => {
    let s = reduce(running(), { type: 'alert', alert });
    expect(alertVisible(s)).toBe(true);
    expect(s.alert?.count).toBe(1);
    s = reduce(s, { type: 'alert.dismiss' });
    expect(alertVisible(s)).toBe(false);
    s = reduce(s, { type: 'alert', alert: { ...alert, verdict: 'suspicious' } });
    expect(alertVisible(s)).toBe(true);
    expect(s.alert?.count).toBe(2);
    expect(s.alert?.event.verdict).toBe('suspicious');
  });

  it('ignores alerts outside a session', () => {
    expect(alertVisible(reduce(initialState(), { type: 'alert', alert }))).toBe(false);
  });
});

describe('app state: operator entries and exports', () => {
  it('records marks, notes and exported files in order', () => {
    let s = reduce(running(), { type: 'operator', entry: { kind: 'mark', tSec: 3, text: '' } });
    s = reduce(s, { type: 'operator', entry: { kind: 'note', tSec: 4, text: 'asked for ID' } });
    s = reduce(s, {
      type: 'exported',
      file: { fileName: 'r.html', path: '/x/r.html', mimeType: 'text/html', base64: 'AAAA' },
    });
    expect(s.operator.map((o) => o.kind)).toEqual(['mark', 'note']);
    expect(s.exports).toEqual([{ fileName: 'r.html', path: '/x/r.html', mimeType: 'text/html' }]);
  });
});

describe('app state: capture sources (desktop app)', () => {
  const sources = [
    { id: 'screen:0:0', name: 'Entire screen', kind: 'screen' as const },
    { id: 'window:42:0', name: 'WeChat', kind: 'window' as const },
    { id: 'window:43:0', name: 'Zoom', kind: 'window' as const },
  ];

  it('chooses the first offered source of the chosen kind, and follows a change of kind', () => {
    let s = run([
      { type: 'settings.source', kind: 'window' },
      { type: 'capture.sources', sources },
    ]);
    expect(s.captureSourceId).toBe('window:42:0');
    s = reduce(s, { type: 'capture.choose', id: 'window:43:0' });
    expect(s.captureSourceId).toBe('window:43:0');
    s = reduce(s, { type: 'settings.source', kind: 'screen' });
    expect(s.captureSourceId).toBe('screen:0:0');
    s = reduce(s, { type: 'settings.source', kind: 'camera' });
    expect(s.captureSourceId).toBeNull();
  });

  it('keeps the chosen source across a refresh while it is offered, refuses unknown ids and changes during a session', () => {
    let s = run([
      { type: 'settings.source', kind: 'window' },
      { type: 'capture.sources', sources },
      { type: 'capture.choose', id: 'window:43:0' },
    ]);
    s = reduce(s, { type: 'capture.sources', sources: [...sources].reverse() });
    expect(s.captureSourceId).toBe('window:43:0');
    s = reduce(s, { type: 'capture.sources', sources: sources.slice(0, 2) });
    expect(s.captureSourceId).toBe('window:42:0');
    expect(reduce(s, { type: 'capture.choose', id: 'window:999:0' }).captureSourceId).toBe('window:42:0');
    s = run([{ type: 'session.starting' }, { type: 'session.started', info: started }], s);
    expect(s.captureSourceId).toBe('window:42:0');
    expect(reduce(s, { type: 'capture.choose', id: 'screen:0:0' }).captureSourceId).toBe('window:42:0');
  });
});
