// renderReport: the call report as one self-contained HTML page, made from the evidence log
// alone (so a live session and a file scan give the same report). A pure function of the log's
// records and its verification result: no clock, no file system, no network. Inline CSS and SVG,
// pictures as data: URIs, and a Content-Security-Policy that forbids every fetch.

import { createHash } from 'node:crypto';
import type { Lang, MessageKey } from '../../core/messages.ts';
import type {
  ChallengeEvent,
  EvidenceEvent,
  Keyframe,
  OperatorEvent,
  ProblemEvent,
  ScoreSample,
  SessionEnded,
  SessionStarted,
  VerdictUpdated,
} from '../events.ts';
import type { VerifyResult } from '../verify-log.ts';
import { esc, formatMediaTime, formatScore, formatWallTime, px } from './html.ts';
import { jpegSize } from './jpeg.ts';
import { formatHtml, lookupKey, relocalize, translator, type Translate } from './localize.ts';
import { REPORT_CSS, VERDICT_COLOURS } from './styles.ts';
import { timelineSvg, type Thresholds } from './timeline.ts';

export interface ReportOptions {
  lang: Lang;
  /** The operator's name, printed in the sign-off (else the session's operator, else a blank line). */
  operator?: string;
  /** The log's verification (verifyLogText): its record count and final hash are shown. */
  verification: VerifyResult;
}

type Verdict = keyof typeof VERDICT_COLOURS;
const VERDICTS = Object.keys(VERDICT_COLOURS) as Verdict[];
const NEXT_STEPS: Record<Verdict, MessageKey[]> = {
  likely_real: ['report.next.likely_real.1', 'report.next.likely_real.2'],
  suspicious: ['report.next.suspicious.1', 'report.next.suspicious.2', 'report.next.suspicious.3'],
  likely_fake: ['report.next.likely_fake.1', 'report.next.likely_fake.2', 'report.next.likely_fake.3'],
  not_verified: ['report.next.not_verified.1', 'report.next.not_verified.2', 'report.next.not_verified.3'],
};

/** Verdict thresholds when the session's config does not give them (engine/fusion's defaults). */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({ suspicious: 0.5, fake: 0.8 });

