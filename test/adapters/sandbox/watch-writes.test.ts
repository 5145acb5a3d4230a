import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { countWritten, watchWrites } from '../../../src/adapters/sandbox/watch-writes.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-watch-')));
  dirs.push(dir);
  return dir;
}
const MB = 1024 * 1024;

describe('watchWrites', () => {
  it('stops a command that creates more files than allowed, as soon as it looks', async () => {
    const workspace = tempDir();
    let stopped = 0;
    const watch = watchWrites({
      dirs: [workspace],
      maxBytes: 100 * MB,
      maxFiles: 50,
      intervalMs: 5,
      onExceeded: () => (stopped += 1),
    });
    for (let i = 0; i < 200 && stopped === 0; i += 1) {
      writeFileSync(join(workspace, `f${i}`), 'x');
      if (i % 20 === 0) await sleep(10);
    }
    const verdict = watch.stop();
    expect(stopped).toBe(1);
    expect(verdict?.limit).toBe('files');
    expect(verdict?.count.files).toBeGreaterThanOrEqual(50);
  });

  it('stops a command that writes more bytes than allowed', async () => {
    const workspace = tempDir();
    let stopped = false;
    const watch = watchWrites({
      dirs: [workspace],
      maxBytes: 2 * MB,
      maxFiles: 1000,
      intervalMs: 5,
      onExceeded: () => (stopped = true),
    });
    mkdirSync(join(workspace, 'out'));
    writeFileSync(join(workspace, 'out', 'big.bin'), Buffer.alloc(3 * MB, 1));
    await sleep(50);
    expect(stopped).toBe(true);
    expect(watch.stop()).toEqual({ limit: 'disk', count: { bytes: 3 * MB, files: 2 } });
  });

  it('finds what went over in its last look, even when the command ended before a look', async () => {
    const workspace = tempDir();
    const watch = watchWrites({
      dirs: [workspace],
      maxBytes: MB,
      maxFiles: 1000,
      intervalMs: 60_000,
      onExceeded: () => undefined,
    });
    writeFileSync(join(workspace, 'big.bin'), Buffer.alloc(2 * MB, 1));
    expect(watch.stop()?.limit).toBe('disk');
  });

  it('says nothing about a command that stayed within its limits', async () => {
    const workspace = tempDir();
    const watch = watchWrites({
      dirs: [workspace],
      maxBytes: MB,
      maxFiles: 10,
      intervalMs: 5,
      onExceeded: () => expect.unreachable(),
    });
    writeFileSync(join(workspace, 'a.txt'), 'a');
    await sleep(20);
    expect(watch.stop()).toBeNull();
  });

  it('counts only the command: what another process writes elsewhere on the same disk does not stop it', async () => {
    const workspace = tempDir();
    const elsewhere = tempDir();
    const watch = watchWrites({
      dirs: [workspace],
      maxBytes: MB,
      maxFiles: 20,
      intervalMs: 5,
      onExceeded: () => expect.unreachable(),
    });
    writeFileSync(join(elsewhere, 'big.bin'), Buffer.alloc(3 * MB, 1));
    for (let i = 0; i < 60; i += 1) writeFileSync(join(elsewhere, `f${i}`), 'x');
    writeFileSync(join(workspace, 'own.txt'), 'mine');
    await sleep(40);
    expect(watch.stop()).toBeNull();
  });
});

describe('countWritten', () => {
  it('counts entries changed since the start and the bytes of files among them, skipping what it is told to', async () => {
    const workspace = tempDir();
    writeFileSync(join(workspace, 'old.bin'), Buffer.alloc(MB, 1));
    mkdirSync(join(workspace, '.git'));
    await sleep(30);
    const since = Date.now() - 5;
    writeFileSync(join(workspace, 'new.txt'), 'hello');
    writeFileSync(join(workspace, '.git', 'index'), Buffer.alloc(MB, 1));
    const count = countWritten([workspace], new Set([join(workspace, '.git')]), since, {
      bytes: 10 * MB,
      files: 100,
    });
    expect(count).toEqual({ bytes: 5, files: 1 });
  });

  it('cannot be fooled by a file whose modification time was set back', async () => {
    const workspace = tempDir();
    const since = Date.now() - 5;
    writeFileSync(join(workspace, 'hidden.bin'), Buffer.alloc(MB, 1));
    utimesSync(join(workspace, 'hidden.bin'), new Date('2001-01-01'), new Date('2001-01-01'));
    expect(countWritten([workspace], new Set(), since, { bytes: 10 * MB, files: 100 })).toEqual({
      bytes: MB,
      files: 1,
    });
  });
});
