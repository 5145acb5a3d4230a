/**
 * API surface: route handlers, controllers, middleware, and API contracts (OpenAPI,
 * GraphQL, protobuf). `medium`: tests are generated alongside and a human approves.
 */
import type { RuleDefinition } from '../rule.ts';

const codeChanged = (file: { commentOnly: boolean }) => !file.commentOnly;

export const apiRules: readonly RuleDefinition[] = [
  {
    name: 'api-schema',
    tier: 'medium',
    category: 'api',
    reason: 'API contracts: clients depend on them',
    paths: [
      'openapi*.{yaml,yml,json}',
      'swagger*.{yaml,yml,json}',
      '*.openapi.{yaml,yml,json}',
      'asyncapi*.{yaml,yml,json}',
      '*.graphql',
      '*.graphqls',
      '*.gql',
      '*.proto',
      '*.avsc',
      '*.thrift',
      '*.schema.json',
    ],
    when: codeChanged,
    condition: 'the change is not comment-only',
  },
  {
    name: 'api-route',
    tier: 'medium',
    category: 'api',
    reason: 'API endpoints: route handlers, controllers and middleware',
    paths: [
      'routes/',
      'router/',
      'routers/',
      'controllers/',
      'handlers/',
      'endpoints/',
      'api/',
      'views/',
      'views.py',
      'urls.py',
      'middleware/',
      'middlewares/',
      'resolvers/',
      '*.controller.{ts,js}',
      '*.resolver.{ts,js}',
      '*.middleware.{ts,js}',
      '*.interceptor.{ts,js}',
      '*.guard.{ts,js}',
      '*Controller.{java,kt}',
      '*Resource.{java,kt}',
      '*Handler.{java,kt}',
      '*_controller.rb',
      'config/routes.rb',
      'config/routes/',
      'route.{ts,js}',
      'middleware.{ts,js}',
      '*_handler.go',
      '*_handlers.go',
      'handler.go',
      'handlers.go',
      'server.go',
    ],
    except: ['tests', 'docs'],
    when: codeChanged,
    condition: 'the change is not comment-only',
  },
  {
    name: 'api-route-content',
    tier: 'medium',
    category: 'api',
    reason: 'the content declares API endpoints',
    content: [
      /@(?:app|router|bp|blueprint|api|\w+_router)\.(?:route|get|post|put|patch|delete|websocket)\s*\(/, // Flask, FastAPI
      /\b(?:app|router|server|api)\.(?:get|post|put|patch|delete|all|route)\s*\(\s*['"`/]/, // Express, Fastify, Hono
      /@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b/,
      /@(?:Rest)?Controller\b/,
      /@(?:Get|Post|Put|Patch|Delete|All)\s*\(/, // Spring, NestJS
      /\bhttp\.HandleFunc\s*\(/,
      /\.Handle(?:Func)?\s*\(\s*"/,
      /\.(?:GET|POST|PUT|PATCH|DELETE)\s*\(\s*"/, // Go net/http, gin, echo
      /#\[(?:get|post|put|patch|delete|route)\s*\(/,
      /\bRouter::new\s*\(\)/, // actix, axum
      /\bAPIRouter\s*\(/,
      /\bpath\s*\(\s*r?['"][^'"]*['"]\s*,/, // FastAPI, Django urls
      /^\s*(?:get|post|put|patch|delete|resources?|namespace)\s+['":]/m, // Rails routes
    ],
    except: ['tests', 'docs'],
    when: codeChanged,
    condition: 'the change is not comment-only',
  },
];