export function renderReport(events: readonly EvidenceEvent[], opts: ReportOptions): string {
  const t = translator(opts.lang);
  const v = opts.verification;
  const started = events.find((e): e is SessionStarted => e.type === 'session-started');
  const ended = findLast(events, (e): e is SessionEnded => e.type === 'session-ended');
  const verdictEvent = findLast(events, (e): e is VerdictUpdated => e.type === 'verdict-updated');
  const sessionLang = typeof started?.lang === 'string' ? started.lang : undefined;
  const verdict: Verdict = VERDICTS.includes(verdictEvent?.verdict as Verdict)
    ? (verdictEvent!.verdict as Verdict)
    : 'not_verified';
  const sessionId = v.ok ? v.sessionId : String(started?.sessionId ?? events[0]?.sessionId ?? '');
  const keyframes = events
    .filter((e): e is Keyframe => e.type === 'keyframe')
    .sort((a, b) => (a.mediaTimeSec ?? 0) - (b.mediaTimeSec ?? 0));

  const body = [
    header(t, started, sessionId),
    integrity(t, v),
    banner(t, verdict, verdictEvent, v.ok, opts.lang, sessionLang),
    nextSteps(t, verdict),
    timeline(t, events, keyframes, findThresholds(started?.config)),
    keyframeSection(t, keyframes),
    signalTable(t, events),
    challengeTable(t, events, opts.lang, sessionLang),
    operatorTable(t, events),
    problemTable(t, events, opts.lang, sessionLang),
    record(t, v, events, started, ended, sessionId),
    signOff(t, opts.operator ?? (typeof started?.operator === 'string' ? started.operator : undefined)),
    `<footer>${esc(t('report.footer', { version: started?.appVersion ?? '?' }))}</footer>`,
  ];
  return `<!DOCTYPE html>
<html lang="${esc(opts.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('report.doc-title', { session: sessionId }))}</title>
<style>${REPORT_CSS}</style>
</head>
<body style="--accent: ${VERDICT_COLOURS[verdict]}">
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function header(t: Translate, started: SessionStarted | undefined, sessionId: string): string {
  const meta = [
    formatHtml(
      t,
      'report.field',
      { label: t('report.f.session') },
      { value: `<span class="mono">${esc(sessionId)}</span>` },
    ),
    started?.wallTime
      ? formatHtml(t, 'report.field', {
          label: t('report.f.started'),
          value: formatWallTime(started.wallTime),
        })
      : '',
  ].filter(Boolean);
  return `<header>
<h1>${esc(t('report.title'))}</h1>
<p class="intro">${esc(t('report.intro'))}</p>
<p class="meta">${meta.join(' · ')}</p>
</header>`;
}

const ICON_OK =
  '<svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="10" fill="#1e7b3a"/><path d="M5 10.5l3.2 3.2L15 7" fill="none" stroke="#fff" stroke-width="2.4"/></svg>';
const ICON_BROKEN =
  '<svg viewBox="0 0 20 20" aria-hidden="true"><path d="M10 1L19.5 18H.5z" fill="#ffd400"/><path d="M10 7v5.5M10 14.5v1.8" stroke="#3d0008" stroke-width="2.2"/></svg>';

function integrity(t: Translate, v: VerifyResult): string {
  if (v.ok)
    return `<div class="integrity ok" id="integrity">${ICON_OK}<div>${formatHtml(
      t,
      'report.integrity-ok',
      { records: v.records },
      { hash: `<span class="hash">${esc(v.finalHash)}</span>` },
    )}</div></div>`;
  const problem = t(`report.problem.${v.code}` as MessageKey);
  return `<div class="integrity broken" id="integrity" role="alert">${ICON_BROKEN}<div>${esc(
    t('report.integrity-broken', { line: v.line, problem }),
  )}</div></div>`;
}

function banner(
  t: Translate,
  verdict: Verdict,
  event: VerdictUpdated | undefined,
  logOk: boolean,
  lang: Lang,
  sessionLang: string | undefined,
): string {
  const reasons = Array.isArray(event?.reasons) ? event.reasons : [];
  const items = event
    ? reasons.map((r) => {
        const params = (r as { params?: Record<string, string | number> }).params;
        return `<li>${esc(relocalize(String(r.code), String(r.message ?? ''), lang, { sourceLang: sessionLang, params }))}</li>`;
      })
    : [`<li>${esc(t('report.no-verdict'))}</li>`];
  if (items.length === 0) items.push(`<li>${esc(t('report.no-reasons'))}</li>`);
  const score = formatScore(event?.score);
  const confidence = formatScore(event?.confidence);
  const scoreLine =
    score !== null
      ? `<p class="score">${esc(t('report.score-line', { score, confidence: confidence ?? '–' }))}</p>`
      : '';
  return `<section class="banner v-${verdict}" id="verdict">
<div class="label">${esc(t(logOk ? 'report.result' : 'report.result-untrusted'))}</div>
<div class="verdict">${esc(t(`verdict.${verdict}`))}</div>
<p class="meaning">${esc(t(`report.meaning.${verdict}`))}</p>
${scoreLine}
<h3>${esc(t('report.why'))}</h3>
<ul>${items.join('')}</ul>
</section>`;
}

function nextSteps(t: Translate, verdict: Verdict): string {
  return `<section class="next" id="next">
<h2>${esc(t('report.next'))}</h2>
<ol>${NEXT_STEPS[verdict].map((k) => `<li>${esc(t(k))}</li>`).join('')}</ol>
</section>`;
}

function timeline(
  t: Translate,
  events: readonly EvidenceEvent[],
  keyframes: readonly Keyframe[],
  thresholds: Thresholds,
): string {
  const points = events
    .filter((e): e is ScoreSample => e.type === 'score' && isNum(e.mediaTimeSec))
    .map((e) => ({ tSec: e.mediaTimeSec!, score: isNum(e.score) ? e.score : null }));
  const heading = `<h2>${esc(t('report.timeline'))}</h2>`;
  if (!points.some((p) => p.score !== null))
    return `<section id="timeline">${heading}<p>${esc(t('report.timeline-empty'))}</p></section>`;
  const marks = events
    .filter((e): e is OperatorEvent => e.type === 'operator-mark' && isNum(e.mediaTimeSec))
    .map((e) => e.mediaTimeSec!);
  const kf = keyframes.flatMap((k, i) => (isNum(k.mediaTimeSec) ? [{ n: i + 1, tSec: k.mediaTimeSec }] : []));
  const svg = timelineSvg({
    points,
    thresholds,
    keyframes: kf,
    marks,
    labels: {
      axisTime: t('report.axis-time'),
      axisScore: t('report.axis-score'),
      bandReal: t('verdict.likely_real'),
      bandSuspicious: t('verdict.suspicious'),
      bandFake: t('verdict.likely_fake'),
    },
  });
  const captions = [t('report.timeline-caption')];
  if (kf.length > 0) captions.push(t('report.timeline-keyframes'));
  if (marks.length > 0) captions.push(t('report.timeline-marks'));
  return `<section id="timeline">${heading}
${svg}
<p class="caption">${captions.map(esc).join('<br>')}</p>
</section>`;
}

function keyframeSection(t: Translate, keyframes: readonly Keyframe[]): string {
  const heading = `<h2>${esc(t('report.keyframes'))}</h2>`;
  if (keyframes.length === 0)
    return `<section id="keyframes">${heading}<p>${esc(t('report.no-keyframes'))}</p></section>`;
  const figures = keyframes.map((k, i) => {
    const b64 =
      typeof k.jpegBase64 === 'string' && /^[A-Za-z0-9+/]+=*$/.test(k.jpegBase64) ? k.jpegBase64 : '';
    const bytes = Buffer.from(b64, 'base64');
    const size = jpegSize(bytes);
    const uri = `data:image/jpeg;base64,${b64}`;
    let picture: string;
    if (size) {
      const box = k.boxPx;
      const stroke = Math.max(2, Math.round(Math.max(size.width, size.height) / 150));
      const rect =
        box && [box.x, box.y, box.width, box.height].every(isNum)
          ? `<rect class="face-box" x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" stroke-width="${stroke}"/>`
          : '';
      picture = `<svg viewBox="0 0 ${size.width} ${size.height}"><image href="${uri}" width="${size.width}" height="${size.height}"/>${rect}</svg>`;
    } else {
      picture = b64 ? `<img src="${uri}" alt="">` : '';
    }
    const hashOk = createHash('sha256').update(bytes).digest('hex') === k.jpegSha256;
    const whyKey = lookupKey(String(k.why ?? ''), ['', 'keyframe.']);
    const why = whyKey ? t(whyKey) : String(k.why ?? '');
    const time = isNum(k.mediaTimeSec) ? formatMediaTime(k.mediaTimeSec) : '–';
    const notes = hashOk ? '' : `<br><span class="bad">${esc(t('report.keyframe-hash-mismatch'))}</span>`;
    return `<figure>${picture}<figcaption>${esc(t('report.keyframe-caption', { n: i + 1, time, why }))}${notes}</figcaption></figure>`;
  });
  const boxNote = keyframes.some((k) => k.boxPx)
    ? `<p class="caption">${esc(t('report.keyframe-box'))}</p>`
    : '';
  return `<section id="keyframes">${heading}<div class="keyframes">${figures.join('\n')}</div>${boxNote}</section>`;
}

