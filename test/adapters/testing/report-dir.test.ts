import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReportDir, WORKSPACE_REPORT_DIR } from '../../../src/adapters/testing/report-dir.ts';

describe('createReportDir', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-reportdir-')));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('uses .greenlight-tmp/<random> inside the workspace for isolating drivers and removes it', async () => {
    const dir = await createReportDir(workspace, 'bwrap');
    expect(dir.childPath).toMatch(/^\.greenlight-tmp\/[0-9a-f]{12}$/);
    expect(dir.hostPath).toBe(join(workspace, dir.childPath));
    writeFileSync(join(dir.hostPath, 'report.json'), '{"ok":true}');
    expect(await dir.read()).toEqual({ 'report.json': '{"ok":true}' });
    await dir.remove();
    expect(readdirSync(workspace)).toEqual([]);
  });

  it('keeps .greenlight-tmp when another run still uses it', async () => {
    const first = await createReportDir(workspace, 'bwrap');
    const second = await createReportDir(workspace, 'systemd-run');
    await first.remove();
    expect(existsSync(second.hostPath)).toBe(true);
    await second.remove();
    expect(existsSync(join(workspace, WORKSPACE_REPORT_DIR))).toBe(false);
  });

  it('stays out of the workspace with the none driver', async () => {
    const dir = await createReportDir(workspace, 'none');
    expect(dir.childPath).toBe(dir.hostPath);
    expect(dir.hostPath.startsWith(workspace)).toBe(false);
    await dir.remove();
    expect(existsSync(dir.hostPath)).toBe(false);
  });

  it('never follows links or reads pipes a test planted in the report directory', async () => {
    const secret = join(workspace, 'secret.txt');
    writeFileSync(secret, 'ANTHROPIC_API_KEY=sk-ant-FAKE');
    const dir = await createReportDir(workspace, 'bwrap');
    symlinkSync(secret, join(dir.hostPath, 'vitest.json'));
    symlinkSync('/proc/self/environ', join(dir.hostPath, 'jest.json'));
    execFileSync('mkfifo', [join(dir.hostPath, 'pytest.xml')]);
    mkdirSync(join(dir.hostPath, 'sub'));
    writeFileSync(join(dir.hostPath, 'real.xml'), '<testsuite/>');
    expect(await dir.read()).toEqual({ 'real.xml': '<testsuite/>' });
    await dir.remove();
  });

  it('reads nothing when the directory itself was swapped for a link', async () => {
    const elsewhere = join(workspace, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'vitest.json'), 'planted');
    const dir = await createReportDir(workspace, 'bwrap');
    rmSync(dir.hostPath, { recursive: true });
    symlinkSync(elsewhere, dir.hostPath);
    expect(await dir.read()).toEqual({});
    await dir.remove();
    expect(existsSync(join(elsewhere, 'vitest.json'))).toBe(true);
  });
});
