// Signals are looked up by id, never chosen by string matching elsewhere. The registry refuses
// a duplicate id and an unknown one, so a typo fails loudly instead of silently doing nothing.

import type { SignalDefinition } from './types.ts';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class SignalRegistry {
  private readonly byId = new Map<string, SignalDefinition>();

  constructor(definitions: readonly SignalDefinition[] = []) {
    for (const d of definitions) this.register(d);
  }

  register(definition: SignalDefinition): void {
    if (!KEBAB_CASE.test(definition.id)) throw new Error(`signal id is not kebab-case: ${definition.id}`);
    if (this.byId.has(definition.id)) throw new Error(`signal registered twice: ${definition.id}`);
    this.byId.set(definition.id, definition);
  }

  get(id: string): SignalDefinition {
    const d = this.byId.get(id);
    if (!d) throw new Error(`unknown signal: ${id} (known: ${[...this.byId.keys()].join(', ') || 'none'})`);
    return d;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  all(): SignalDefinition[] {
    return [...this.byId.values()];
  }
}
