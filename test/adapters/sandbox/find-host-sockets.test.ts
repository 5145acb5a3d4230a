import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSocketFinder } from '../../../src/adapters/sandbox/find-host-sockets.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listen(path: string): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}

function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-sockets-')));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('createSocketFinder', () => {
  it('finds the listening sockets the kernel lists that lie where the sandbox would show them', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shown'));
    mkdirSync(join(dir, 'private'));
    await listen(join(dir, 'shown', 'a.sock'));
    await listen(join(dir, 'private', 'b.sock'));
    const find = createSocketFinder();
    expect(find((path) => path.startsWith(join(dir, 'shown')))).toEqual([join(dir, 'shown', 'a.sock')]);
  });

  it('resolves the directory a socket was bound through, and skips listed paths that are gone or not sockets', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    await listen(join(dir, 'link', 'c.sock'));
    writeFileSync(join(dir, 'real', 'plain-file'), 'not a socket');
    const listing = join(dir, 'unix');
    writeFileSync(
      listing,
      [
        'Num       RefCount Protocol Flags    Type St Inode Path',
        `0000000000000000: 00000002 00000000 00010000 0001 01 1 ${join(dir, 'link', 'c.sock')}`,
        `0000000000000000: 00000002 00000000 00010000 0001 01 2 ${join(dir, 'real', 'gone.sock')}`,
        `0000000000000000: 00000002 00000000 00010000 0001 01 3 ${join(dir, 'real', 'plain-file')}`,
        '',
      ].join('\n'),
    );
    const find = createSocketFinder(listing);
    expect(find(() => true)).toEqual([join(dir, 'real', 'c.sock')]);
  });

  it('finds nothing when the kernel list cannot be read', () => {
    expect(createSocketFinder('/nonexistent/proc/net/unix')(() => true)).toEqual([]);
  });
});
