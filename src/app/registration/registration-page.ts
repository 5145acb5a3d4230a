/**
 * The registration page: one button that posts the manifest to GitHub's "new App"
 * form. The manifest travels in a hidden field whose value is escaped for an HTML
 * attribute, so any character app.yml holds (an apostrophe, `<`, `&`, quotes) reaches
 * GitHub exactly as written.
 */
import type { AppManifest } from './app-manifest.ts';

/** Text made safe for an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}button{font-size:1rem;padding:.5rem 1rem}.warn{color:#9a6700}</style>
</head>
<body>
${body}
</body>
</html>
`;

export interface RegistrationPageInput {
  manifest: AppManifest;
  /** GitHub's form: `https://github.com/settings/apps/new?state=…` (or an organization's). */
  formAction: string;
  /** Said on the page when the webhook URL cannot work (a local address without a proxy). */
  warning: string | null;
}

export function renderRegistrationPage(input: RegistrationPageInput): string {
  const { manifest } = input;
  const warning = input.warning === null ? '' : `<p class="warn">${escapeHtml(input.warning)}</p>\n`;
  return page(
    `Register ${manifest.name}`,
    `<h1>Register the ${escapeHtml(manifest.name)} GitHub App</h1>
<p>GitHub will create the App from <code>app.yml</code>: its permissions and events, and deliveries sent to
<code>${escapeHtml(manifest.hook_attributes.url)}</code>. You can change the name on GitHub's page.</p>
${warning}<form action="${escapeHtml(input.formAction)}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<button type="submit" id="register">Register GitHub App</button>
</form>`,
  );
}

export function renderRegisteredPage(input: { name: string; installUrl: string; envFile: string }): string {
  return page(
    'GitHub App registered',
    `<h1 id="registered">${escapeHtml(input.name)} is registered</h1>
<p>Its id, private key and webhook secret are in <code>${escapeHtml(input.envFile)}</code>. Keep that file secret.</p>
<ol><li><a href="${escapeHtml(input.installUrl)}">Install the App</a> on your repositories.</li>
<li>Restart <code>npm start</code>: it runs the App with the new credentials.</li></ol>`,
  );
}

export function renderErrorPage(message: string): string {
  return page('Registration failed', `<h1>Registration failed</h1>\n<p id="error">${escapeHtml(message)}</p>`);
}
