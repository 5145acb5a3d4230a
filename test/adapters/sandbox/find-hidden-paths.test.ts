import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHiddenPaths } from '../../../src/adapters/sandbox/find-hidden-paths.ts';

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-hide-')));
  mkdirSync(join(root, 'dir/inner'), { recursive: true });
  writeFileSync(join(root, 'dir/inner/file'), 'x');
  writeFileSync(join(root, 'file'), 'x');
  symlinkSync(join(root, 'file'), join(root, 'link'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findHiddenPaths', () => {
  it('keeps existing paths with their kind, resolves links, drops missing ones and paths inside hidden dirs', async () => {
    const found = await findHiddenPaths(
      [join(root, 'dir'), join(root, 'dir/inner/file'), join(root, 'link'), join(root, 'missing')],
      ['/nonexistent-private'],
    );
    expect(found).toEqual([
      { path: join(root, 'dir'), kind: 'dir' },
      { path: join(root, 'file'), kind: 'file' },
    ]);
  });

  it('drops paths under the directories the driver replaces anyway', async () => {
    expect(await findHiddenPaths([join(root, 'file')], [root])).toEqual([]);
  });
});
