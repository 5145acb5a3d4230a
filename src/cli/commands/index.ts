/**
 * Registry of CLI commands, one module per command in this folder. Each module is
 * imported when its command runs (see CliCommandEntry).
 */
import type { CliCommandEntry } from '../command.ts';

export const commands: readonly CliCommandEntry[] = [
  {
    name: 'run',
    summary: 'run the whole engine on a local checkout and keep the result on a new branch',
    load: async () => (await import('./run.ts')).runCommand,
  },
  {
    name: 'config',
    summary: 'check .github/greenlight.yml and print the effective configuration',
    load: async () => (await import('./config.ts')).configCommand,
  },
  {
    name: 'classify',
    summary: 'classify the risk tier of a commit range, with a reason per file',
    load: async () => (await import('./classify.ts')).classifyCommand,
  },
  {
    name: 'context',
    summary: 'show which repository context would be sent to the model for a task, and why',
    load: async () => (await import('./context.ts')).contextCommand,
  },
  {
    name: 'init',
    summary: 'set a repository up for the Action: workflow, review gate, config, labels',
    load: async () => (await import('./init.ts')).initCommand,
  },
  {
    name: 'demo',
    summary: 'see the whole pipeline work on an example repository, no API key needed (model answers replayed)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
];
