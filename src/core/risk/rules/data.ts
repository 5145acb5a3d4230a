/**
 * Data transformations (ETL, parsers, mappers, serializers) are `low-medium`, but
 * names are weak evidence: a file needs a data-shaped location or name, in a language
 * that does data work (not a `.vue` component), whose role is the data word
 * (`serializer.interceptor.ts` is an interceptor), outside configuration
 * (`config/initializers/cookies_serializer.rb`), AND content without I/O. A "parser"
 * that fetches over the network or spawns processes is `medium`.
 */
import { compileGlobs } from '../../paths/glob.ts';
import { hasIo } from '../io-patterns.ts';
import type { FileFacts, RuleDefinition } from '../rule.ts';

const DATA_DIRS = compileGlobs([
  'etl/',
  'transforms/',
  'transformers/',
  'transformations/',
  'mappers/',
  'mappings/',
  'parsers/',
  'serializers/',
  'deserializers/',
  'converters/',
  'normalizers/',
  'formatters/',
  'codecs/',
  'pipelines/',
]);
const DATA_WORDS = new Set([
  'etl',
  'parse',
  'parser',
  'parsers',
  'parsing',
  'serialize',
  'serializer',
  'serializers',
  'serialization',
  'deserialize',
  'deserializer',
  'mapper',
  'mappers',
  'mapping',
  'mappings',
  'transform',
  'transforms',
  'transformer',
  'transformers',
  'transformation',
  'convert',
  'converter',
  'converters',
  'conversion',
  'normalize',
  'normalizer',
  'normalization',
  'encoder',
  'decoder',
  'codec',
  'format',
  'formatter',
  'formatters',
  'formatting',
]);
const DATA_LANGUAGES = new Set(['js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'py', 'go', 'java', 'kt', 'scala', 'rb', 'rs']);
const NOT_DATA = ['config/', 'initializers/', 'settings/'];

/** The role word of a file name: the last word of its last dotted part (`UserMapper.java` → mapper). */
function roleWord(basename: string): string {
  const stem = basename.slice(0, basename.lastIndexOf('.'));
  const lastPart = stem.slice(stem.lastIndexOf('.') + 1);
  const words = lastPart.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/);
  return (words[words.length - 1] ?? '').toLowerCase();
}

/** A data-shaped location or name, in a language that does data work. */
export function isDataShaped(file: FileFacts): boolean {
  if (!DATA_LANGUAGES.has(file.extension)) return false;
  return DATA_DIRS(file.path) || DATA_WORDS.has(roleWord(file.basename));
}

const content = (file: FileFacts) => file.text ?? file.added;

export const dataRules: readonly RuleDefinition[] = [
  {
    name: 'data-transform-with-io',
    tier: 'medium',
    category: 'data',
    reason:
      'data-shaped name, but the content does I/O (network, processes, files, database or environment): names are weak evidence',
    except: ['tests', 'docs'],
    exclude: NOT_DATA,
    when: (file) => isDataShaped(file) && hasIo(content(file)),
    condition: 'a data-shaped name or folder, in a data language, whose content does I/O',
  },
  {
    name: 'data-transform',
    tier: 'low-medium',
    category: 'data',
    reason: 'a data transformation without I/O: check it on sample data',
    except: ['tests', 'docs'],
    exclude: NOT_DATA,
    when: (file) => !file.commentOnly && isDataShaped(file) && !hasIo(content(file)),
    condition: 'a data-shaped name or folder, in a data language, whose content does no I/O (and not comment-only)',
  },
  {
    name: 'data-file',
    tier: 'low-medium',
    category: 'data',
    reason: 'data read by code: spot-check what consumes it',
    paths: [
      '*.csv',
      '*.tsv',
      '*.jsonl',
      '*.ndjson',
      'locales/',
      'locale/',
      'i18n/',
      'translations/',
      '*.po',
      '*.pot',
      '*.xliff',
      '*.xlf',
    ],
    except: ['tests'],
  },
];
