import { describe, expect, it } from 'vitest';
import { encodeGateMemo, parseGateMemo } from '../../../src/core/publish/gate-external-id.ts';

describe('gate memo in the check run externalId', () => {
  it('round-trips, without duplicate requesters', () => {
    const id = encodeGateMemo({ tier: 'high', requesters: ['alice', 'bob', 'alice'] });
    expect(id).toBe('{"v":1,"tier":"high","requesters":["alice","bob"]}');
    expect(parseGateMemo(id)).toEqual({ tier: 'high', requesters: ['alice', 'bob'] });
  });

  it.each([
    null,
    undefined,
    '',
    'not json',
    '[]',
    '{"v":2,"tier":"low","requesters":[]}',
    '{"v":1,"tier":"extreme","requesters":[]}',
    '{"v":1,"tier":"low","requesters":[1]}',
  ])('is null for %j', (id) => {
    expect(parseGateMemo(id)).toBeNull();
  });
});
