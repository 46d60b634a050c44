// Serves one app window: takes its (untrusted) messages and frames from whatever transport carries
// them — the web mode's WebSocket or Electron's utilityProcess port —, checks them against the
// protocol, drives a LiveSession, and sends back replies, per-frame results and alerts. Nothing a
// window sends can crash it: a bad message gets an error reply, a frame that cannot be used is
// dropped with a reason, and an internal failure is reported as `engine.error`.

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { appVersion } from '../core/app-info.ts';
import { CallSentinelError, errorText } from '../core/errors.ts';
import { resolveConfig } from '../config/index.ts';
import { EvidenceLogWriter } from '../evidence/log-writer.ts';
import { writeReport } from '../evidence/report/index.ts';
import { resolveFfmpeg } from '../media/index.ts';
import type { ModelStore } from '../runtime/index.ts';
import { LiveSession } from '../live/live-session.ts';
import {
  decodeFrameMessage,
  MAX_FRAMES_IN_FLIGHT,
  parseClientMessage,
  parseFrameHeader,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ExportedFile,
  type FrameHeader,
  type ReplyPayload,
  type ServerMessage,
} from '../live/protocol.ts';

export interface SessionHostOptions {
  models: ModelStore;
  /** Each session's folder (evidence log, exported reports) is created under `<dataDir>/sessions/`. */
  dataDir: string;
  send: (message: ServerMessage) => void;
}

