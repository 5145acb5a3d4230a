/**
 * Changes the rules cannot read fail closed to `high`: binary content, symbolic links,
 * submodules, and files that become executable.
 */
import type { RuleDefinition } from '../rule.ts';

const SYMLINK = '120000';
const SUBMODULE = '160000';
const EXECUTABLE = '100755';

export const unreadableRules: readonly RuleDefinition[] = [
  {
    name: 'binary-file',
    tier: 'high',
    category: 'unreadable',
    reason: 'binary content cannot be reviewed as a diff',
    when: (file) => file.change.binary,
    condition: 'git reports the content as binary',
  },
  {
    name: 'symlink',
    tier: 'high',
    category: 'unreadable',
    reason: 'a symbolic link can point anywhere, including outside the repository',
    when: (file) => file.change.oldMode === SYMLINK || file.change.newMode === SYMLINK,
    condition: 'the file is or was a symbolic link',
  },
  {
    name: 'submodule',
    tier: 'high',
    category: 'unreadable',
    reason: "a submodule pins another repository's code, which this diff does not show",
    when: (file) => file.change.oldMode === SUBMODULE || file.change.newMode === SUBMODULE,
    condition: 'the path is or was a submodule',
  },
  {
    name: 'becomes-executable',
    tier: 'high',
    category: 'unreadable',
    reason: 'the file becomes executable, so something may now run it',
    when: (file) => file.change.newMode === EXECUTABLE && file.change.oldMode !== EXECUTABLE,
    condition: 'the file becomes executable (mode 100755)',
  },
];
