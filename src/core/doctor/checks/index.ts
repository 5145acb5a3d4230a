/**
 * The checks of `greenlight doctor`, in the order they run and print. Adding one: a
 * module in this folder exporting a DoctorCheck, and a line here (see
 * src/core/doctor/doctor-check.ts). Checks that need an earlier one name it in `needs`.
 */
import type { DoctorCheck } from '../doctor-check.ts';
import { baselineCheck } from './baseline.ts';
import { checkoutCheck } from './checkout.ts';
import { configCheck } from './config.ts';
import { gitCheck } from './git.ts';
import { modelCheck } from './model.ts';
import { nodeCheck } from './node.ts';
import { sandboxCheck } from './sandbox.ts';
import { testCommandCheck } from './test-command.ts';
import { wiringCheck } from './wiring.ts';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  nodeCheck,
  gitCheck,
  checkoutCheck,
  configCheck,
  wiringCheck,
  modelCheck,
  sandboxCheck,
  testCommandCheck,
  baselineCheck,
];
