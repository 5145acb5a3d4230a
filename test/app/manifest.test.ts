// app.yml asks for exactly what the App uses (docs/security.md §22) and subscribes to every
// event it handles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_EVENTS } from '../../src/app/greenlight-app.ts';

const manifest = parse(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as {
  default_events: string[];
  default_permissions: Record<string, string>;
  hook_attributes: { url: string };
  public: boolean;
};

describe('app.yml', () => {
  it('asks for the least privilege the dispatcher needs: never workflows, never contents write', () => {
    expect(manifest.default_permissions).toEqual({
      metadata: 'read',
      contents: 'read',
      issues: 'write',
      pull_requests: 'write',
      checks: 'write',
      actions: 'write',
    });
  });

  it('reads no logs itself: CI repair needs only workflow_run events and the dispatch (actions: write)', () => {
    expect(manifest.default_events).toEqual(expect.arrayContaining(['workflow_run', 'pull_request_review']));
    expect(Object.keys(manifest.default_permissions)).not.toContain('workflows');
    expect(APP_EVENTS.runs).toEqual(['workflow_run.completed']);
  });

  it('subscribes to exactly the events the App handles', () => {
    const handled = new Set(
      Object.values(APP_EVENTS)
        .flat()
        .map((event) => event.split('.')[0]),
    );
    expect(new Set(manifest.default_events)).toEqual(handled);
  });

  it('is private until its owner decides otherwise, with a placeholder webhook URL the manifest flow replaces', () => {
    expect(manifest.public).toBe(false);
    expect(manifest.hook_attributes.url).toMatch(/\/api\/github\/webhooks$/);
  });
});
