// Runs every registered signal over the frames of a scan, all through ONE timing and error
// wrapper: a signal that fails to start or throws later is stopped, its observations are marked
// `degraded` (and no longer count), and the scan goes on with the others. No per-signal code here.

import type { ModelStore } from '../runtime/index.ts';
import type {
  FrameBundle,
  OperatingPoint,
  SignalDefinition,
  SignalInstance,
  SignalObservation,
} from '../signals/types.ts';

export interface SignalRunResult {
  id: string;
  /** Null while the signal works; what went wrong when it failed. */
  error: string | null;
  /** The value it threw (a CallSentinelError words itself in the user's language); null while it works. */
  failure: unknown;
  /** Milliseconds spent in the signal (create, update, flush). */
  timeMs: number;
  /** Sliding-window observations, in the order update() gave them (the timeline). */
  windows: SignalObservation[];
  /** One observation per track over everything (flush; what the verdict uses). */
  tracks: SignalObservation[];
  /** The operating points of its calibration, if any. */
  operatingPoints: readonly OperatingPoint[] | null;
}

interface Run extends SignalRunResult {
  instance: SignalInstance | null;
}

/** Partial config per signal id; unknown ids are errors. */
export type SignalConfigs = Readonly<Record<string, object>>;

export class SignalRunner {
  private constructor(private readonly runs: Run[]) {}

  /** Create every signal's instance; one that fails to start is recorded as failed. */
  static async start(
    definitions: readonly SignalDefinition[],
    models: ModelStore,
    configs: SignalConfigs = {},
  ): Promise<SignalRunner> {
    const known = new Set(definitions.map((d) => d.id));
    for (const id of Object.keys(configs))
      if (!known.has(id)) throw new Error(`config for unknown signal: ${id}`);
    const runner = new SignalRunner(
      definitions.map((d) => ({
        id: d.id,
        error: null,
        failure: null,
        timeMs: 0,
        windows: [],
        tracks: [],
        operatingPoints: null,
        instance: null,
      })),
    );
    for (const [i, d] of definitions.entries()) {
      const run = runner.runs[i]!;
      await runner.guard(run, async () => {
        run.instance = await d.create({ models }, { ...d.defaultConfig, ...configs[d.id] });
        run.operatingPoints = run.instance.operatingPoints ?? null;
      });
    }
    return runner;
  }

  /** Feed one frame to every working signal; returns the milliseconds each spent on it. */
  async update(frame: FrameBundle): Promise<Record<string, number>> {
    const spent: Record<string, number> = {};
    for (const run of this.runs) {
      const instance = run.instance;
      if (!instance) continue;
      spent[run.id] = await this.guard(run, async () => {
        run.windows.push(...(await instance.update(frame)));
      });
    }
    return spent;
  }

  /** End of input: every working signal's per-track observations. */
  async flush(): Promise<void> {
    for (const run of this.runs) {
      const instance = run.instance;
      if (!instance) continue;
      await this.guard(run, async () => {
        run.tracks.push(...(await instance.flush()));
      });
    }
  }

  results(): SignalRunResult[] {
    return this.runs.map(({ instance: _instance, ...result }) => result);
  }

  async dispose(): Promise<void> {
    for (const run of this.runs) {
      const instance = run.instance;
      run.instance = null;
      await instance?.dispose().catch(() => undefined);
    }
  }

  /** The one wrapper: times `fn` into the run, and turns a throw into a failed, degraded signal. */
  private async guard(run: Run, fn: () => Promise<void>): Promise<number> {
    const t0 = performance.now();
    try {
      await fn();
    } catch (error) {
      await this.fail(run, error);
    }
    const ms = performance.now() - t0;
    run.timeMs += ms;
    return ms;
  }

  private async fail(run: Run, error: unknown): Promise<void> {
    run.error = error instanceof Error ? error.message : String(error);
    run.failure = error;
    for (const list of [run.windows, run.tracks]) {
      for (const [i, o] of list.entries())
        list[i] = { ...o, score: null, confidence: 0, status: 'degraded', reasonKey: 'reason.signal-failed' };
    }
    const instance = run.instance;
    run.instance = null;
    await instance?.dispose().catch(() => undefined);
  }
}
