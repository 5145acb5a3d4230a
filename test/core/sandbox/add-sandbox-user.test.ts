import { describe, expect, it } from 'vitest';
import { addSandboxUser, SANDBOX_USER_FIRST_ID } from '../../../src/core/sandbox/add-sandbox-user.ts';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

describe('addSandboxUser', () => {
  it('adds an account with a free id to copies of passwd and group', () => {
    const user = addSandboxUser(PASSWD, GROUP, '/home/runner');
    expect(user).toEqual({
      name: 'greenlight-sandbox',
      uid: SANDBOX_USER_FIRST_ID,
      gid: SANDBOX_USER_FIRST_ID,
      passwd: `${PASSWD}greenlight-sandbox:x:${SANDBOX_USER_FIRST_ID}:${SANDBOX_USER_FIRST_ID}:greenlight sandbox:/home/runner:/bin/sh\n`,
      group: `${GROUP}greenlight-sandbox:x:${SANDBOX_USER_FIRST_ID}:\n`,
    });
  });

  it('skips ids any account or group uses, as uid or as gid', () => {
    const first = SANDBOX_USER_FIRST_ID;
    const passwd = `${PASSWD}a:x:${first}:100::/:/bin/sh\nb:x:101:${first - 1}::/:/bin/sh`;
    const group = `${GROUP}c:x:${first - 2}:`;
    const user = addSandboxUser(passwd, group, '/root');
    expect(user.uid).toBe(first - 3);
    expect(user.gid).toBe(first - 3);
    expect(user.passwd).toContain(`b:x:101:${first - 1}::/:/bin/sh\ngreenlight-sandbox:x:${first - 3}:`);
    expect(user.group).toContain(`c:x:${first - 2}:\ngreenlight-sandbox:x:${first - 3}:\n`);
  });

  it('never takes a name the host already has', () => {
    const user = addSandboxUser(`${PASSWD}greenlight-sandbox:x:998:998::/var/lib/x:/bin/sh\n`, GROUP, '/root');
    expect(user.name).toBe(`greenlight-sandbox-${SANDBOX_USER_FIRST_ID}`);
  });
});
