/**
 * Dependency manifests and lockfiles decide which code is installed and which scripts
 * and tools run; a manifest change is `high` even when no dependency moves.
 */
import type { RuleDefinition } from '../rule.ts';

export const manifestRules: readonly RuleDefinition[] = [
  {
    name: 'dependency-manifest',
    tier: 'high',
    category: 'dependencies',
    reason: 'dependency manifests decide what is installed and which scripts and tools run, even when no version moves',
    paths: [
      // JS/TS
      'package.json', 'pnpm-workspace.yaml', '.npmrc', '.yarnrc', '.yarnrc.yml', '.yarn/', '.pnpmfile.cjs',
      'lerna.json', 'nx.json', 'turbo.json', 'deno.json', 'deno.jsonc', 'bunfig.toml', 'jsr.json',
      // Python
      'requirements*.txt', 'requirements/', 'constraints*.txt', 'Pipfile', 'pyproject.toml', 'setup.py', 'setup.cfg',
      'environment.yml', 'environment.yaml', 'pip.conf', 'MANIFEST.in',
      // Go (vendor/ is third-party code checked in)
      'go.mod', 'go.work', 'vendor/',
      // Java / Kotlin
      'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties',
      '*.versions.toml', 'gradle/wrapper/', 'gradlew', 'gradlew.bat', 'mvnw', 'mvnw.cmd', '.mvn/', 'build.sbt',
      // Ruby
      'Gemfile', '*.gemspec', 'gems.rb', '.bundle/',
      // Rust
      'Cargo.toml', '.cargo/',
      // others that show up in polyglot repositories
      'composer.json', '*.csproj', '*.fsproj', 'Directory.Build.props', 'Directory.Packages.props', 'NuGet.config',
      'Package.swift', 'Podfile', 'mix.exs', 'pubspec.yaml', 'project.clj', 'deps.edn',
    ],
  },
  {
    name: 'lockfile',
    tier: 'high',
    category: 'dependencies',
    reason: 'lockfiles pin every installed package; a changed pin changes the code that runs',
    paths: [
      'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock',
      'Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock', 'conda-lock.yml', 'go.sum', 'go.work.sum', 'Cargo.lock',
      'Gemfile.lock', 'gems.locked', 'composer.lock', 'gradle.lockfile', '*.lockfile', 'packages.lock.json',
      'Package.resolved', 'Podfile.lock', 'mix.lock', 'pubspec.lock', 'flake.lock',
    ],
  },
];
