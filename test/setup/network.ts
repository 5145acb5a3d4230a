// Tests never reach the real internet: nock refuses every connection that is not to
// loopback, and each test file must consume every interceptor it declares.
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) {
    throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
  }
});
