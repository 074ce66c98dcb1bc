/** @module Shared Weft: one running Weft and one signed-up user for all the tests of a file. */
import { afterAll, beforeAll } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

export interface SharedWeft {
  readonly weft: TestWeft;
  readonly user: TestUser;
}

/**
 * Starts a Weft and signs a user up before the file's tests, and closes it after them.
 * Call it at the top of a test file; read `weft` and `user` inside hooks and tests only,
 * since both exist once `beforeAll` has run.
 */
export function shareWeftAndUser(options: Parameters<typeof startTestWeft>[0] = {}): SharedWeft {
  let weft: TestWeft | undefined;
  let user: TestUser | undefined;
  beforeAll(async () => {
    weft = await startTestWeft(options);
    user = await weft.signup();
  });
  afterAll(async () => { await weft?.close(); });
  return {
    get weft() {
      if (!weft) throw new Error('The shared Weft starts in beforeAll: read it inside a hook or a test.');
      return weft;
    },
    get user() {
      if (!user) throw new Error('The shared user signs up in beforeAll: read it inside a hook or a test.');
      return user;
    },
  };
}
