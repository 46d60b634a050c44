// Rolling latency and throughput figures for the diagnostics line and window.__callSentinelStats:
// capture → result shown, per frame. Pure: the caller passes the clock readings.

export const LATENCY_SAMPLES = 120;
export const FPS_WINDOW_MS = 5000;

export interface LatencySummary {
  /** Frames whose result was shown. */
  shown: number;
  dropped: number;
  lastMs: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  /** Results shown per second over the last FPS_WINDOW_MS. */
  fps: number;
  /** Median engine time per frame, ms (as the engine reports it). */
  engineMedianMs: number | null;
}

export class LatencyTracker {
  private readonly latencies: number[] = [];
  private readonly engineTimes: number[] = [];
  private readonly shownAt: number[] = [];
  private shown = 0;
  private dropped = 0;

  constructor(private readonly capacity = LATENCY_SAMPLES) {}

  /** A frame captured at `captureMs` had its result shown at `shownMs` (same clock). */
  recordShown(captureMs: number, shownMs: number, engineMs?: number): void {
    push(this.latencies, Math.max(0, shownMs - captureMs), this.capacity);
    if (engineMs !== undefined && Number.isFinite(engineMs)) push(this.engineTimes, engineMs, this.capacity);
    this.shownAt.push(shownMs);
    while (this.shownAt.length > 0 && (this.shownAt[0] as number) < shownMs - FPS_WINDOW_MS)
      this.shownAt.shift();
    this.shown++;
  }

  recordDropped(): void {
    this.dropped++;
  }

  reset(): void {
    this.latencies.length = 0;
    this.engineTimes.length = 0;
    this.shownAt.length = 0;
    this.shown = 0;
    this.dropped = 0;
  }

  summary(nowMs: number): LatencySummary {
    const recent = this.shownAt.filter((t) => t >= nowMs - FPS_WINDOW_MS);
    let fps = 0;
    if (recent.length >= 2) {
      const span = Math.max(nowMs, recent[recent.length - 1] as number) - (recent[0] as number);
      fps = span > 0 ? (recent.length - 1) / (span / 1000) : 0;
    }
    return {
      shown: this.shown,
      dropped: this.dropped,
      lastMs: this.latencies.length ? (this.latencies[this.latencies.length - 1] as number) : null,
      medianMs: quantile(this.latencies, 0.5),
      p95Ms: quantile(this.latencies, 0.95),
      fps,
      engineMedianMs: quantile(this.engineTimes, 0.5),
    };
  }
}

function push(list: number[], value: number, capacity: number): void {
  list.push(value);
  if (list.length > capacity) list.shift();
}

/** Nearest-rank quantile (q in 0..1) of the values; null when there are none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}
