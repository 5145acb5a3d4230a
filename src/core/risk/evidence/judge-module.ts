/**
 * The content rule's judgement of one changed module (README.md, "Pure data modules"):
 * a pure data transformation — no I/O at the head or the base, exports named for data
 * work (parse, serialize, dump, load, format, convert, encode, decode, transform…) and
 * nothing named for side effects — supported by its package's own description or by
 * tests that exercise it. Every finding is kept, for the reason and for
 * `greenlight classify --explain`; the rule lowers only when all of them agree.
 */
import type { FileFacts } from '../rule.ts';
import type { ContentEvidence } from './content-evidence.ts';
import { exercisingTests } from './exercising-tests.ts';
import { readModule } from './module-facts.ts';
import { judgePackage, nearestPackage } from './package-facts.ts';

/** Verbs of data work, as words of an export's name (`loadAll`, `safe_dump`, `CsvToJson`). */
const DATA_VERBS = new Set([
  'parse',
  'parser',
  'unparse',
  'serialize',
  'serializer',
  'deserialize',
  'stringify',
  'dump',
  'dumps',
  'load',
  'loads',
  'format',
  'formatter',
  'convert',
  'converter',
  'encode',
  'encoder',
  'decode',
  'decoder',
  'transform',
  'transformer',
  'tokenize',
  'tokenizer',
  'normalize',
  'escape',
  'unescape',
  'marshal',
  'unmarshal',
  'to',
  'from',
]);

/** Words that say an export has side effects, or reaches a file, a URL or a database (`dumpToFile`, `loadUrl`). */
const EFFECT_VERBS = new Set([
  'file',
  'files',
  'disk',
  'url',
  'uri',
  'http',
  'db',
  'write',
  'save',
  'send',
  'fetch',
  'request',
  'upload',
  'download',
  'connect',
  'listen',
  'serve',
  'exec',
  'spawn',
  'persist',
  'publish',
  'mkdir',
  'unlink',
  'query',
  'open',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_$]+/)
    .filter((w) => w !== '');
}

/** `to`/`from` count only as conversions between two named things (`toJSON`, `CsvToJson`), never alone. */
function isDataName(name: string): boolean {
  const parts = words(name);
  return parts.some(
    (w, i) => DATA_VERBS.has(w) && ((w !== 'to' && w !== 'from') || (parts.length > 1 && i < parts.length - 1)),
  );
}

export type FindingKind = 'language' | 'text' | 'io' | 'base' | 'exports' | 'package' | 'tests' | 'support';

/** One piece of evidence: `agrees` true supports the lower tier, false stands against it, null says nothing. */
export interface Finding {
  kind: FindingKind;
  agrees: boolean | null;
  text: string;
}

export interface ModuleJudgement {
  /** All evidence agrees: the module is a pure data transformation. */
  pure: boolean;
  findings: Finding[];
  /** The per-file reason when `pure`. */
  reason: string;
}

const list = (names: readonly string[], max = 4) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

