/**
 * Deploy and runtime pins are infrastructure: they decide what runs in production
 * and on which runtime, and environment files configure or run code.
 */
import type { RuleDefinition } from '../rule.ts';

export const deployRules: readonly RuleDefinition[] = [
  {
    name: 'deploy-config',
    tier: 'high',
    category: 'deploy',
    reason: 'deploy and runtime pins decide what runs in production, and on which runtime',
    paths: [
      'Procfile', 'Procfile.*', 'runtime.txt', '.python-version', '.nvmrc', '.node-version', '.ruby-version',
      '.go-version', '.java-version', '.tool-versions', '.sdkmanrc', 'rust-toolchain', 'rust-toolchain.toml',
      'fly.toml', 'render.yaml', 'netlify.toml', 'vercel.json', 'now.json', '/app.json', 'app.yaml', 'heroku.yml',
      'skaffold.yaml', 'skaffold.yml', '*compose*.yml', '*compose*.yaml', '.pre-commit-config.yaml', '.pre-commit-config.yml',
      'Aptfile', '.platform.app.yaml', '.platform/', '.ebextensions/', 'Dockerrun.aws.json', 'serverless.yml',
      'serverless.yaml', 'wrangler.toml', 'wrangler.json', 'wrangler.jsonc', 'railway.json', 'railway.toml',
      'nixpacks.toml', 'firebase.json', '.firebaserc', 'amplify.yml', 'appspec.yml', 'Caddyfile', 'nginx.conf',
      '*.nginx.conf', 'Tiltfile',
    ],
  },
  {
    name: 'environment-file',
    tier: 'high',
    category: 'deploy',
    reason: 'environment files configure the running application, and .envrc runs code in developer shells',
    paths: ['.env', '.env.*', '*.env', '.envrc'],
  },
];
