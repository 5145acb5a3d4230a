/**
 * The model's hands on the repository: Anthropic's text editor tool
 * (`str_replace_based_edit_tool`: view, create, str_replace, insert) and read-only
 * search / list helpers. Implementations confine every path to the workspace
 * (docs/security.md §18): a refused call is an error result for the model, never a throw.
 */
import type { ToolSpec } from './model.ts';

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ToolOutcome {
  /** Text returned to the model as the tool_result. */
  content: string;
  isError: boolean;
  /** Set when the call was refused by a confinement rule; goes to the audit log. */
  refusal?: { path: string; reason: string };
  /** Relative paths this call created or modified. */
  changedPaths?: string[];
}

export interface RepoTools {
  /** Tool specs to advertise to the model (stable order: part of the cached prefix). */
  readonly specs: readonly ToolSpec[];
  handles(name: string): boolean;
  execute(call: ToolCall): Promise<ToolOutcome>;
}
