// Whether a system notification goes out: when the verdict turns suspicious or likely fake while
// the window is in the background (the operator is looking at the call window). Pure state machine
// fed with the engine's events; texts come from the message catalogue (engine/core/messages.ts).

import { formatMessage, isMessageKey, type Lang } from '../../engine/core/messages.ts';
import type { EngineEvent } from '../preload/bridge-types.ts';

export type AlertLevel = 0 | 1 | 2; // none | suspicious | likely_fake

export interface NotificationState {
  /** Highest alert level of the current episode (0 once the verdict is back to real or not verified). */
  episodeLevel: AlertLevel;
  /** When we last notified, and at which level (null: never). */
  lastNotifiedAtMs: number | null;
  lastNotifiedLevel: AlertLevel;
}

export const INITIAL_NOTIFICATION_STATE: NotificationState = {
  episodeLevel: 0,
  lastNotifiedAtMs: null,
  lastNotifiedLevel: 0,
};

/** A verdict that flaps back to the same alert level within this time does not notify again (escalation does). */
export const RENOTIFY_AFTER_MS = 60_000;

export interface NotificationText {
  title: string;
  body: string;
}

export interface NotificationDecision {
  state: NotificationState;
  notify: NotificationText | null;
}

export interface NotificationContext {
  /** True when the app's window is focused: its banner and sound already alert the operator. */
  windowFocused: boolean;
  nowMs: number;
  lang: Lang;
}

function levelOf(verdict: string): AlertLevel {
  return verdict === 'likely_fake' ? 2 : verdict === 'suspicious' ? 1 : 0;
}

/**
 * Feeds one engine event. The engine's `alert` event (sent when the verdict turns suspicious or
 * likely fake, with the profile's next steps) notifies when it raises the episode's level and the
 * window is in the background, unless the same or a higher level was notified less than
 * RENOTIFY_AFTER_MS ago. `frame.result` verdicts only lower the level, ending the episode, so the
 * next turn alerts again. An alert seen while the window is focused is not notified later.
 */
export function decideNotification(
  state: NotificationState,
  event: EngineEvent,
  ctx: NotificationContext,
): NotificationDecision {
  if (event.type === 'frame.result') {
    const level = levelOf(event.verdict.verdict);
    return { state: level < state.episodeLevel ? { ...state, episodeLevel: level } : state, notify: null };
  }
  if (event.type !== 'alert') return { state, notify: null };
  const level = levelOf(event.verdict);
  if (level <= state.episodeLevel) return { state, notify: null };
  const next: NotificationState = { ...state, episodeLevel: level };
  if (ctx.windowFocused) return { state: next, notify: null };
  const recent =
    state.lastNotifiedAtMs !== null &&
    state.lastNotifiedLevel >= level &&
    ctx.nowMs - state.lastNotifiedAtMs < RENOTIFY_AFTER_MS;
  if (recent) return { state: next, notify: null };
  return {
    state: { episodeLevel: level, lastNotifiedAtMs: ctx.nowMs, lastNotifiedLevel: level },
    notify: notificationText(event.verdict, event.nextSteps[0]?.key, ctx.lang),
  };
}

/** Title from the alert catalogue; body: the profile's first next step (when known) and where to look. */
export function notificationText(
  verdict: 'suspicious' | 'likely_fake',
  stepKey: string | undefined,
  lang: Lang,
): NotificationText {
  const title = formatMessage(
    verdict === 'likely_fake' ? 'alert.title.likely_fake' : 'alert.title.suspicious',
    {},
    lang,
  );
  const open = formatMessage('app.notify-open', {}, lang);
  const step = stepKey && isMessageKey(stepKey) ? formatMessage(stepKey, {}, lang) : null;
  return { title, body: step ? `${step}\n${open}` : open };
}
