import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handOverWorkspace } from '../../../src/adapters/sandbox/hand-over-workspace.ts';

const isRoot = process.geteuid?.() === 0;
const USER = { uid: 64_999, gid: 64_998 };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function owner(path: string): string {
  const info = lstatSync(path);
  return `${info.uid}:${info.gid}`;
}

// Changing owners needs root; the bwrap driver hands the workspace over only when the engine is root.
describe.runIf(isRoot)('handOverWorkspace (as root)', () => {
  function fixture() {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-handover-')));
    dirs.push(root);
    const outside = join(root, 'outside.txt');
    writeFileSync(outside, 'not the workspace\n');
    const ws = join(root, 'ws');
    mkdirSync(join(ws, '.git'), { recursive: true });
    writeFileSync(join(ws, '.git', 'config'), '[core]\n');
    mkdirSync(join(ws, 'src'));
    writeFileSync(join(ws, 'src', 'a.js'), 'a');
    writeFileSync(join(ws, 'tool'), '#!/bin/sh\n');
    chownSync(join(ws, 'tool'), 1234, 1234);
    chmodSync(join(ws, 'tool'), 0o4755);
    symlinkSync(outside, join(ws, 'link'));
    chmodSync(ws, 0o755);
    return { ws, outside };
  }

  it('gives every entry but .git to the sandbox user, keeps the top directory its owner and lets the group in', () => {
    const { ws, outside } = fixture();
    handOverWorkspace(ws, USER, [join(ws, '.git')]);
    for (const path of ['src', 'src/a.js', 'tool', 'link']) expect(owner(join(ws, path)), path).toBe('64999:64998');
    expect(owner(join(ws, '.git'))).toBe('0:0');
    expect(owner(join(ws, '.git', 'config'))).toBe('0:0');
    expect(owner(ws)).toBe('0:64998');
    expect(lstatSync(ws).mode & 0o777).toBe(0o775);
    // The symlink changed owner, never what it points to.
    expect(owner(outside)).toBe('0:0');
  });

  it('hands over what the engine wrote between runs, and gives everything back at the end, as it was', () => {
    const { ws, outside } = fixture();
    const handover = handOverWorkspace(ws, USER, [join(ws, '.git')]);
    writeFileSync(join(ws, 'src', 'b.js'), 'written by the engine as root');
    handover.prepare();
    expect(owner(join(ws, 'src', 'b.js'))).toBe('64999:64998');

    // Deeper: a new directory tree, and a directory removed and made again, between two runs.
    mkdirSync(join(ws, 'gen', 'a', 'b'), { recursive: true });
    writeFileSync(join(ws, 'gen', 'a', 'b', 'c.js'), 'c');
    rmSync(join(ws, 'src'), { recursive: true });
    mkdirSync(join(ws, 'src'));
    writeFileSync(join(ws, 'src', 'd.js'), 'd');
    handover.prepare();
    for (const path of ['gen', 'gen/a', 'gen/a/b', 'gen/a/b/c.js', 'src', 'src/d.js']) {
      expect(owner(join(ws, path)), path).toBe('64999:64998');
    }
    expect(owner(join(ws, '.git', 'config'))).toBe('0:0');

    handover.restore();
    expect(owner(ws)).toBe('0:0');
    expect(lstatSync(ws).mode & 0o7777).toBe(0o755);
    for (const path of ['src', 'src/d.js', 'gen/a/b/c.js', 'link']) expect(owner(join(ws, path)), path).toBe('0:0');
    expect(owner(join(ws, 'tool'))).toBe('1234:1234');
    expect(lstatSync(join(ws, 'tool')).mode & 0o7777).toBe(0o4755);
    expect(owner(outside)).toBe('0:0');
  });

  it('never hands over a file with more than one link: its other names may be outside the workspace', () => {
    const { ws, outside } = fixture();
    // A package manager's store links its files into node_modules (pnpm); npm links a package's own binaries.
    linkSync(outside, join(ws, 'src', 'from-store.js'));
    writeFileSync(join(ws, 'bin-a'), 'binary');
    linkSync(join(ws, 'bin-a'), join(ws, 'bin-b'));
    const handover = handOverWorkspace(ws, USER, [join(ws, '.git')]);
    for (const path of ['src/from-store.js', 'bin-a', 'bin-b']) expect(owner(join(ws, path)), path).toBe('0:0');
    expect(owner(outside)).toBe('0:0');
    expect(owner(join(ws, 'src', 'a.js'))).toBe('64999:64998');

    linkSync(outside, join(ws, 'src', 'linked-later.js'));
    handover.prepare();
    expect(owner(outside)).toBe('0:0');

    handover.restore();
    for (const path of ['src/from-store.js', 'bin-a', 'bin-b', 'src/a.js'])
      expect(owner(join(ws, path)), path).toBe('0:0');
  });

  it('gives back a hard-linked file as its owner had it, and never takes one the sandbox did not own', () => {
    const { ws } = fixture();
    writeFileSync(join(ws, 'theirs'), 'owned by someone else');
    chownSync(join(ws, 'theirs'), 1234, 1234);
    const handover = handOverWorkspace(ws, USER, [join(ws, '.git')]);
    // Made by the sandbox user during a run: its own file, linked twice; and a link to a file it never owned.
    writeFileSync(join(ws, 'made'), 'by a test');
    chownSync(join(ws, 'made'), USER.uid, USER.gid);
    linkSync(join(ws, 'made'), join(ws, 'made-too'));
    linkSync(join(ws, 'theirs'), join(ws, 'theirs-too'));
    handover.restore();
    expect(owner(join(ws, 'made'))).toBe('0:0');
    expect(owner(join(ws, 'theirs'))).toBe('1234:1234');
  });
});
