import { createRequire as __greenlightCreateRequire } from 'node:module'; const require = __greenlightCreateRequire(import.meta.url);

// src/version.ts
var VERSION = "0.1.0";

// src/action/runner.ts
async function runAction(env) {
  const event = env.GITHUB_EVENT_NAME ?? "unknown";
  process.stdout.write(`greenlight ${VERSION}: event '${event}' received; the Action job is not available in this version yet.
`);
  return 0;
}

// src/action/run-action.ts
process.exitCode = await runAction(process.env);
