/**
 * Build scripts and the configuration of build, test, lint and scan tools: they run
 * code on CI and developer machines and decide what the checks enforce.
 */
import type { RuleDefinition } from '../rule.ts';

export const buildRules: readonly RuleDefinition[] = [
  {
    name: 'build-script',
    tier: 'high',
    category: 'build',
    reason: 'build scripts run with the privileges of CI and developers',
    paths: [
      '*.sh', '*.bash', '*.zsh', '*.fish', '*.ps1', '*.psm1', '*.bat', '*.cmd',
      'Makefile', 'makefile', 'GNUmakefile', '*.mk', 'Justfile', 'justfile', '.justfile', 'Taskfile.yml', 'Taskfile.yaml',
      'Rakefile', '*.rake', 'CMakeLists.txt', '*.cmake', 'meson.build', 'BUILD', 'BUILD.bazel', 'WORKSPACE',
      'WORKSPACE.bazel', 'MODULE.bazel', '*.bzl', '.bazelrc', '.bazelversion', 'build.rs', 'build.xml', '*.gradle',
      '*.gradle.kts', 'noxfile.py', 'tox.ini', 'Earthfile', 'SConstruct', 'Brewfile', '/scripts/', '/bin/',
    ],
  },
  {
    name: 'build-config',
    tier: 'high',
    category: 'build',
    reason: 'build and test tool configuration runs code and decides what is built and which tests run',
    paths: [
      '*.config.{js,cjs,mjs,ts,cts,mts}', 'tsconfig*.json', 'jsconfig*.json', '.babelrc', '.babelrc.*', 'babel.config.json',
      '.swcrc', '.browserslistrc', 'Gruntfile.*', 'gulpfile.*', '.mocharc', '.mocharc.*', 'karma.conf.*', 'pytest.ini',
      '.pytest.ini', '.nycrc', '.nycrc.*', '.c8rc', '.c8rc.*', '.coveragerc', 'phpunit.xml', 'phpunit.xml.dist',
    ],
  },
  {
    name: 'check-config',
    tier: 'high',
    category: 'checks',
    reason: 'lint, type-check, coverage and security-scan settings decide what the checks enforce',
    paths: [
      '.eslintrc', '.eslintrc.*', '.eslintignore', '.prettierrc', '.prettierrc.*', '.prettierignore', 'biome.json',
      'biome.jsonc', '.stylelintrc', '.stylelintrc.*', '.golangci.{yml,yaml,toml,json}', '.rubocop.yml', '.rubocop_todo.yml',
      '.rubocop*.yml', '.flake8', 'mypy.ini', '.mypy.ini', '.pylintrc', 'pylintrc', 'ruff.toml', '.ruff.toml',
      'clippy.toml', '.clippy.toml', 'rustfmt.toml', '.rustfmt.toml', 'deny.toml', '.editorconfig', 'checkstyle*.xml',
      'detekt*.yml', '.scalafmt.conf', 'codecov.yml', '.codecov.yml', 'sonar-project.properties', '.semgrep.yml',
      '.semgrep/', '.gitleaks.toml', '.trivyignore', '.snyk', '.markdownlint*', '.yamllint', '.yamllint.*',
      '.hadolint.yaml', '.shellcheckrc', 'pyrightconfig.json', '.jscpd.json', 'knip.json', '.knip.json',
    ],
  },
];
