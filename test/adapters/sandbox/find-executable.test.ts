import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/adapters/sandbox/find-executable.ts';

const dir = mkdtempSync(join(tmpdir(), 'greenlight-find-executable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
writeFileSync(join(dir, 'plain'), 'not executable\n', { mode: 0o644 });

describe('findExecutable', () => {
  it('finds an executable on PATH, first entry first', async () => {
    expect(await findExecutable('tool', `${dir}:/usr/bin`)).toBe(join(dir, 'tool'));
    expect(await findExecutable('sh', `${dir}:/bin:/usr/bin`)).toBe('/bin/sh');
  });

  it('honours a PATH that lacks the tool, even when a system folder has it', async () => {
    expect(await findExecutable('sh', dir)).toBeNull();
  });

  it('skips files that are not executable and relative PATH entries', async () => {
    expect(await findExecutable('plain', dir)).toBeNull();
    expect(await findExecutable('tool', 'relative/bin')).toBeNull();
  });

  it('looks in the system folders when there is no PATH at all', async () => {
    expect(await findExecutable('sh', '')).toMatch(/^\/(usr\/)?(local\/)?s?bin\/sh$/);
  });
});
