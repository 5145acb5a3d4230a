import { describe, expect, it } from 'vitest';
import { isCommentOnly } from '../../../src/core/risk/comment-only.ts';

describe('isCommentOnly', () => {
  it.each([
    ['src/a.ts', ['// note'], [], true],
    ['src/a.ts', ['/**', ' * Docs.', ' */'], [], true],
    ['src/a.ts', ['/* one */'], ['/* two */'], true],
    ['src/a.ts', ['/* open', 'still comment', 'close */'], [], true],
    ['src/a.ts', ['/* open', 'close */ code();'], [], false],
    ['src/a.ts', ['x = 1; // note'], [], false],
    ['src/a.ts', ['*/'], [], true],
    ['src/a.ts', [], [], false],
    ['src/a.ts', ['', '  '], [], true],
    ['src/a.ts', ['// @ts-check'], [], false],
    ['app/a.py', ['"""Doc."""'], [], true],
    ['app/a.py', ["r'''Doc with \\d.'''"], [], true],
    ['app/a.py', ['"""', 'Multi', '"""'], [], true],
    ['app/a.py', ['"""Doc."""  # trailing'], [], false],
    ['app/a.py', ['Plain line inside an existing docstring'], [], false],
    ['app/a.py', ['# type: ignore'], [], false],
    ['app/a.rb', ['=begin', 'notes', '=end'], [], true],
    ['app/a.rb', ['# frozen_string_literal: true'], [], false],
    ['q.sql', ['-- comment'], ['-- old'], true],
    ['page.html', ['<!-- note -->'], [], true],
    ['Dockerfile', ['# syntax=docker/dockerfile:1'], [], false],
    ['Dockerfile', ['# pin by digest'], [], true],
    ['data.json', ['// not json'], [], false],
    ['src/lib.rs', ['/// Doc', '//! Crate'], [], true],
    ['cmd/main.go', ['//go:embed static'], [], false],
  ])('%s +%j -%j → %s', (path, addedLines, removedLines, expected) => {
    expect(isCommentOnly(path, addedLines, removedLines)).toBe(expected);
  });
});
