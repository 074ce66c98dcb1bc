/** @module Shared set-up of the designer's DOM tests: a ResizeObserver for React Flow, cleanup, patient waits. */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';

/** Call once at the top of a test file that renders the designer in happy-dom. */
export function setUpDesignerDom(): void {
  beforeAll(() => {
    // happy-dom has no ResizeObserver; React Flow only needs it to exist.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  afterEach(cleanup);
  // Loading, autosave and polling are real timers; allow for a busy machine.
  configure({ asyncUtilTimeout: 5000 });
}