function signalTable(t: Translate, events: readonly EvidenceEvent[]): string {
  const last = new Map<
    string,
    { score: number | null; confidence: number | null; status: string; tSec: number | null }
  >();
  for (const e of events) {
    if (e.type !== 'score' || typeof e.signals !== 'object' || e.signals === null) continue;
    for (const [id, s] of Object.entries(e.signals)) {
      if (typeof s !== 'object' || s === null) continue;
      last.set(id, {
        score: isNum(s.score) ? s.score : null,
        confidence: isNum(s.confidence) ? s.confidence : null,
        status: String(s.status ?? ''),
        tSec: isNum(e.mediaTimeSec) ? e.mediaTimeSec : null,
      });
    }
  }
  const heading = `<h2>${esc(t('report.signals'))}</h2>`;
  if (last.size === 0)
    return `<section id="signals">${heading}<p>${esc(t('report.no-signals'))}</p></section>`;
  const rows = [...last.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, s]) => {
      const nameKey = lookupKey(id, ['report.signal.', 'app.signal.']);
      const statusKey = lookupKey(s.status, ['report.status.']);
      return `<tr><td>${esc(nameKey ? t(nameKey) : id)}<br><span class="mono caption">${esc(id)}</span></td><td class="num">${esc(formatScore(s.score) ?? '–')}</td><td class="num">${esc(formatScore(s.confidence) ?? '–')}</td><td class="status-${esc(s.status)}">${esc(statusKey ? t(statusKey) : s.status)}</td><td class="num">${s.tSec === null ? '–' : formatMediaTime(s.tSec)}</td></tr>`;
    });
  return `<section id="signals">${heading}<table>
<thead><tr><th>${esc(t('report.col.signal'))}</th><th>${esc(t('report.col.score'))}</th><th>${esc(t('report.col.confidence'))}</th><th>${esc(t('report.col.status'))}</th><th>${esc(t('report.col.last-result'))}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function challengeTable(
  t: Translate,
  events: readonly EvidenceEvent[],
  lang: Lang,
  sessionLang: string | undefined,
): string {
  const rows = events
    .filter((e): e is ChallengeEvent => e.type === 'challenge-issued' || e.type === 'challenge-result')
    .map((e) => {
      const id = String(e.challengeId ?? '');
      const nameKey = lookupKey(id, ['challenge.', 'report.challenge.']);
      const kind = t(e.type === 'challenge-issued' ? 'report.challenge-issued' : 'report.challenge-result');
      return `<tr><td class="num">${timeCell(e)}</td><td>${esc(nameKey ? t(nameKey) : id)}</td><td>${esc(kind)}</td><td>${esc(describeDetail(t, e.detail, lang, sessionLang))}</td></tr>`;
    });
  if (rows.length === 0) return '';
  return `<section id="challenges"><h2>${esc(t('report.challenges'))}</h2><table>
