import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSystemEntries } from '../../../src/adapters/sandbox/find-system-entries.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findSystemEntries', () => {
  it('lists the system trees that exist, links as links, and /var/tmp only where /var has one', () => {
    const root = mkdtempSync(join(tmpdir(), 'greenlight-layout-'));
    dirs.push(root);
    for (const dir of ['usr/bin', 'etc', 'var/tmp', 'home/runner', 'srv'])
      mkdirSync(join(root, dir), { recursive: true });
    symlinkSync('usr/bin', join(root, 'bin'));
    expect(findSystemEntries(root)).toEqual({
      system: [
        { path: '/usr', kind: 'dir' },
        { path: '/bin', kind: 'symlink', target: 'usr/bin' },
        { path: '/etc', kind: 'dir' },
        { path: '/var', kind: 'dir' },
      ],
      privateDirs: ['/tmp', '/var/tmp', '/run'],
    });
  });

  it('leaves /var/tmp out when the host has no /var', () => {
    const root = mkdtempSync(join(tmpdir(), 'greenlight-layout-'));
    dirs.push(root);
    mkdirSync(join(root, 'usr'));
    expect(findSystemEntries(root).privateDirs).toEqual(['/tmp', '/run']);
  });

  it('finds this machine’s /usr and /etc', () => {
    const { system } = findSystemEntries();
    expect(system.map((entry) => entry.path)).toEqual(expect.arrayContaining(['/usr', '/etc']));
  });
});
