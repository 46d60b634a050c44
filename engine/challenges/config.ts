// Config resolution for the challenge library: defaults < the caller's partial config. An unknown
// key, a value of another kind than its default or a non-finite number is an error, so a typo
// fails loudly instead of silently keeping a default.

export function resolveChallengeConfig<C extends object>(
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

/** 0 at `lo`, 1 at `hi`, linear in between, clamped. */
export function ramp(value: number, lo: number, hi: number): number {
  if (hi === lo) return value >= hi ? 1 : 0;
  const u = (value - lo) / (hi - lo);
  return u <= 0 ? 0 : u >= 1 ? 1 : u;
}
