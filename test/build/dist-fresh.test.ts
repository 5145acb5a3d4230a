import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBundles, root } from '../../scripts/build.ts';

describe('committed dist/', () => {
  it('matches a fresh build (run `npm run build` and commit dist/ when this fails)', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'greenlight-dist-'));
    try {
      await buildBundles(outdir);
      const fresh = readdirSync(outdir).sort();
      const committed = readdirSync(join(root, 'dist')).sort();
      expect(committed).toEqual(fresh);
      for (const file of fresh) {
        const same = readFileSync(join(outdir, file)).equals(readFileSync(join(root, 'dist', file)));
        expect(same, `dist/${file} is stale: run npm run build`).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
