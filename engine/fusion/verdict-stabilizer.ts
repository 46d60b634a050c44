// Keeps a live verdict steady. The raw verdict is recomputed every second from a sliding window,
// and a noisy frame can push it across a threshold and back; an operator must not see the
// banner flicker. A new state is shown only after it has held for a while: briefly when it is a
// warning (an alert should come quickly), longer when it would calm an earlier warning.

import type { Verdict } from './verdict.ts';

export interface StabilizerConfig {
  /** A more alarming verdict must hold this long before it is shown. */
  escalateAfterSec: number;
  /** A calmer verdict (or `not_verified`) must hold this long before it replaces a warning. */
  relaxAfterSec: number;
  /** Share of the raw verdicts over the holding period that must agree. */
  dominance: number;
}

export const DEFAULT_STABILIZER_CONFIG: Readonly<StabilizerConfig> = Object.freeze({
  escalateAfterSec: 1.5,
  relaxAfterSec: 5,
  dominance: 0.8,
});

/** How alarming each verdict is; `not_verified` sits below every judged state. */
const SEVERITY: Record<Verdict, number> = { not_verified: 0, likely_real: 1, suspicious: 2, likely_fake: 3 };

export interface StableVerdict {
  verdict: Verdict;
  /** True when this update changed the shown verdict. */
  changed: boolean;
  /** Since when (media seconds) the shown verdict has been shown. */
  sinceSec: number;
}

export class VerdictStabilizer {
  private shown: Verdict = 'not_verified';
  private shownSince = 0;
  /** Raw verdicts of the recent past, oldest first. */
  private readonly history: Array<{ timeSec: number; raw: Verdict }> = [];

  constructor(private readonly config: StabilizerConfig = DEFAULT_STABILIZER_CONFIG) {}

  /**
   * A state replaces the shown one when it made up at least `dominance` of the raw verdicts over
   * its whole holding period, so single noisy frames neither trigger nor cancel a change.
   */
  update(raw: Verdict, timeSec: number): StableVerdict {
    this.history.push({ timeSec, raw });
    const horizon = Math.max(this.config.escalateAfterSec, this.config.relaxAfterSec);
    while (this.history.length > 0 && this.history[0]!.timeSec < timeSec - horizon) this.history.shift();
    if (raw !== this.shown) {
      const hold = this.holdFor(raw);
      const since = timeSec - hold;
      const window = this.history.filter((h) => h.timeSec >= since);
      const covered = this.history[0]!.timeSec <= since + 1e-9;
      const share = window.filter((h) => h.raw === raw).length / window.length;
      if (covered && share >= this.config.dominance) {
        this.shown = raw;
        this.shownSince = timeSec;
        return { verdict: raw, changed: true, sinceSec: timeSec };
      }
    }
    return { verdict: this.shown, changed: false, sinceSec: this.shownSince };
  }

  reset(): void {
    this.shown = 'not_verified';
    this.shownSince = 0;
    this.history.length = 0;
  }

  private holdFor(next: Verdict): number {
    const escalating = this.shown === 'not_verified' || SEVERITY[next] > SEVERITY[this.shown];
    return escalating ? this.config.escalateAfterSec : this.config.relaxAfterSec;
  }
}