function judgeText(file: FileFacts, evidence: ContentEvidence | undefined): Finding[] {
  const { change } = file;
  if (change.status === 'deleted') return [{ kind: 'text', agrees: false, text: 'the file is deleted' }];
  if (file.text === undefined) return [{ kind: 'text', agrees: false, text: 'its text at the head was not read' }];
  if (evidence === undefined)
    return [{ kind: 'text', agrees: false, text: 'no content evidence was read for this change' }];
  const module = readModule(file.path, file.text);
  if (module === null)
    return [{ kind: 'language', agrees: false, text: 'not a module in a language the content rule reads' }];
  const findings: Finding[] = [];
  findings.push(
    module.io.length > 0
      ? { kind: 'io', agrees: false, text: `does I/O: ${list(module.io, 3)}` }
      : {
          kind: 'io',
          agrees: true,
          text:
            module.imports.length === 0
              ? 'no imports, no I/O'
              : `no I/O imports or calls (imports ${list(module.imports)})`,
        },
  );
  if (change.status !== 'added') {
    const basePath = change.previousPath ?? change.path;
    const before = evidence.base.get(basePath);
    const previous = before === undefined ? null : readModule(basePath, before);
    findings.push(
      before === undefined
        ? { kind: 'base', agrees: false, text: `its text at the base (${basePath}) was not read` }
        : previous === null || previous.io.length > 0
          ? {
              kind: 'base',
              agrees: false,
              text: `the base version does I/O (${list(previous?.io ?? ['unreadable'], 2)}): the change removes it`,
            }
          : { kind: 'base', agrees: true, text: 'the base version does no I/O either' },
    );
  }
  const data = module.exports.filter(isDataName);
  const effects = module.exports.filter((name) => words(name).some((w) => EFFECT_VERBS.has(w)));
  if (effects.length > 0)
    findings.push({
      kind: 'exports',
      agrees: false,
      text: `exports ${list(effects)}, named for side effects or files, URLs, databases`,
    });
  else if (data.length === 0) {
    findings.push({
      kind: 'exports',
      agrees: false,
      text:
        module.exports.length === 0
          ? 'no exports found'
          : `exports ${list(module.exports)}: none named for data work (parse, serialize, dump, load, format, convert, encode, decode, transform)`,
    });
  } else findings.push({ kind: 'exports', agrees: true, text: `exports ${list(data)}` });
  return findings;
}

function judgeSupport(file: FileFacts, evidence: ContentEvidence): Finding[] {
  const findings: Finding[] = [];
  const pkg = nearestPackage(file.path, evidence.manifests);
  if (pkg === null) findings.push({ kind: 'package', agrees: null, text: 'no package manifest found above it' });
  else {
    const verdict = judgePackage(pkg);
    const named = pkg.name === null ? pkg.path : `${pkg.name} (${pkg.path})`;
    findings.push(
      verdict.io.length > 0
        ? {
            kind: 'package',
            agrees: false,
            text: `package ${named} describes more than data work: ${list(verdict.io)}`,
          }
        : verdict.data.length > 0
          ? { kind: 'package', agrees: true, text: `package keywords: ${list(verdict.data)}` }
          : { kind: 'package', agrees: null, text: `package ${named} says nothing about data work` },
    );
  }
  const tests = exercisingTests(file.path, evidence.tests);
  findings.push(
    tests.length === 0
      ? { kind: 'tests', agrees: null, text: 'no test found that exercises it' }
      : {
          kind: 'tests',
          agrees: true,
          text: `exercised by ${list(
            tests.map((t) => `${t.path} (${t.how})`),
            2,
          )}`,
        },
  );
  return findings;
}

/**
 * A cheap first look, for adapters deciding what else to read: the changed file at
 * `path` could be judged pure (a readable module without I/O that exports something
 * named for data work). Only for these are base texts, manifests and tests read.
 */
export function mayBePure(path: string, text: string): boolean {
  const module = readModule(path, text);
  return module !== null && module.io.length === 0 && module.exports.some(isDataName);
}

/**
 * Judges the module `file` (its facts with the head text) against `evidence`.
 *
 * @example judgeModule(facts, evidence).reason
 * // 'pure module: no I/O imports or calls (imports ./common); exports load, loadAll; package keywords: yaml, parser'
 */
export function judgeModule(file: FileFacts, evidence: ContentEvidence | undefined): ModuleJudgement {
  const findings = judgeText(file, evidence);
  if (evidence !== undefined && findings.every((f) => f.agrees !== false))
    findings.push(...judgeSupport(file, evidence));
  const against = findings.some((f) => f.agrees === false);
  const support = findings.some((f) => (f.kind === 'package' || f.kind === 'tests') && f.agrees === true);
  if (!against && !support) {
    findings.push({
      kind: 'support',
      agrees: false,
      text: 'neither its package nor a test supports the lower tier, and names alone are weak evidence',
    });
  }
  const pure = !against && support;
  const shown = findings.filter((f) => f.agrees === true && f.kind !== 'base').map((f) => f.text);
  return { pure, findings, reason: `pure module: ${shown.join('; ')}` };
}
