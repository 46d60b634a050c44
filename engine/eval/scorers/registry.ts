// Scorers are looked up by name, never picked by string switches: the registry refuses a
// duplicate name (instead of silently overwriting it) and an unknown one.

import { CallSentinelError } from '../../core/errors.ts';
import { messageRef } from '../../core/messages.ts';
import type { ScorerDefinition } from './types.ts';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class ScorerRegistry {
  private readonly byName = new Map<string, ScorerDefinition>();

  constructor(definitions: readonly ScorerDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(definition: ScorerDefinition): void {
    if (!KEBAB_CASE.test(definition.name))
      throw new Error(`scorer name is not kebab-case: ${definition.name}`);
    if (this.byName.has(definition.name)) throw new Error(`scorer registered twice: ${definition.name}`);
    this.byName.set(definition.name, definition);
  }

  /** The scorer `name`; an unknown name is a usage error listing the known ones. */
  get(name: string): ScorerDefinition {
    const d = this.byName.get(name);
    if (!d)
      throw new CallSentinelError('E_USAGE', {
        detail: messageRef('usage.unknown-scorer', { name, known: this.names().join(', ') || '—' }),
      });
    return d;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
