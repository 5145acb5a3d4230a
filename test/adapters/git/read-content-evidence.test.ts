/**
 * readContentEvidence on real repositories built from the content-rule fixtures: the
 * base texts, manifests at the base and tests named after a candidate module are read;
 * nothing is read when no changed module could be pure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffChanges } from '../../../src/adapters/git/diff-changes.ts';
import { readBlobs } from '../../../src/adapters/git/read-blobs.ts';
import {
  listTree,
  readContentEvidence,
  revisionEvidence,
  type EvidenceSource,
} from '../../../src/adapters/git/read-content-evidence.ts';
import { readRevisionChange } from '../../../src/compose/read-revision-change.ts';
import { classifyRisk } from '../../../src/core/risk/classify-risk.ts';
import { contentCase } from '../../core/risk/content-fixture.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

/** A repository whose first commit is the fixture's base and whose second is its head. */
function fixtureRepo(name: string): TempRepo {
  const fixture = contentCase(name);
  const r = tempRepo();
  repos.push(r);
  for (const [path, text] of fixture.base) r.write(path, text);
  r.commit('base');
  for (const [path, text] of fixture.head) r.write(path, text);
  r.commit('head');
  return r;
}

describe('readContentEvidence', () => {
  it('reads the base text, the manifests at the base and the tests named after a candidate', async () => {
    const r = fixtureRepo('yaml-loader');
    const change = await readRevisionChange(r.root, {}, '.github/greenlight.yml');
    expect(change.changes.map((c) => c.path)).toEqual(['lib/loader.js']);
    expect([...change.evidence.base.keys()]).toEqual(['lib/loader.js']);
    expect(change.evidence.base.get('lib/loader.js')).not.toContain('loadAll');
    expect([...change.evidence.manifests.keys()]).toEqual(['package.json']);
    expect([...change.evidence.tests.keys()]).toEqual(['test/loader.test.js']);
    const file = classifyRisk(change.changes, { contents: change.contents, evidence: change.evidence }).files[0];
    expect([file?.tier, file?.rule]).toEqual(['low-medium', 'pure-data-module']);
  });

  it('reads nothing more when no changed module could be pure', async () => {
    const r = fixtureRepo('feed-parser');
    const head = r.git('rev-parse', 'HEAD').trim();
    const changes = await diffChanges(r.root, ['HEAD~1', head]);
    const contents = await readBlobs(r.root, head, ['lib/feed.js']);
    const calls: string[] = [];
    const source: EvidenceSource = {
      readBase: async (paths) => (calls.push(`base ${paths.join(',')}`), new Map()),
      readHead: async (paths) => (calls.push(`head ${paths.join(',')}`), new Map()),
      listHead: async () => (calls.push('list'), []),
    };
    const evidence = await readContentEvidence(source, changes, contents);
    expect(calls).toEqual([]);
    expect([evidence.base.size, evidence.manifests.size, evidence.tests.size]).toEqual([0, 0, 0]);
  });

  it('never reads a manifest the change itself adds (a change cannot describe itself lower)', async () => {
    const r = tempRepo();
    repos.push(r);
    r.write('README.md', '# tool\n');
    r.commit('base');
    const fixture = contentCase('csv-parser');
    r.write('quickcsv.js', fixture.head.get('quickcsv.js') as string);
    r.write('package.json', fixture.head.get('package.json') as string);
    r.commit('add a parser and a manifest that calls it one');
    const change = await readRevisionChange(r.root, {}, '.github/greenlight.yml');
    expect(change.evidence.manifests.size).toBe(0);
    const file = classifyRisk(change.changes, { contents: change.contents, evidence: change.evidence }).files.find(
      (f) => f.path === 'quickcsv.js',
    );
    expect([file?.tier, file?.rule]).toEqual(['medium', 'default']);
  });

  it('lists the files of a revision, and names the revision when it cannot', async () => {
    const r = fixtureRepo('yaml-loader');
    expect(await listTree(r.root, 'HEAD')).toContain('lib/exception.js');
    await expect(listTree(r.root, 'no-such-ref')).rejects.toThrow(/git ls-tree no-such-ref failed/);
    const source = revisionEvidence(r.root, 'HEAD~1', 'HEAD');
    expect((await source.readBase(['lib/loader.js', 'missing.js'])).size).toBe(1);
  });
});
