import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundles, root } from '../../scripts/build.ts';

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}

describe('committed dist/', () => {
  it('matches a fresh build (run `npm run build` and commit dist/ when this fails)', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greenlight-dist-'));
    try {
      await buildBundles(outdir);
      const fresh = filesUnder(outdir);
      expect(fresh).toContain('index.js');
      expect(fresh).toContain('cli.js');
      expect(filesUnder(join(root, 'dist'))).toEqual(fresh);
      for (const file of fresh) {
        const same = readFileSync(join(outdir, file)).equals(readFileSync(join(root, 'dist', file)));
        expect(same, `dist/${file} is stale: run npm run build`).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
