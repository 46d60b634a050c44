// When a system notification goes out (electron/main/notifications.ts).

import { describe, expect, it } from 'vitest';
import {
  decideNotification,
  INITIAL_NOTIFICATION_STATE,
  notificationText,
  RENOTIFY_AFTER_MS,
  type NotificationState,
} from '../../../electron/main/notifications.ts';
import type { EngineEvent } from '../../../electron/preload/bridge-types.ts';
import { formatMessage } from '../../../engine/core/messages.ts';

const alert = (verdict: 'suspicious' | 'likely_fake'): EngineEvent => ({
  type: 'alert',
  verdict,
  profile: 'personal',
  mediaTimeSec: 12,
  reasons: [{ key: 'reason.face-swap-artifacts' }],
  nextSteps: [{ key: 'alert.next.personal.1' }, { key: 'alert.next.personal.2' }],
});
const frame = (verdict: 'likely_real' | 'suspicious' | 'likely_fake' | 'not_verified'): EngineEvent => ({
  type: 'frame.result',
  seq: 1,
  captureTimeMs: 0,
  mediaTimeSec: 1,
  engineMs: 10,
  faces: [],
  signals: {},
  verdict: { verdict, score: null, sinceSec: 0, reasons: [] },
  challenge: null,
});

function run(events: Array<[EngineEvent, { focused?: boolean; t?: number }]>, lang: 'en' | 'zh-CN' = 'en') {
  let state: NotificationState = INITIAL_NOTIFICATION_STATE;
  const out: Array<string | null> = [];
  for (const [event, { focused = false, t = 0 }] of events) {
    const d = decideNotification(state, event, { windowFocused: focused, nowMs: t, lang });
    state = d.state;
    out.push(d.notify ? d.notify.title : null);
  }
  return out;
}

const SUSPICIOUS = formatMessage('alert.title.suspicious');
const FAKE = formatMessage('alert.title.likely_fake');

describe('decideNotification', () => {
  it('notifies when the verdict turns suspicious while the window is in the background', () => {
    expect(
      run([
        [frame('likely_real'), {}],
        [alert('suspicious'), {}],
      ]),
    ).toEqual([null, SUSPICIOUS]);
  });

  it('does not notify while the window is focused, nor later for the same episode', () => {
    expect(
      run([
        [alert('suspicious'), { focused: true }],
        [alert('suspicious'), { t: 1_000 }],
        [frame('suspicious'), {}],
      ]),
    ).toEqual([null, null, null]);
  });

  it('notifies again when it escalates to likely fake', () => {
    expect(
      run([
        [alert('suspicious'), {}],
        [alert('likely_fake'), { t: 2_000 }],
      ]),
    ).toEqual([SUSPICIOUS, FAKE]);
  });

  it('notifies a new episode after the verdict went back to real, unless it flaps within the cool-down', () => {
    const flapping = run([
      [alert('suspicious'), { t: 0 }],
      [frame('likely_real'), { t: 5_000 }],
      [alert('suspicious'), { t: 10_000 }],
    ]);
    expect(flapping).toEqual([SUSPICIOUS, null, null]);
    const later = run([
      [alert('suspicious'), { t: 0 }],
      [frame('likely_real'), { t: 5_000 }],
      [alert('suspicious'), { t: RENOTIFY_AFTER_MS + 1 }],
    ]);
    expect(later).toEqual([SUSPICIOUS, null, SUSPICIOUS]);
  });

  it('ignores frame results, dropped frames and engine errors as triggers', () => {
    expect(
      run([
        [frame('likely_fake'), {}],
        [{ type: 'frame.dropped', seq: 1, reason: { key: 'app.frame-busy' } }, {}],
        [{ type: 'engine.error', error: { code: 'E_INTERNAL', key: 'E_INTERNAL' } }, {}],
      ]),
    ).toEqual([null, null, null]);
  });

  it('words the notification in the session language, with the profile’s first step', () => {
    const d = decideNotification(INITIAL_NOTIFICATION_STATE, alert('likely_fake'), {
      windowFocused: false,
      nowMs: 0,
      lang: 'zh-CN',
    });
    expect(d.notify).toEqual({
      title: formatMessage('alert.title.likely_fake', {}, 'zh-CN'),
      body: `${formatMessage('alert.next.personal.1', {}, 'zh-CN')}\n${formatMessage('app.notify-open', {}, 'zh-CN')}`,
    });
  });

  it('never puts an unknown key into the text', () => {
    expect(notificationText('suspicious', 'not.a.key', 'en')).toEqual({
      title: SUSPICIOUS,
      body: formatMessage('app.notify-open'),
    });
  });
});
