import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeVersionProblem } from '../../src/core/node-version-problem.ts';

describe('nodeVersionProblem', () => {
  it('needs Node 22.20', () => {
    expect(MINIMUM_NODE).toBe('22.20');
  });

  it.each([
    ['20.20.2', 'greenlight needs Node ≥ 22.20; this is Node 20.20.2'],
    ['18.0.0', 'greenlight needs Node ≥ 22.20; this is Node 18.0.0'],
    ['22.19.9', 'greenlight needs Node ≥ 22.20; this is Node 22.19.9'],
    ['22.9.0', 'greenlight needs Node ≥ 22.20; this is Node 22.9.0'],
    ['22.20.0', null],
    ['22.21.1', null],
    ['23.0.0', null],
    ['24.21.0', null],
    ['100.0.0', null],
  ])('Node %s → %s', (version, expected) => {
    expect(nodeVersionProblem(version)).toBe(expected);
  });
});