export class SessionHost {
  private session: LiveSession | null = null;
  private pendingFrames = 0;
  private lastSessionDir: string | null = null;
  /** Requests and frames run one after another, so `stop` never pulls a session from under a frame. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionHostOptions) {}

  /** A JSON message from the window (text or already parsed). */
  handleMessage(raw: unknown): Promise<void> {
    return this.enqueue(() => this.onMessage(raw));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.options.send({ type: 'engine.error', error: errorText(error) });
    });
    this.queue = run;
    return run;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.options.send({
        type: 'reply',
        id: requestId(raw),
        ok: false,
        error: { code: 'E_PROTOCOL', key: 'E_PROTOCOL', params: { detail: parsed.problem } },
      });
      return;
    }
    const message = parsed.value;
    try {
      const result = await this.handle(message);
      this.options.send({ type: 'reply', id: message.id, ok: true, result });
    } catch (error) {
      this.options.send({ type: 'reply', id: message.id, ok: false, error: errorText(error) });
    }
  }

  /** A frame from the WebSocket: header and pixels in one binary message. */
  async handleFrameMessage(bytes: Uint8Array): Promise<void> {
    const decoded = decodeFrameMessage(bytes);
    if (!decoded.ok) return this.dropFrame(decoded.seq ?? -1, decoded.problem);
    await this.queueFrame(decoded.value.header, decoded.value.rgba);
  }

  /** A frame from IPC: the header object and the pixels apart. */
  async handleFrame(header: unknown, rgba: Uint8Array): Promise<void> {
    const parsed = parseFrameHeader(header, rgba.length);
    if (!parsed.ok) return this.dropFrame(seqOf(header), parsed.problem);
    await this.queueFrame(parsed.value, rgba);
  }

  private queueFrame(header: FrameHeader, rgba: Uint8Array): Promise<void> {
    // The window keeps at most MAX_FRAMES_IN_FLIGHT frames here; one more means it did not wait.
    if (this.pendingFrames >= MAX_FRAMES_IN_FLIGHT) {
      this.dropFrame(header.seq, 'busy');
      return Promise.resolve();
    }
    this.pendingFrames++;
    return this.enqueue(async () => {
      try {
        await this.processFrame(header, rgba);
      } finally {
        this.pendingFrames--;
      }
    });
  }

  /** The window went away: end the session so its log is closed properly. */
  close(): Promise<void> {
    return this.enqueue(async () => {
      const session = this.session;
      this.session = null;
      if (session) await session.stop().catch(() => undefined);
    });
  }

  private async processFrame(header: FrameHeader, rgba: Uint8Array): Promise<void> {
    const session = this.session;
    if (!session) return this.dropFrame(header.seq, 'no session');
    try {
      this.options.send(
        header.purpose === 'context'
          ? await session.processContext(header, rgba)
          : await session.processFrame(header, rgba),
      );
    } catch (error) {
      this.options.send({ type: 'engine.error', error: errorText(error) });
    }
  }

  private dropFrame(seq: number, problem: string): void {
    this.options.send({
      type: 'frame.dropped',
      seq,
      reason: { key: 'E_PROTOCOL', params: { detail: problem } },
    });
  }

  private async handle(message: ClientMessage): Promise<ReplyPayload> {
    switch (message.type) {
      case 'engine.info':
        return {
          appVersion: appVersion(),
          protocolVersion: PROTOCOL_VERSION,
          ffmpeg: safeFfmpeg(),
          models: (await this.options.models.loadedModels()).map((m) => m.name),
        };
      case 'session.start': {
        if (this.session) await this.session.stop();
        const config = await resolveConfig({ profile: message.profile, overrides: { lang: message.lang } });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const dir = path.join(this.options.dataDir, 'sessions', stamp);
        await mkdir(dir, { recursive: true });
        const writer = new EvidenceLogWriter(path.join(dir, 'evidence.ndjson'));
        this.session = await LiveSession.start({
          models: this.options.models,
          config,
          profile: message.profile,
          lang: message.lang,
          writer,
          source: message.source,
          operator: message.operator,
          onAlert: (alert) => this.options.send(alert),
        });
        this.lastSessionDir = dir;
        return {
          sessionId: this.session.sessionId,
          logPath: this.session.logPath,
          profile: message.profile,
          thresholds: {
            suspiciousScore: this.session.thresholds.suspiciousScore,
            likelyFakeScore: this.session.thresholds.likelyFakeScore,
          },
          signals: [...this.session.signalRoles].map(([id, role]) => ({ id, role })),
        };
      }
      case 'session.stop': {
        const session = this.requireSession();
        this.session = null;
        return await session.stop();
      }
      case 'session.mark':
        this.requireSession().mark(message.label);
        return null;
      case 'session.note':
        this.requireSession().note(message.text);
        return null;
      case 'challenge.start':
        return this.requireSession().challengeStart();
      case 'challenge.next':
        return this.requireSession().challengeNext();
      case 'challenge.abort':
        return this.requireSession().challengeAbort();
      case 'report.export':
        return await this.exportReport(message.format, message.lang);
      case 'log.export': {
        const logPath = this.currentLogPath();
        return await exportedFile(logPath, 'application/x-ndjson');
      }
    }
  }

  private requireSession(): LiveSession {
    if (!this.session) throw new CallSentinelError('E_LIVE_NO_SESSION');
    return this.session;
  }

  /** The running session's log, or the last one's after it stopped. */
  private currentLogPath(): string {
    if (this.session) return this.session.logPath;
    if (this.lastSessionDir) return path.join(this.lastSessionDir, 'evidence.ndjson');
    throw new CallSentinelError('E_LIVE_NO_SESSION');
  }

  private async exportReport(format: 'html' | 'pdf', lang: 'en' | 'zh-CN'): Promise<ExportedFile> {
    const logPath = this.currentLogPath();
    const dir = path.dirname(logPath);
    const htmlPath = path.join(dir, `report.${lang}.html`);
    const pdfPath = path.join(dir, `report.${lang}.pdf`);
    await writeReport(logPath, { htmlPath, lang, ...(format === 'pdf' ? { pdfPath } : {}) });
    return format === 'pdf' ? exportedFile(pdfPath, 'application/pdf') : exportedFile(htmlPath, 'text/html');
  }
}

async function exportedFile(filePath: string, mimeType: string): Promise<ExportedFile> {
  const bytes = await readFile(filePath);
  return { fileName: path.basename(filePath), path: filePath, mimeType, base64: bytes.toString('base64') };
}

function requestId(raw: unknown): number {
  let value = raw;
  if (typeof raw === 'string' && raw.length < 65536) {
    try {
      value = JSON.parse(raw);
    } catch {
      return -1;
    }
  }
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return Number.isSafeInteger(id) ? (id as number) : -1;
}

function seqOf(header: unknown): number {
  const seq = typeof header === 'object' && header !== null ? (header as { seq?: unknown }).seq : undefined;
  return Number.isSafeInteger(seq) ? (seq as number) : -1;
}

function safeFfmpeg(): string {
  try {
    const f = resolveFfmpeg();
    return `${f.source}: ${f.path}`;
  } catch {
    return 'missing';
  }
}
