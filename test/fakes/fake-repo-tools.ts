import type { ToolSpec } from '../../src/ports/model.ts';
import type { RepoTools, ToolCall, ToolOutcome } from '../../src/ports/repo-tools.ts';
import type { MemoryRepo } from './memory-repo.ts';

export const EDITOR_TOOL = 'str_replace_based_edit_tool';
export const LIST_FILES_TOOL = 'list_files';

/**
 * The RepoTools port over a MemoryRepo: the text editor commands (`view`, `create`,
 * `str_replace`, `insert`) and a `list_files` helper, with the confinement rules in a
 * simple form (no absolute paths, no `..`, nothing in `.git/`, nothing under the
 * `deny` prefixes). Refusals are error results with `refusal` set, as the real adapter
 * does. Every call is recorded in `calls`.
 */
export class FakeRepoTools implements RepoTools {
  readonly specs: readonly ToolSpec[] = [
    { kind: 'text-editor', name: EDITOR_TOOL },
    {
      kind: 'custom',
      name: LIST_FILES_TOOL,
      description: 'List repository files whose path starts with a prefix.',
      inputSchema: { type: 'object', properties: { prefix: { type: 'string' } }, additionalProperties: false },
    },
  ];

  readonly calls: ToolCall[] = [];
  private readonly repo: MemoryRepo;
  private readonly deny: readonly string[];

  constructor(repo: MemoryRepo, options: { deny?: readonly string[] } = {}) {
    this.repo = repo;
    this.deny = options.deny ?? ['.github/workflows/'];
  }

  handles(name: string): boolean {
    return name === EDITOR_TOOL || name === LIST_FILES_TOOL;
  }

  async execute(call: ToolCall): Promise<ToolOutcome> {
    this.calls.push(structuredClone(call));
    const input = call.input as Record<string, unknown>;
    if (call.name === LIST_FILES_TOOL) {
      const prefix = typeof input.prefix === 'string' ? input.prefix : '';
      return {
        content: [...this.repo.files.keys()]
          .filter((p) => p.startsWith(prefix))
          .sort()
          .join('\n'),
        isError: false,
      };
    }
    const path = input.path;
    if (typeof path !== 'string' || path === '') return error('"path" must be a non-empty string.');
    const refusal = this.refuse(path);
    if (refusal !== null) return { content: `Refused: ${refusal}`, isError: true, refusal: { path, reason: refusal } };
    switch (input.command) {
      case 'view':
        return this.view(path);
      case 'create':
        if (typeof input.file_text !== 'string') return error('"file_text" must be a string.');
        this.repo.write(path, input.file_text);
        return { content: `Created ${path}.`, isError: false, changedPaths: [path] };
      case 'str_replace':
        return this.strReplace(path, input.old_str, input.new_str);
      case 'insert':
        return this.insert(path, input.insert_line, input.insert_text);
      case 'delete':
        // Not a command of the real editor: it stands for any tool that can delete, so that
        // loop tests can show what the engine does with deletions the model made.
        if (this.repo.read(path) === null) return error(`${path} does not exist.`);
        this.repo.delete(path);
        return { content: `Deleted ${path}.`, isError: false, changedPaths: [path] };
      default:
        return error(`Unknown command ${JSON.stringify(input.command)}; use view, create, str_replace or insert.`);
    }
  }

  private refuse(path: string): string | null {
    if (path.startsWith('/')) return 'absolute paths are not allowed; use a path relative to the repository root';
    if (path.split('/').includes('..')) return '".." is not allowed in paths';
    if (path === '.git' || path.startsWith('.git/')) return '.git/ is off limits';
    const hit = this.deny.find((prefix) => path.startsWith(prefix));
    return hit === undefined ? null : `${hit}** is denied by paths.deny`;
  }

  private view(path: string): ToolOutcome {
    const content = this.repo.read(path);
    if (content !== null) {
      return {
        content: content
          .split('\n')
          .map((line, i) => `${i + 1}\t${line}`)
          .join('\n'),
        isError: false,
      };
    }
    const children = [...this.repo.files.keys()].filter((p) => p.startsWith(`${path.replace(/\/$/, '')}/`));
    return children.length > 0
      ? { content: children.sort().join('\n'), isError: false }
      : error(`${path} does not exist.`);
  }

  private strReplace(path: string, oldStr: unknown, newStr: unknown): ToolOutcome {
    if (typeof oldStr !== 'string' || typeof newStr !== 'string')
      return error('"old_str" and "new_str" must be strings.');
    const content = this.repo.read(path);
    if (content === null) return error(`${path} does not exist.`);
    const count = content.split(oldStr).length - 1;
    if (count !== 1) return error(`"old_str" must match exactly once in ${path}; it matches ${count} times.`);
    this.repo.write(
      path,
      content.replace(oldStr, () => newStr),
    );
    return { content: `Edited ${path}.`, isError: false, changedPaths: [path] };
  }

  private insert(path: string, line: unknown, text: unknown): ToolOutcome {
    if (typeof line !== 'number' || !Number.isInteger(line) || typeof text !== 'string') {
      return error('"insert_line" must be an integer and "insert_text" a string.');
    }
    const content = this.repo.read(path);
    if (content === null) return error(`${path} does not exist.`);
    const lines = content.split('\n');
    if (line < 0 || line > lines.length) return error(`"insert_line" must be between 0 and ${lines.length}.`);
    lines.splice(line, 0, ...text.replace(/\n$/, '').split('\n'));
    this.repo.write(path, lines.join('\n'));
    return { content: `Inserted into ${path}.`, isError: false, changedPaths: [path] };
  }
}

function error(content: string): ToolOutcome {
  return { content, isError: true };
}
