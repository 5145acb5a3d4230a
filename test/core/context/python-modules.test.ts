import { describe, expect, it } from 'vitest';
import { extractImports } from '../../../src/core/context/extract-imports.ts';
import { createImportResolver } from '../../../src/core/context/import-resolver.ts';
import { makeIndex } from './make-index.ts';

describe('extractImports with importedNames (Python)', () => {
  it.each([
    ['a submodule or a name of a package', 'from app import crud, models\n', ['app.crud', 'app.models']],
    [
      'names in parentheses, aliases',
      'from app.core import (\n  config as cfg,\n  db,\n)\n',
      ['app.core.config', 'app.core.db'],
    ],
    ['a backslash continuation', 'from app import crud, \\\n    models\n', ['app.crud', 'app.models']],
    ['relative, as before', 'from . import x\nfrom ..models import User\n', ['.x', '..models.User']],
    ['a star import names the module', 'from app.models import *\nfrom . import *\n', ['app.models', '.']],
    ['plain imports are unchanged', 'import os, app.crud as crud\n', ['os', 'app.crud']],
  ])('%s', (_name, content, expected) => {
    expect(extractImports('python', content, { importedNames: true })).toEqual(expected);
  });

  it('keeps the module as written without the option (what the risk rules read)', () => {
    expect(extractImports('python', 'from app import crud\nfrom ..models import User\n')).toEqual(['app', '..models']);
  });
});

describe('Python imports on real layouts', () => {
  const index = makeIndex({
    // A backend/ package beside a frontend, as in a full-stack template.
    'backend/pyproject.toml': '[project]\nname = "app"\n',
    'backend/app/__init__.py': '',
    'backend/app/crud.py': 'def create_user(): ...\n',
    'backend/app/models.py': 'class User: ...\n',
    'backend/app/api/__init__.py': '',
    'backend/app/api/deps.py': '',
    'backend/app/api/routes/__init__.py': 'from . import items\n',
    'backend/app/api/routes/items.py': 'from ..deps import get_db\n',
    'backend/app/api/routes/users.py': '',
    'backend/tests/__init__.py': '',
    'backend/tests/conftest.py': '',
    'backend/tests/crud/__init__.py': '',
    'backend/tests/crud/test_user.py': 'from app import crud\n',
    'backend/tests/utils/__init__.py': '',
    'backend/tests/utils/user.py': '',
    'frontend/src/main.ts': '',
    // A second service with its own `app` package.
    'services/worker/pyproject.toml': '',
    'services/worker/src/app/__init__.py': '',
    'services/worker/src/app/crud.py': '',
    'services/worker/tests/test_jobs.py': '',
    // A namespace package (no __init__.py) in a src/ layout at the root.
    'pyproject.toml': '',
    'src/nspkg/tool.py': '',
    // Scripts importing a sibling, as python puts the script's directory first.
    'scripts/helpers.py': '',
    'scripts/run.py': '',
    // Not importable: a hyphen in a directory name.
    'backend/app/email-templates/render.py': '',
  });
  const resolve = createImportResolver(index.files);
  const at = (path: string): number => {
    const i = index.files.findIndex((f) => f.path === path);
    if (i === -1) throw new Error(`no ${path} in the fixture`);
    return i;
  };
  const paths = (from: string, specifier: string): string[] =>
    resolve(at(from), specifier).map((i) => index.files[i]!.path);

  it.each([
    ['package rooted in a subdirectory', 'backend/tests/crud/test_user.py', 'app.crud', ['backend/app/crud.py']],
    [
      'a name that is not a module falls back to it',
      'backend/tests/crud/test_user.py',
      'app.crud.create_user',
      ['backend/app/crud.py'],
    ],
    ['the package itself', 'backend/tests/crud/test_user.py', 'app', ['backend/app/__init__.py']],
    [
      'tests as a package under the same root',
      'backend/tests/crud/test_user.py',
      'tests.utils.user',
      ['backend/tests/utils/user.py'],
    ],
    [
      'from . import x: a sibling module',
      'backend/app/api/routes/__init__.py',
      '.items',
      ['backend/app/api/routes/items.py'],
    ],
    [
      'from . import name: the package __init__',
      'backend/app/api/routes/items.py',
      '.router',
      ['backend/app/api/routes/__init__.py'],
    ],
    ['from ..deps import get_db', 'backend/app/api/routes/items.py', '..deps.get_db', ['backend/app/api/deps.py']],
    ['from ... import models', 'backend/app/api/routes/items.py', '...models', ['backend/app/models.py']],
    [
      'the nearest of two `app` packages',
      'services/worker/tests/test_jobs.py',
      'app.crud',
      ['services/worker/src/app/crud.py'],
    ],
    ['and the other way round', 'backend/app/api/deps.py', 'app.crud', ['backend/app/crud.py']],
    ['a namespace package under src/', 'scripts/run.py', 'nspkg.tool', ['src/nspkg/tool.py']],
    ["the script's own directory", 'scripts/run.py', 'helpers', ['scripts/helpers.py']],
    ['a dotted path from the repository root', 'scripts/run.py', 'backend.app.models', ['backend/app/models.py']],
    ['the standard library', 'backend/app/crud.py', 'os.path', []],
    ['an installed package', 'backend/app/crud.py', 'sqlmodel', []],
  ])('%s', (_name, from, specifier, expected) => {
    expect(paths(from, specifier)).toEqual(expected);
  });

  it('never names a file below a directory that is not an identifier', () => {
    expect(paths('backend/app/crud.py', 'app.email-templates.render')).toEqual(['backend/app/__init__.py']);
    expect(paths('backend/app/crud.py', 'render')).toEqual([]);
  });
});
