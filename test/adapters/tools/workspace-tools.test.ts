import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceTools } from '../../../src/adapters/tools/workspace-tools.ts';
import type { RepoTools, ToolOutcome } from '../../../src/ports/repo-tools.ts';

const DENY = ['.github/workflows/**', '.github/actions/**', '.git/**', '**/.env', '**/.env.*'];
let root: string;
let outside: string;
let tools: RepoTools;

async function write(path: string, content: string | Buffer): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), content);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'greenlight-tools-'));
  outside = await mkdtemp(join(tmpdir(), 'greenlight-outside-'));
  await writeFile(join(outside, 'secret.txt'), 'outside secret\n');
  execFileSync('git', ['init', '-q'], { cwd: root });
  await write('src/add.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
  await write('src/dup.ts', 'x = 1\ny = 2\nx = 1\n');
  await write('src/crlf.txt', 'one\r\ntwo\r\n');
  await write('README.md', '# demo\n');
  await write('.env', 'API_TOKEN=do-not-read\n');
  await write('.github/workflows/ci.yml', 'on: push\n');
  await write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  await write('big.txt', Array.from({ length: 3000 }, (_, i) => `line ${i + 1} ${'x'.repeat(30)}`).join('\n'));
  await write('.gitignore', 'ignored/\n*.conf*\n!keep.conf\nbuild/\n');
  await write('ignored/build.js', 'add(1, 2)\n');
  await symlink(join(outside, 'secret.txt'), join(root, 'escape-file'));
  await symlink(outside, join(root, 'escape-dir'));
  await symlink('.github/workflows/ci.yml', join(root, 'workflow-link'));
  await symlink('.git', join(root, 'git-link'));
  await symlink('src/add.ts', join(root, 'add-link.ts'));
  await symlink(join(outside, 'missing.txt'), join(root, 'dangling'));
  await link(join(outside, 'secret.txt'), join(root, 'hardlink.txt')).catch(async () => {
    // Different file systems: fall back to a hard link inside the workspace.
    await write('hard-a.txt', 'a\n');
    await link(join(root, 'hard-a.txt'), join(root, 'hardlink.txt'));
  });
  tools = createWorkspaceTools({ root, paths: { allow: ['**'], deny: DENY }, hidden: ['private/**'] });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

let next = 0;
function run(name: string, input: unknown): Promise<ToolOutcome> {
  next += 1;
  return tools.execute({ id: `toolu_${next}`, name, input });
}
const edit = (input: Record<string, unknown>) => run('str_replace_based_edit_tool', input);

describe('confinement (docs/security.md §18)', () => {
  it.each([
    ['absolute path outside', { command: 'view', path: '/etc/passwd' }, 'absolute paths outside the workspace'],
    ['.. escape', { command: 'view', path: '../../etc/passwd' }, "'..' is not allowed"],
    ['.. inside', { command: 'create', path: 'src/../x.ts', file_text: '' }, "'..' is not allowed"],
    ['symlinked file escaping', { command: 'view', path: 'escape-file' }, 'outside the workspace'],
    [
      'symlinked parent dir escaping',
      { command: 'create', path: 'escape-dir/new.txt', file_text: 'pwned' },
      'outside the workspace',
    ],
    ['symlinked parent dir read', { command: 'view', path: 'escape-dir/secret.txt' }, 'outside the workspace'],
    ['.git write', { command: 'create', path: '.git/hooks/pre-commit', file_text: '#!/bin/sh' }, '.git/ is off limits'],
    ['.git read', { command: 'view', path: '.git/config' }, '.git/ is off limits'],
    [
      'symlink into .git',
      { command: 'str_replace', path: 'git-link/config', old_str: 'a', new_str: 'b' },
      '.git/ is off limits',
    ],
    [
      'denied workflow',
      { command: 'create', path: '.github/workflows/ci.yml', file_text: 'on: push' },
      "paths.deny ('.github/workflows/**')",
    ],
    [
      'symlink to a denied file',
      { command: 'view', path: 'workflow-link' },
      'symbolic link to .github/workflows/ci.yml',
    ],
    ['denied secret file read', { command: 'view', path: '.env' }, "paths.deny ('**/.env')"],
    ['hidden path', { command: 'view', path: 'private/notes.md' }, 'context.exclude'],
    [
      'write through a symlink',
      { command: 'insert', path: 'add-link.ts', insert_line: 0, insert_text: '// x' },
      'edit the file it points to (src/add.ts)',
    ],
    ['dangling symlink', { command: 'create', path: 'dangling', file_text: 'x' }, 'target does not exist'],
  ])('refuses %s with a clear tool error', async (_name, input, reason) => {
    const outcome = await edit(input);

    expect(outcome.isError).toBe(true);
    expect(outcome.refusal?.reason).toContain(reason);
    expect(outcome.content).toContain('Refused:');
    expect(outcome.changedPaths).toBeUndefined();
  });

  it('leaves refused targets untouched', async () => {
    await edit({ command: 'create', path: 'escape-dir/new.txt', file_text: 'pwned' });
    await edit({ command: 'create', path: '.github/workflows/ci.yml', file_text: 'pwned' });

    await expect(readFile(join(outside, 'new.txt'), 'utf8')).rejects.toThrow();
    expect(await readFile(join(root, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
  });

  it('refuses writes outside paths.allow', async () => {
    const narrow = createWorkspaceTools({ root, paths: { allow: ['test/**'], deny: DENY } });

    const outcome = await narrow.execute({
      id: 't',
      name: 'str_replace_based_edit_tool',
      input: { command: 'create', path: 'src/new.ts', file_text: '' },
    });

    expect(outcome.refusal?.reason).toContain('paths.allow');
  });

  it.each([
    ['editing', { command: 'insert', path: 'hardlink.txt', insert_line: 0, insert_text: 'x' }],
    ['viewing', { command: 'view', path: 'hardlink.txt' }],
    ['overwriting', { command: 'create', path: 'hardlink.txt', file_text: 'x' }],
  ])('refuses %s a hard-linked file', async (_name, input) => {
    const outcome = await edit(input);

    expect(outcome).toMatchObject({ isError: true, refusal: { path: 'hardlink.txt' } });
    expect(outcome.content).toContain('hard-linked');
  });

  it('accepts the /repo virtual root and the absolute workspace path', async () => {
    const virtual = await edit({ command: 'view', path: '/repo/README.md' });
    const absolute = await edit({ command: 'view', path: join(root, 'README.md') });

    expect(virtual.content).toContain('# demo');
    expect(absolute.content).toBe(virtual.content);
  });
});

describe('ignored paths (docs/security.md §28)', () => {
  it('refuses to create an ignored file, naming the rule, and writes nothing', async () => {
    const outcome = await edit({ command: 'create', path: 'vitest.config.ts', file_text: 'export default {};' });
    expect(outcome).toMatchObject({ isError: true, refusal: { path: 'vitest.config.ts' } });
    expect(outcome.content).toContain('git ignores this path (.gitignore:2:*.conf*)');
    await expect(readFile(join(root, 'vitest.config.ts'), 'utf8')).rejects.toThrow();
  });

  it('refuses to edit a file inside an ignored folder and leaves it as it was', async () => {
    const outcome = await edit({ command: 'str_replace', path: 'ignored/build.js', old_str: 'add', new_str: 'sub' });
    expect(outcome.refusal?.reason).toContain('.gitignore:1:ignored/');
    expect(await readFile(join(root, 'ignored/build.js'), 'utf8')).toBe('add(1, 2)\n');
  });

  it('refuses a file in a new folder that an ignore rule for folders matches once it exists, and removes it again', async () => {
    const outcome = await edit({ command: 'create', path: 'build/out.js', file_text: 'x' });
    expect(outcome.refusal?.reason).toContain('.gitignore:4:build/');
    await expect(readFile(join(root, 'build/out.js'), 'utf8')).rejects.toThrow();
  });

  it('allows a path that a negated rule un-ignores, and a tracked file that a rule would match', async () => {
    expect((await edit({ command: 'create', path: 'keep.conf', file_text: 'a=1\n' })).isError).toBe(false);
    await write('tracked.conf.txt', 'one\n');
    execFileSync('git', ['add', '--force', 'tracked.conf.txt'], { cwd: root });
    const outcome = await edit({ command: 'str_replace', path: 'tracked.conf.txt', old_str: 'one', new_str: 'two' });
    expect(outcome.isError).toBe(false);
    expect(await readFile(join(root, 'tracked.conf.txt'), 'utf8')).toBe('two\n');
  });

  it('still lets the model read ignored files', async () => {
    expect((await edit({ command: 'view', path: 'ignored/build.js' })).isError).toBe(false);
  });
});

describe('installed dependencies linked from outside the workspace (readOnlyRoots)', () => {
  it('lets the model read through the links, never write, and refuses links anywhere else', async () => {
    const stash = await mkdtemp(join(tmpdir(), 'greenlight-stash-'));
    const ws = await mkdtemp(join(tmpdir(), 'greenlight-linked-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: ws });
      await writeFile(join(ws, '.gitignore'), 'node_modules/\n');
      await mkdir(join(stash, 'dep'), { recursive: true });
      await writeFile(join(stash, 'dep', 'index.d.ts'), 'export declare const x: number;\n');
      await link(join(stash, 'dep', 'index.d.ts'), join(stash, 'dep', 'hard.d.ts'));
      await mkdir(join(ws, 'node_modules'));
      await symlink(join(stash, 'dep'), join(ws, 'node_modules', 'dep'));
      const linked = createWorkspaceTools({
        root: ws,
        paths: { allow: ['**'], deny: DENY },
        readOnlyRoots: [stash],
      });
      const call = (input: Record<string, unknown>) =>
        linked.execute({ id: 'toolu_ro', name: 'str_replace_based_edit_tool', input });

      const view = await call({ command: 'view', path: 'node_modules/dep/index.d.ts' });
      expect(view.isError).toBe(false);
      expect(view.content).toContain('export declare const x: number;');
      // Stashed dependencies are hard links by design; that is no reason to refuse them.
      expect((await call({ command: 'view', path: 'node_modules/dep/hard.d.ts' })).isError).toBe(false);
      const write = await call({ command: 'create', path: 'node_modules/dep/index.d.ts', file_text: 'x' });
      expect(write.isError).toBe(true);
      expect(await readFile(join(stash, 'dep', 'index.d.ts'), 'utf8')).toBe('export declare const x: number;\n');
      expect((await edit({ command: 'view', path: 'escape-dir/secret.txt' })).refusal?.reason).toContain(
        'outside the workspace',
      );
    } finally {
      await rm(stash, { recursive: true, force: true });
      await rm(ws, { recursive: true, force: true });
    }
  });
});

describe('text editor commands', () => {
  it('views a file with line numbers', async () => {
    const outcome = await edit({ command: 'view', path: 'src/add.ts' });

    expect(outcome).toEqual({
      content:
        "Here's the result of running `cat -n` on src/add.ts:\n     1\texport function add(a: number, b: number): number {\n     2\t  return a + b;\n     3\t}\n",
      isError: false,
    });
  });

  it('views a line range, -1 meaning the end', async () => {
    const outcome = await edit({ command: 'view', path: 'src/add.ts', view_range: [2, -1] });

    expect(outcome.content).toBe(
      "Here's the result of running `cat -n` on src/add.ts:\n     2\t  return a + b;\n     3\t}\n",
    );
  });

  it('rejects a view range past the end', async () => {
    const outcome = await edit({ command: 'view', path: 'src/add.ts', view_range: [2, 9] });

    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain('the file has 3 lines');
  });

  it('cuts a long view at a line boundary and says how to continue', async () => {
    const outcome = await edit({ command: 'view', path: 'big.txt' });

    expect(outcome.content.length).toBeLessThan(61_000);
    expect(outcome.content).toMatch(
      /\[Output cut at line (\d+) of 3000 .* Use view_range \[\d+, 3000\] to see more\.\]/,
    );
  });

  it('lists a directory two levels deep without .git, denied or symlink-escaped content', async () => {
    const outcome = await edit({ command: 'view', path: '.' });

    expect(outcome.isError).toBe(false);
    expect(outcome.content).toContain('\nsrc/\nsrc/add.ts\n');
    expect(outcome.content).toContain('.github/');
    expect(outcome.content).not.toContain('.git/');
    expect(outcome.content).not.toContain('.env');
    expect(outcome.content).not.toContain('ci.yml');
    expect(outcome.content).not.toContain('secret.txt');
  });

  it('refuses to view a binary file', async () => {
    const outcome = await edit({ command: 'view', path: 'image.png' });

    expect(outcome).toEqual({ content: 'Cannot view image.png: the file is binary.', isError: true });
  });

  it('refuses to view a FIFO instead of blocking on it', async () => {
    execFileSync('mkfifo', [join(root, 'pipe')]);

    const outcome = await edit({ command: 'view', path: 'pipe' });

    expect(outcome).toEqual({ content: 'Cannot view pipe: the path is not a regular file.', isError: true });
  });

  it('reports a missing file', async () => {
    const outcome = await edit({ command: 'view', path: 'src/missing.ts' });

    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain('does not exist');
  });

  it('creates a file in new directories and reports the changed path', async () => {
    const outcome = await edit({
      command: 'create',
      path: 'test/deep/add.test.ts',
      file_text: 'test("adds", () => {});\n',
    });

    expect(outcome).toEqual({
      content: 'File created successfully at: test/deep/add.test.ts',
      isError: false,
      changedPaths: ['test/deep/add.test.ts'],
    });
    expect(await readFile(join(root, 'test/deep/add.test.ts'), 'utf8')).toBe('test("adds", () => {});\n');
  });

  it('overwrites an existing file with create and says so', async () => {
    await edit({ command: 'create', path: 'scratch.txt', file_text: 'one\n' });

    const outcome = await edit({ command: 'create', path: 'scratch.txt', file_text: 'two\n' });

    expect(outcome.content).toBe('File scratch.txt already existed and was overwritten.');
    expect(await readFile(join(root, 'scratch.txt'), 'utf8')).toBe('two\n');
  });

  it('refuses to create a file over the size limit', async () => {
    const small = createWorkspaceTools({ root, paths: { allow: ['**'], deny: DENY }, limits: { maxWriteBytes: 10 } });

    const outcome = await small.execute({
      id: 't',
      name: 'str_replace_based_edit_tool',
      input: { command: 'create', path: 'huge.txt', file_text: 'x'.repeat(11) },
    });

    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain('over the 10-byte limit');
  });

  it('replaces exactly one match and shows a snippet', async () => {
    await edit({ command: 'create', path: 'src/sub.ts', file_text: 'export const sub = (a, b) => a + b;\n' });

    const outcome = await edit({ command: 'str_replace', path: 'src/sub.ts', old_str: 'a + b', new_str: 'a - b' });

    expect(outcome).toEqual({
      content:
        "The file src/sub.ts has been edited. Here's the result of running `cat -n` on a snippet of it:\n     1\texport const sub = (a, b) => a - b;\nReview the changes and make sure they are as expected.",
      isError: false,
      changedPaths: ['src/sub.ts'],
    });
  });

  it('refuses str_replace without a match', async () => {
    const outcome = await edit({ command: 'str_replace', path: 'src/add.ts', old_str: 'a * b', new_str: 'x' });

    expect(outcome).toEqual({
      content:
        'No change made to src/add.ts: old_str was not found in the file; view the file and copy the exact text, including whitespace and indentation.',
      isError: true,
    });
  });

  it('refuses str_replace with several matches and names the count', async () => {
    const outcome = await edit({ command: 'str_replace', path: 'src/dup.ts', old_str: 'x = 1', new_str: 'x = 2' });

    expect(outcome.content).toBe(
      'No change made to src/dup.ts: old_str occurs 2 times (lines 1, 3); include more surrounding lines so that it matches exactly once.',
    );
    expect(await readFile(join(root, 'src/dup.ts'), 'utf8')).toBe('x = 1\ny = 2\nx = 1\n');
  });

  it('keeps CRLF endings on str_replace', async () => {
    await edit({ command: 'str_replace', path: 'src/crlf.txt', old_str: 'one\ntwo', new_str: 'uno\ndos' });

    expect(await readFile(join(root, 'src/crlf.txt'), 'utf8')).toBe('uno\r\ndos\r\n');
  });

  it('inserts text after a line', async () => {
    await edit({ command: 'create', path: 'src/ins.ts', file_text: 'a\nc\n' });

    const outcome = await edit({ command: 'insert', path: 'src/ins.ts', insert_line: 1, insert_text: 'b' });

    expect(outcome.changedPaths).toEqual(['src/ins.ts']);
    expect(await readFile(join(root, 'src/ins.ts'), 'utf8')).toBe('a\nb\nc\n');
  });

  it('refuses an insert line outside the file', async () => {
    const outcome = await edit({ command: 'insert', path: 'src/add.ts', insert_line: 10, insert_text: 'x' });

    expect(outcome.content).toBe(
      'No change made to src/add.ts: insert_line must be between 0 and 3 (the file has 3 lines).',
    );
  });

  it('tells the model to create a file that str_replace cannot find', async () => {
    const outcome = await edit({ command: 'str_replace', path: 'src/nope.ts', old_str: 'a', new_str: 'b' });

    expect(outcome.content).toBe('src/nope.ts does not exist; use the create command to make a new file.');
  });
});

describe('garbage tool input', () => {
  it.each([
    ['a string', 'view src/add.ts', 'expected a JSON object, got the string "view src/add.ts"'],
    ['null', null, 'expected a JSON object, got null'],
    ['no command', { path: 'src/add.ts' }, 'command must be one of view, create, str_replace, insert, got nothing'],
    [
      'an unknown command',
      { command: 'delete', path: 'src/add.ts' },
      'command must be one of view, create, str_replace, insert, got the string "delete"',
    ],
    [
      'a missing field',
      { command: 'create', path: 'a.txt' },
      'file_text: file_text must be a string with the whole file content',
    ],
    [
      'a wrong type',
      { command: 'insert', path: 'a.txt', insert_line: 'one', insert_text: 'x' },
      'insert_line: insert_line must be a line number',
    ],
    ['undo_edit', { command: 'undo_edit', path: 'a.txt' }, 'undo_edit is not available'],
  ])('answers %s with an error result naming the problem', async (_name, input, message) => {
    const outcome = await edit(input as Record<string, unknown>);

    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain(message);
  });

  it('answers an unknown tool with the list of tools', async () => {
    expect(await run('bash', { command: 'rm -rf /' })).toEqual({
      content: 'Unknown tool "bash". Available tools: str_replace_based_edit_tool, search_repository, list_files.',
      isError: true,
    });
  });
});

describe('search_repository and list_files', () => {
  it('finds literal text in tracked and new files, skipping ignored, denied and binary files', async () => {
    const outcome = await run('search_repository', { pattern: 'add(' });

    expect(outcome).toEqual({
      content: '1 matching line in 1 file:\nsrc/add.ts:1: export function add(a: number, b: number): number {\n',
      isError: false,
    });
  });

  it('does not reveal denied files through search', async () => {
    const outcome = await run('search_repository', { pattern: 'do-not-read' });

    expect(outcome.content).toBe('No matches for "do-not-read".');
  });

  it('does not follow symbolic links out of the workspace', async () => {
    const outcome = await run('search_repository', { pattern: 'outside secret' });

    expect(outcome.content).toBe('No matches for "outside secret".');
  });

  it('searches with a regular expression, case-insensitively, within a glob', async () => {
    const outcome = await run('search_repository', {
      pattern: '^X = \\d$',
      regex: true,
      case_sensitive: false,
      path: 'src/**',
    });

    expect(outcome.content).toBe('2 matching lines in 1 file:\nsrc/dup.ts:1: x = 1\nsrc/dup.ts:3: x = 1\n');
  });

  it('caps results and says so', async () => {
    const outcome = await run('search_repository', { pattern: 'line 1', max_results: 2 });

    expect(outcome.content).toMatch(/^\d+ matching lines in 1 file \(showing the first 2; narrow the search/);
    expect(outcome.content.trim().split('\n')).toHaveLength(3);
  });

  it('rejects an invalid regular expression', async () => {
    const outcome = await run('search_repository', { pattern: '(unclosed', regex: true });

    expect(outcome.isError).toBe(true);
    expect(outcome.content).toContain('Invalid regular expression');
  });

  it('lists files matching a glob', async () => {
    const outcome = await run('list_files', { pattern: 'src/*.ts' });

    expect(outcome.content).toContain('src/add.ts\nsrc/dup.ts');
    expect(outcome.isError).toBe(false);
  });

  it('lists everything visible by default, capped', async () => {
    const outcome = await run('list_files', { max_results: 3 });

    expect(outcome.content).not.toContain('.env\n');
    expect(outcome.content).not.toContain('ci.yml');
    expect(outcome.content).not.toContain('ignored/');
    expect(outcome.content).toMatch(/\[\d+ more files not shown; use a narrower pattern\.\]/);
  });
});

describe('specs', () => {
  it('advertises the text editor and the read-only helpers in a stable order', () => {
    expect(tools.specs.map((spec) => spec.name)).toEqual([
      'str_replace_based_edit_tool',
      'search_repository',
      'list_files',
    ]);
    expect([tools.handles('list_files'), tools.handles('run_tests')]).toEqual([true, false]);
  });
});
