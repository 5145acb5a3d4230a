import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTools } from '../../../src/adapters/testing/probe-tools.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-probe-')));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    chmodSync(join(root, path), 0o755);
  }
  return root;
}

describe('probeTools', () => {
  it('finds programs on the PATH, installed binaries and virtualenvs per package', async () => {
    const bin = scratch({ npm: '#!/bin/sh\n', python3: '#!/bin/sh\n' });
    const root = scratch({
      'node_modules/.bin/vitest': '',
      'backend/.venv/bin/python': '#!/bin/sh\n',
      'packages/a/node_modules/.bin/jest': '',
    });
    const tools = await probeTools({ root, env: { PATH: bin }, sandboxEnv: [], dirs: ['backend', 'packages/a'] });

    expect([...tools.onPath].sort()).toEqual(['npm', 'python3']);
    expect(tools.bins).toEqual(
      new Map([
        ['', new Set(['vitest'])],
        ['packages/a', new Set(['jest'])],
      ]),
    );
    expect(tools.venvs).toEqual(new Map([['backend', '.venv/bin/python']]));
    expect(tools.unusable).toEqual(new Map());
  });

  it('a pnpm that is a corepack shim is unusable without a cache the sandbox sees, usable with one', async () => {
    const corepack = scratch({ 'corepack/shims/pnpm': '#!/bin/sh\n', 'corepack/dist/corepack.js': '' });
    const bin = scratch({});
    symlinkSync(join(corepack, 'corepack/shims/pnpm'), join(bin, 'pnpm'));
    symlinkSync(join(corepack, 'corepack/dist/corepack.js'), join(bin, 'corepack'));
    chmodSync(join(corepack, 'corepack/dist/corepack.js'), 0o755);
    const root = scratch({});

    const without = await probeTools({ root, env: { PATH: bin }, sandboxEnv: [], dirs: [] });
    expect(without.unusable.get('pnpm')).toBe(
      'is a corepack shim, and corepack cannot download pnpm in the sandbox (no network; pass COREPACK_HOME with a cached copy through sandbox.env)',
    );
    expect(without.corepack).toEqual(new Set());

    const cache = scratch({ 'v1/pnpm/9.15.0/package.json': '{}' });
    const unpassed = await probeTools({ root, env: { PATH: bin, COREPACK_HOME: cache }, sandboxEnv: [], dirs: [] });
    expect(unpassed.corepack).toEqual(new Set());
    const passed = await probeTools({
      root,
      env: { PATH: bin, COREPACK_HOME: cache },
      sandboxEnv: ['COREPACK_HOME'],
      dirs: [],
    });
    expect(passed.corepack).toEqual(new Set(['pnpm']));
    expect(passed.unusable).toEqual(new Map());
  });
});
