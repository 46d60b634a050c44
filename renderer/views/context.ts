// What every view gets: the texts and the actions it may trigger (main.ts implements them).

import type { Lang } from '../../engine/core/messages.ts';
import type { ProfileId, ReportFormat, SourceKind } from '../../engine/live/protocol.ts';
import type { I18n } from '../i18n.ts';

export interface Actions {
  startSession(): void;
  stopSession(): void;
  mark(): void;
  addNote(text: string): void;
  focusNote(): void;
  challengeStart(): void;
  challengeNext(): void;
  challengeAbort(): void;
  exportReport(format: ReportFormat): void;
  exportLog(): void;
  dismissAlert(): void;
  dismissError(): void;
  setLang(lang: Lang): void;
  setProfile(profile: ProfileId): void;
  setSource(kind: SourceKind): void;
  /** Desktop app: which screen or window to capture. */
  chooseCaptureSource(id: string): void;
  chooseFile(file: File | null): void;
}

export interface ViewContext {
  i18n: I18n;
  actions: Actions;
}