<thead><tr><th>${esc(t('report.col.time'))}</th><th>${esc(t('report.col.challenge'))}</th><th>${esc(t('report.col.event'))}</th><th>${esc(t('report.col.detail'))}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

/** A challenge's detail in words where it has a known shape; otherwise compact JSON. */
function describeDetail(t: Translate, detail: unknown, lang: Lang, sessionLang: string | undefined): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.passed === 'boolean')
    parts.push(t(d.passed ? 'report.challenge-passed' : 'report.challenge-failed'));
  if (typeof d.code === 'string')
    parts.push(relocalize(d.code, String(d.message ?? d.code), lang, { sourceLang: sessionLang }));
  if (parts.length > 0) return parts.join(' · ');
  const json = JSON.stringify(detail);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
}

function operatorTable(t: Translate, events: readonly EvidenceEvent[]): string {
  const rows = events
    .filter((e): e is OperatorEvent => e.type === 'operator-mark' || e.type === 'operator-note')
    .map(
      (e) =>
        `<tr><td class="num">${timeCell(e)}</td><td>${esc(t(e.type === 'operator-mark' ? 'report.operator-mark' : 'report.operator-note'))}</td><td>${esc(e.text ?? '')}</td></tr>`,
    );
  if (rows.length === 0) return '';
  return `<section id="operator"><h2>${esc(t('report.operator-notes'))}</h2><table>
<thead><tr><th>${esc(t('report.col.time'))}</th><th>${esc(t('report.col.kind'))}</th><th>${esc(t('report.col.text'))}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function problemTable(
  t: Translate,
  events: readonly EvidenceEvent[],
  lang: Lang,
  sessionLang: string | undefined,
): string {
  const rows = events
    .filter((e): e is ProblemEvent => e.type === 'warning' || e.type === 'error')
    .map((e) => {
      const text = relocalize(String(e.code ?? ''), String(e.message ?? ''), lang, {
        sourceLang: sessionLang,
      });
      return `<tr><td class="num">${timeCell(e)}</td><td>${esc(t(e.type === 'warning' ? 'report.warning' : 'report.error'))}</td><td>${esc(text)} <span class="mono caption">${esc(e.code ?? '')}</span></td></tr>`;
    });
  if (rows.length === 0) return '';
  return `<section id="problems"><h2>${esc(t('report.problems'))}</h2><table>
<thead><tr><th>${esc(t('report.col.time'))}</th><th>${esc(t('report.col.kind'))}</th><th>${esc(t('report.col.text'))}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function record(
  t: Translate,
  v: VerifyResult,
  events: readonly EvidenceEvent[],
  started: SessionStarted | undefined,
  ended: SessionEnded | undefined,
  sessionId: string,
): string {
  const none = `<span class="caption">${esc(t('report.not-recorded'))}</span>`;
  const mono = (value: unknown) => (value ? `<span class="hash">${esc(value)}</span>` : none);
  const input = started?.input;
  const inputText =
    input?.kind === 'live'
      ? esc(t('report.input-live', { description: input.description ?? '' }))
      : input?.path
        ? `<span class="mono">${esc(input.path)}</span>`
        : none;
  const models = Array.isArray(started?.models)
    ? started.models
        .map((m) => `<div class="model">${esc(m.name)}<span class="hash">${esc(m.sha256)}</span></div>`)
        .join('')
    : '';
  let first = Infinity;
  let last = -Infinity;
  for (const e of events)
    if (isNum(e.mediaTimeSec)) {
      first = Math.min(first, e.mediaTimeSec);
      last = Math.max(last, e.mediaTimeSec);
    }
  const rows: Array<[MessageKey, string]> = [
    ['report.f.input', inputText],
    ['report.f.input-sha256', mono(input?.sha256)],
    [
      'report.f.records',
      v.ok
        ? `<span class="final-hash">${v.records}</span>`
        : `<span class="bad">${esc(t('report.records-broken', { verified: v.records, line: v.line, readable: events.length }))}</span>`,
    ],
    [
      'report.f.final-hash',
      v.ok
        ? `<span class="hash final-hash" id="final-hash">${esc(v.finalHash)}</span>`
        : `<span class="bad">${esc(t('report.final-hash-none'))}</span>`,
    ],
    [
      'report.f.chain',
      v.ok
        ? esc(t('report.chain-ok'))
        : `<span class="bad">${esc(t('report.chain-broken', { line: v.line }))}</span>`,
    ],
    ['report.f.app-version', started?.appVersion ? esc(started.appVersion) : none],
    ['report.f.models', models || none],
    ['report.f.config-hash', mono(started?.configHash)],
    ['report.f.session', mono(sessionId)],
    ['report.f.started', started?.wallTime ? esc(formatWallTime(started.wallTime)) : none],
    ['report.f.ended', ended?.wallTime ? esc(formatWallTime(ended.wallTime)) : none],
    [
      'report.f.media',
      last >= first
        ? esc(
            t('report.media-range', {
              from: formatMediaTime(first),
              to: formatMediaTime(last),
              seconds: (last - first).toFixed(1),
            }),
          )
        : none,
    ],
  ];
  return `<section id="record"><h2>${esc(t('report.record'))}</h2>
<dl class="record">${rows.map(([k, value]) => `<dt>${esc(t(k))}</dt><dd>${value}</dd>`).join('\n')}</dl>
<p class="howto">${formatHtml(t, 'report.verify-howto', {}, { command: '<code>callsentinel verify-log LOG.ndjson</code>' })}</p>
</section>`;
}

function signOff(t: Translate, operator: string | undefined): string {
  const field = (key: MessageKey, value = '', wide = false) =>
    `<div class="field${wide ? ' wide' : ''}"><div class="line">${esc(value)}</div><div class="name">${esc(t(key))}</div></div>`;
  return `<section id="signoff"><h2>${esc(t('report.sign'))}</h2><div class="signoff">
${field('report.sign-name', operator ?? '')}
${field('report.sign-case')}
${field('report.sign-date')}
${field('report.sign-signature')}
</div></section>`;
}

function timeCell(e: EvidenceEvent): string {
  return isNum(e.mediaTimeSec) ? formatMediaTime(e.mediaTimeSec) : '–';
}

/**
 * The verdict thresholds the session used: the first `suspiciousScore` and `likelyFakeScore` found
 * in its config (engine/fusion's VerdictThresholds names), else the defaults.
 */
export function findThresholds(config: unknown): Thresholds {
  const found: Partial<Record<'suspiciousScore' | 'likelyFakeScore', number>> = {};
  const visit = (node: unknown, depth: number) => {
    if (depth > 6 || typeof node !== 'object' || node === null) return;
    for (const [k, value] of Object.entries(node)) {
      if ((k === 'suspiciousScore' || k === 'likelyFakeScore') && isNum(value) && found[k] === undefined)
        found[k] = value;
      else visit(value, depth + 1);
    }
  };
  visit(config, 0);
  const suspicious = found.suspiciousScore ?? DEFAULT_THRESHOLDS.suspicious;
  const fake = found.likelyFakeScore ?? DEFAULT_THRESHOLDS.fake;
  return suspicious > 0 && suspicious < fake && fake <= 1 ? { suspicious, fake } : { ...DEFAULT_THRESHOLDS };
}

function isNum(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function findLast<T extends EvidenceEvent>(
  events: readonly EvidenceEvent[],
  test: (e: EvidenceEvent) => e is T,
) {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i]!)) return events[i] as T;
  return undefined;
}
