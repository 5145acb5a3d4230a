/**
 * Application configuration that is not infrastructure: framework settings and
 * initializers. `medium` like other source; listed so that a data-shaped name under
 * `config/` (Rails' `cookies_serializer.rb`) does not pass for a data transformation.
 */
import type { RuleDefinition } from '../rule.ts';

export const appConfigRules: readonly RuleDefinition[] = [
  {
    name: 'app-config',
    tier: 'medium',
    category: 'config',
    reason: 'application configuration and framework initializers change how the application behaves',
    paths: [
      'config/',
      'initializers/',
      'settings.py',
      'settings/',
      'application*.{yml,yaml,properties}',
      'appsettings*.json',
      'bootstrap*.{yml,yaml,properties}',
    ],
    except: ['tests', 'docs'],
    when: (file) => !file.commentOnly,
    condition: 'the change is not comment-only',
  },
];
