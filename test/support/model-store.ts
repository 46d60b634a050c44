// One ModelStore per test file or describe block: made before its tests run, disposed after, so
// no test file repeats the beforeAll/afterAll pair (and none forgets the dispose).

import { afterAll, beforeAll } from 'vitest';
import { ModelStore, type ModelStoreOptions } from '../../engine/runtime/index.ts';

/**
 * Registers a beforeAll that makes the store and an afterAll that disposes it, in the enclosing
 * scope (file or describe block); call the returned function inside tests and hooks. Options may
 * be a function, read when the store is made: vitest runs beforeAll hooks in registration order,
 * so call this after the beforeAll that prepares what the options need (e.g. a temp dir).
 */
export function useModelStore(options?: ModelStoreOptions | (() => ModelStoreOptions)): () => ModelStore {
  let store: ModelStore | undefined;
  beforeAll(() => {
    store = new ModelStore(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await store?.dispose();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('useModelStore: the ModelStore exists only inside tests and hooks');
    return store;
  };
}
