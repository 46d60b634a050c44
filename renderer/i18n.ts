// The window's texts: every string comes from the engine's message catalogue (en, zh-CN), so the
// CLI, the report and the app say the same things. Switching the language notifies the listeners,
// which re-render. Pure (no DOM), so it is unit-tested.

import { formatText, isMessageKey, type Lang, type MessageParams } from '../engine/core/messages.ts';
import type { LocalText } from '../engine/live/protocol.ts';

export type { Lang };

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** The text of a catalogue key in the current language; an unknown key shows itself (never blank). */
  t(key: string, params?: MessageParams): string;
  /** The text of an engine LocalText. */
  text(local: LocalText): string;
  /** True when the catalogue has the key. */
  has(key: string): boolean;
  onChange(listener: (lang: Lang) => void): () => void;
}

export function createI18n(initial: Lang = 'en'): I18n {
  let lang: Lang = initial;
  const listeners = new Set<(lang: Lang) => void>();
  const t = (key: string, params: MessageParams = {}): string => formatText({ key, params }, lang);
  return {
    get lang() {
      return lang;
    },
    setLang(next: Lang) {
      if (next === lang) return;
      lang = next;
      for (const l of listeners) l(lang);
    },
    t,
    text: (local) => formatText(local, lang),
    has: (key) => isMessageKey(key),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The language to start in: a saved choice, else the browser's (zh* → zh-CN), else English. */
export function pickInitialLang(saved: string | null, browserLangs: readonly string[]): Lang {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  for (const l of browserLangs) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
