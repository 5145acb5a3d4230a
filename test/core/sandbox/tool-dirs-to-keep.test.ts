import { describe, expect, it } from 'vitest';
import { toolDirsToKeep } from '../../../src/core/sandbox/tool-dirs-to-keep.ts';

describe('toolDirsToKeep', () => {
  it.each([
    ['/tmp/ci/node_modules/.bin:/usr/local/bin:/usr/bin', ['/tmp/ci/node_modules']],
    ['/tmp/toolchain/bin:/bin', ['/tmp/toolchain/bin']],
    ['/var/tmp/go/bin/', ['/var/tmp/go/bin']],
    ['/usr/bin:/home/u/.local/bin', []],
    ['/tmp:/run', []],
    ['relative/bin:/tmp/../etc', []],
    ['/tmp/a/node_modules/.bin:/tmp/a/node_modules/.bin', ['/tmp/a/node_modules']],
  ])('PATH %s keeps %j', (path, expected) => {
    expect(toolDirsToKeep(path, [])).toEqual(expected);
  });

  it('never keeps a directory inside an explicitly hidden path', () => {
    expect(toolDirsToKeep('/tmp/runner-temp/bin:/tmp/tools/bin', [{ path: '/tmp/runner-temp', kind: 'dir' }])).toEqual([
      '/tmp/tools/bin',
    ]);
  });
});
