/**
 * `.github/greenlight.yml` as `greenlight init` writes it: the editor `$schema` line and
 * only the keys that differ from the defaults (the detected test command, a trigger
 * label or fix command given to init). An existing file is edited, never replaced:
 * its keys, comments and order stay, and a key it already sets is not changed, so
 * running init again changes nothing.
 */
import { parseDocument } from 'yaml';
import { defaultConfig } from '../config/repo-config.ts';

export const SCHEMA_URL =
  'https://raw.githubusercontent.com/greenlight-bot/greenlight/main/schema/greenlight.schema.json';
export const SCHEMA_LINE = `# yaml-language-server: $schema=${SCHEMA_URL}`;

export interface InitConfigInput {
  /** The file's current text, or null when there is none. */
  existing: string | null;
  /** The detected test command, written when the file sets none. */
  testCommand: string | null;
  /** Trigger values init was asked to set (`--label`, `--fix-command`); they replace the file's. */
  trigger: { label?: string | undefined; fixCommand?: string | undefined };
}

/** The config text init writes. The existing text must be valid (parseConfig) before this is called. */
export function renderInitConfig(input: InitConfigInput): string {
  const defaults = defaultConfig();
  const doc = parseDocument(input.existing ?? '');
  const has = (path: string[]) => doc.hasIn(path);
  let changed = false;
  const set = (path: string[], value: string) => {
    if (doc.getIn(path) === value) return;
    doc.setIn(path, value);
    changed = true;
  };
  const { label, fixCommand } = input.trigger;
  if (label !== undefined && (has(['trigger', 'label']) || label !== defaults.trigger.label))
    set(['trigger', 'label'], label);
  if (fixCommand !== undefined && (has(['trigger', 'fixCommand']) || fixCommand !== defaults.trigger.fixCommand))
    set(['trigger', 'fixCommand'], fixCommand);
  if (input.testCommand !== null && !has(['tests', 'command'])) set(['tests', 'command'], input.testCommand);
  // Untouched, the user's file keeps its exact bytes.
  const body = changed ? doc.toString({ lineWidth: 0 }) : (input.existing ?? '');
  if (body.includes('$schema=')) return body;
  const intro =
    input.existing === null
      ? [
          SCHEMA_LINE,
          '# greenlight settings: only what differs from the defaults (`greenlight config` prints them all;',
          '# README "Configuration").',
        ]
      : [SCHEMA_LINE];
  return `${intro.join('\n')}\n${body}`;
}
