/**
 * `npm start`: the greenlight App on Probot's server. Do not add logic here: settings
 * come from app-options.ts, the App from greenlight-app.ts. Probot reads APP_ID,
 * PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET, GHE_HOST, PORT and LOG_FORMAT;
 * without APP_ID it starts the manifest flow that registers the App from app.yml.
 */
import { run } from 'probot';
import { readAppSettings } from './app-options.ts';
import { createGreenlightApp } from './greenlight-app.ts';
import { createInstallationOctokit } from './installation-octokit.ts';

const settings = readAppSettings(process.env);
await run(createGreenlightApp(settings.app).appFn, { Octokit: createInstallationOctokit(settings.octokit) });
