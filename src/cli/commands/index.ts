/** Registry of CLI commands; one module per command in this folder. */
import type { CliCommand } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { configCommand } from './config.ts';
import { contextCommand } from './context.ts';
import { demoCommand } from './demo.ts';
import { runCommand } from './run.ts';

export const commands: readonly CliCommand[] = [
  runCommand,
  configCommand,
  classifyCommand,
  contextCommand,
  demoCommand,
];
