// Config resolution shared by signals and challenges: defaults < caller's partial config; unknown
// keys and values of the wrong kind are errors (a typo must fail loudly, not silently use a default).

/**
 * Merge `partial` over `defaults`. Throws on an unknown key, on a value of another type than its
 * default, or on a non-finite number; then runs `check` on the merged config, which returns a
 * description of what is wrong or null.
 */
export function resolvePartialConfig<C extends object>(
  what: string,
  defaults: Readonly<C>,
  partial: Partial<C> | undefined,
  check: (config: C) => string | null = () => null,
): C {
  const given = (partial ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(key in defaults)) throw new Error(`unknown ${what} config key: ${key}`);
    const value = given[key];
    const expected = typeof (defaults as Record<string, unknown>)[key];
    if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value)))
      throw new Error(
        `${what}: ${key} must be a ${expected === 'number' ? 'finite number' : expected}, got ${String(value)}`,
      );
  }
  const config = { ...defaults, ...partial } as C;
  const problem = check(config);
  if (problem) throw new Error(`${what}: ${problem}`);
  return config;
}

/** 0 at `lo`, 1 at `hi`, linear in between and clamped to 0..1 (lo > hi gives a falling ramp). */
export function ramp(value: number, lo: number, hi: number): number {
  if (lo === hi) return value >= hi ? 1 : 0;
  const u = (value - lo) / (hi - lo);
  return u <= 0 ? 0 : u >= 1 ? 1 : u;
}

export function clamp01(value: number): number {
  return value <= 0 ? 0 : value >= 1 ? 1 : value;
}
