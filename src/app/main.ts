/**
 * `npm start`: the greenlight App. Do not add logic here: the process (settings, `.env`,
 * registration or the running App, signals, one-line errors) is
 * server/run-app-process.ts; the App's handlers are greenlight-app.ts.
 */
import { runAppProcess } from './server/run-app-process.ts';

await runAppProcess();
