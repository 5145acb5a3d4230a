/**
 * The content rule: a source file that no other rule matched (it would default to
 * `medium`) is `low-medium` when what it does shows it is a pure data transformation
 * (evidence/judge-module.ts). It only ever lowers that default, and only when all the
 * evidence agrees; every path rule, at any tier, wins over it (classify-risk.ts).
 */
import { judgeModule, type ModuleJudgement } from '../evidence/judge-module.ts';
import type { ChangeFacts, FileFacts, RuleDefinition } from '../rule.ts';

// `when` and `describe` look at the same file: judge it once.
const judged = new WeakMap<FileFacts, ModuleJudgement>();

/** The content rule's judgement of `file`, cached per file facts. */
export function moduleJudgement(file: FileFacts, change: ChangeFacts): ModuleJudgement {
  let judgement = judged.get(file);
  if (judgement === undefined) {
    judgement = judgeModule(file, change.evidence);
    judged.set(file, judgement);
  }
  return judgement;
}

export const PURE_DATA_MODULE: RuleDefinition = {
  name: 'pure-data-module',
  tier: 'low-medium',
  category: 'data',
  reason:
    'no path rule matched, and the content shows a pure data transformation: no I/O at head or base, exports named for data work, supported by its package or its tests',
  except: ['tests', 'docs'],
  when: (file, change) => !file.commentOnly && moduleJudgement(file, change).pure,
  condition: 'all content evidence agrees (see the findings)',
  describe: (file, change) => moduleJudgement(file, change).reason,
};
