// Text for the report, always through the message catalogue. Records in a log may carry text in
// the language of the session that wrote them; wherever a record also carries a catalogue code,
// the report says it again in the reader's language.

import {
  formatMessage,
  isMessageKey,
  LANGS,
  type Lang,
  type MessageKey,
  type MessageParams,
} from '../../core/messages.ts';
import { esc } from './html.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(lang: Lang): Translate {
  return (key, params = {}) => formatMessage(key, params, lang);
}

/**
 * A message recorded as `{code, message}` (verdict reasons, warnings), in `lang`: the catalogue's
 * text for `code` when it has one. Placeholders are filled from `params` when the record kept
 * them, else read back out of the recorded message by matching it against the catalogue's
 * template in the language it was written in (the session's, else any). When nothing fits, the
 * recorded message is shown unchanged rather than a template with holes.
 */
export function relocalize(
  code: string,
  message: string,
  lang: Lang,
  opts: { sourceLang?: string; params?: MessageParams } = {},
): string {
  if (!isMessageKey(code)) return message;
  const template = formatMessage(code, {}, lang);
  const names = placeholders(template);
  if (names.length === 0) return template;
  if (opts.params && names.every((n) => n in opts.params!)) return formatMessage(code, opts.params, lang);
  const order = [...LANGS].sort((a, b) => Number(b === opts.sourceLang) - Number(a === opts.sourceLang));
  for (const source of order) {
    const params = extractParams(formatMessage(code, {}, source), message);
    if (params && names.every((n) => n in params)) return formatMessage(code, params, lang);
  }
  return message;
}

/** A catalogue key for a short code (`why` of a keyframe, a signal id, …), trying prefixes in order. */
export function lookupKey(code: string, prefixes: readonly string[]): MessageKey | null {
  for (const prefix of prefixes) {
    const key = `${prefix}${code}`;
    if (isMessageKey(key)) return key;
  }
  return null;
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function extractParams(template: string, message: string): MessageParams | null {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return '(.+?)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(message);
  if (!match) return null;
  const params: MessageParams = {};
  names.forEach((name, i) => (params[name] = match[i + 1]!));
  return params;
}

/**
 * A catalogue message as HTML: the text escaped, with the `html` params inserted as markup
 * (so a hash or a command can sit in its own element inside a translated sentence).
 */
export function formatHtml(
  t: Translate,
  key: MessageKey,
  text: MessageParams = {},
  html: Record<string, string> = {},
): string {
  const names = Object.keys(html);
  const sentinels = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`]));
  return esc(t(key, { ...text, ...sentinels })).replace(
    /\uE000(\d+)\uE001/g,
    (_, i: string) => html[names[+i]!]!,
  );
}
