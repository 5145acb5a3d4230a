/**
 * CI configuration other than GitHub workflows, and git machinery that runs commands
 * (hooks, attribute filters, submodule definitions).
 */
import type { RuleDefinition } from '../rule.ts';

export const ciRules: readonly RuleDefinition[] = [
  {
    name: 'ci-config',
    tier: 'high',
    category: 'ci',
    reason: "CI configuration runs with the pipeline's credentials",
    paths: [
      '.gitlab-ci.yml',
      '.gitlab/',
      '.circleci/',
      'Jenkinsfile',
      'Jenkinsfile.*',
      'azure-pipelines.yml',
      'azure-pipelines/',
      '.azure-pipelines/',
      '.travis.yml',
      'bitbucket-pipelines.yml',
      '.buildkite/',
      '.drone.yml',
      'cloudbuild.yaml',
      'cloudbuild.yml',
      'buildspec.yml',
      '.woodpecker.yml',
      '.woodpecker/',
      'appveyor.yml',
      '.appveyor.yml',
      'codemagic.yaml',
      '.semaphore/',
      '.tekton/',
      'workflow-templates/',
      '/action.yml',
      '/action.yaml',
    ],
  },
  {
    name: 'git-machinery',
    tier: 'high',
    category: 'build',
    reason: 'git hooks, attribute filters and submodule definitions run commands or pull in code',
    paths: [
      '.husky/',
      '.githooks/',
      'lefthook.yml',
      'lefthook.yaml',
      '.lefthook.yml',
      '.lintstagedrc',
      '.lintstagedrc.*',
      'lint-staged.config.*',
      '.simple-git-hooks.*',
      '.gitattributes',
      '.gitmodules',
    ],
  },
];
