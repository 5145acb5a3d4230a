import { describe, expect, it } from 'vitest';
import { toolchainDirsToKeep, toolDirsToKeep, type KeepContext } from '../../../src/core/sandbox/tool-dirs-to-keep.ts';

const system = ['/usr', '/etc', '/opt', '/var'];
const context: KeepContext = {
  home: '/home/runner',
  hide: [{ path: '/tmp/runner-temp', kind: 'dir' }],
  shown: (path) => system.some((dir) => path === dir || path.startsWith(`${dir}/`)),
};

describe('toolDirsToKeep', () => {
  it.each([
    ['/tmp/ci/node_modules/.bin:/usr/local/bin:/usr/bin', ['/tmp/ci/node_modules']],
    ['/tmp/toolchain/bin:/usr/bin', ['/tmp/toolchain/bin']],
    ['/var/tmp/go/bin/', []], // shown already: /var is a system tree (its tmp is private, but this is judged by the plan)
    ['/__t/node/24.1.0/x64/bin:/usr/bin', ['/__t/node/24.1.0/x64/bin']],
    ['/work/checkout/node_modules/node/bin', ['/work/checkout/node_modules/node/bin']],
    ['/usr/bin:/opt/hostedtoolcache/go/bin', []],
    ['/home/runner/.cargo/bin:/home/runner/.local/bin', []],
    ['/root/.pyenv/shims:/home/other/bin', []],
    ['/tmp:/run', []],
    ['relative/bin:/tmp/../etc:/', []],
    ['/tmp/runner-temp/bin:/tmp/tools/bin', ['/tmp/tools/bin']],
    ['/tmp/a/node_modules/.bin:/tmp/a/node_modules/.bin', ['/tmp/a/node_modules']],
  ])('PATH %s keeps %j', (path, expected) => {
    expect(toolDirsToKeep(path, context)).toEqual(expected);
  });
});

describe('toolDirsToKeep and the engine’s own Node', () => {
  it('keeps the whole installation of the Node the engine runs on, even in a home, and nothing else there', () => {
    const nvm = '/home/runner/.nvm/versions/node/v24.1.0';
    expect(
      toolDirsToKeep(`${nvm}/bin:/home/runner/.local/bin:/usr/bin`, { ...context, engineNode: `${nvm}/bin/node` }),
    ).toEqual([nvm]);
  });

  it('keeps nothing for a Node the system trees already show', () => {
    expect(toolDirsToKeep('/usr/bin', { ...context, engineNode: '/usr/bin/node' })).toEqual([]);
  });

  it.each([
    ['/home/runner/bin', 'the home itself', []],
    ['/home/other/bin', "another user's home", []],
    ['/root/bin', "root's home", []],
    ['/tmp/bin', 'a private root: only its bin, like any tool directory', ['/tmp/bin']],
  ])('never keeps the parent of %s for a Node there (%s)', (bin, _why, expected) => {
    expect(toolDirsToKeep(bin, { ...context, engineNode: `${bin}/node` })).toEqual(expected);
  });
});

describe('toolchainDirsToKeep', () => {
  it('keeps the directories sandbox.env variables name, even in the home, but never the home itself', () => {
    expect(
      toolchainDirsToKeep(
        ['/home/runner/.cargo', '/home/runner/go:/srv/gopath', '/home/runner', 'not-a-path', '/usr/lib'],
        context,
      ),
    ).toEqual(['/home/runner/.cargo', '/home/runner/go', '/srv/gopath']);
  });

  it('never keeps a hidden path or a private root', () => {
    expect(toolchainDirsToKeep(['/tmp/runner-temp/tools', '/tmp', '/home'], context)).toEqual([]);
  });
});
