import { describe, expect, it } from 'vitest';
import { readAppSettings } from '../../src/app/app-options.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';

describe('readAppSettings', () => {
  it('has defaults for everything', () => {
    const settings = readAppSettings({});
    expect(settings.app).toMatchObject({
      workflowFile: '.github/workflows/greenlight.yml',
      queueIntervalMs: 60_000,
      redelivery: { intervalMs: 600_000, windowMs: 3 * 3_600_000 },
    });
    expect(settings.octokit).toEqual({ throttle: {} });
  });

  it('reads the environment', () => {
    const settings = readAppSettings({
      GREENLIGHT_WORKFLOW: 'ai.yaml',
      GREENLIGHT_QUEUE_INTERVAL_SECONDS: '15',
      GREENLIGHT_REDELIVERY_INTERVAL_MINUTES: '0',
      GREENLIGHT_THROTTLE: 'off',
    });
    expect(settings.app).toMatchObject({
      workflowFile: '.github/workflows/ai.yaml',
      queueIntervalMs: 15_000,
      redelivery: null,
    });
    expect(settings.octokit.throttle).toBe(false);
  });

  it.each([
    [
      { GREENLIGHT_WORKFLOW: '../evil.yml' },
      "GREENLIGHT_WORKFLOW must name a workflow file such as 'greenlight.yml' or '.github/workflows/greenlight.yml', got '../evil.yml'.",
    ],
    [
      { GREENLIGHT_WORKFLOW: 'greenlight.json' },
      "GREENLIGHT_WORKFLOW must name a workflow file such as 'greenlight.yml' or '.github/workflows/greenlight.yml', got 'greenlight.json'.",
    ],
    [
      { GREENLIGHT_QUEUE_INTERVAL_SECONDS: 'soon' },
      "GREENLIGHT_QUEUE_INTERVAL_SECONDS must be a number from 5 to 3600, got 'soon'. Fix it in the App's environment.",
    ],
    [
      { GREENLIGHT_REDELIVERY_WINDOW_HOURS: '100' },
      "GREENLIGHT_REDELIVERY_WINDOW_HOURS must be a number from 0.1 to 72, got '100'. Fix it in the App's environment.",
    ],
    [{ GREENLIGHT_THROTTLE: 'maybe' }, "GREENLIGHT_THROTTLE must be 'on' or 'off', got 'maybe'."],
  ])('refuses %j', (env, message) => {
    try {
      readAppSettings(env);
      throw new Error('expected a usage error');
    } catch (error) {
      expect(isGreenlightError(error, 'usage')).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });
});
