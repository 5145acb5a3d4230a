/**
 * TypeScript / JavaScript symbols from a real parser (Babel's: syntax only, no type
 * checking): top-level declarations and class members, and the signature lines that
 * make up a skeleton. Babel's parser is about 3% of the TypeScript compiler's size,
 * which keeps the bundles small (docs/context.md, "What is indexed").
 *
 * @example
 *   parseTypeScript('src/a.ts', 'export function f(x: number) {\n  return x;\n}\n')
 *   // → { definitions: [{ name: 'f', kind: 'function', startLine: 1, endLine: 3, exported: true }],
 *   //     skeletonLines: [1] }
 */
import { parse, type ParserPlugin } from '@babel/parser';
import type { ClassDeclaration, Node } from '@babel/types';
import type { DefinitionKind, ParsedSource, SymbolDefinition } from './parsed-source.ts';

/** Interfaces and type aliases up to this many lines go into skeletons whole. */
const SHORT_TYPE_LINES = 30;

/** Syntax every file may use; decorators both before and after `export`. */
const COMMON: ParserPlugin[] = [
  ['decorators', { allowCallParenthesized: true }],
  'decoratorAutoAccessors',
  'explicitResourceManagement',
];

/** Throws on input the parser cannot recover from (parse-source.ts falls back to patterns). */
export function parseTypeScript(path: string, content: string): ParsedSource {
  const program = parse(content, {
    sourceType: 'unambiguous',
    plugins: [...COMMON, ...languagePlugins(path)],
    errorRecovery: true,
    attachComment: false,
    createParenthesizedExpressions: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowNewTargetOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
  }).program;

  const definitions: SymbolDefinition[] = [];
  const skeleton = new Set<number>();
  const addLines = (from: number, to: number): void => {
    for (let line = from; line <= to; line += 1) skeleton.add(line);
  };
  /** Lines from the node's start up to (and including) the line where its body opens. */
  const addSignature = (span: Span, body: Node | null | undefined): void => {
    addLines(span.startLine, body ? startLine(body) : span.endLine);
  };
  const define = (name: string, kind: DefinitionKind, span: Span, exported: boolean, container?: string): void => {
    const definition: SymbolDefinition = { name, kind, startLine: span.startLine, endLine: span.endLine, exported };
    if (container !== undefined) definition.container = container;
    definitions.push(definition);
  };

  for (const statement of program.body) {
    // `export function f` is one declaration in the compiler's terms: its span starts at `export`.
    let declaration: Node = statement;
    let exported = false;
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) {
        addLines(startLine(statement), endLine(statement)); // export { a } (from '…')
        continue;
      }
      declaration = statement.declaration as Node;
      exported = true;
    }
    const span = spanOf(statement, declaration);

    switch (declaration.type) {
      case 'ExportAllDeclaration':
        addLines(span.startLine, span.endLine);
        break;
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (!declaration.id) break;
        define(declaration.id.name, 'function', span, exported);
        addSignature(span, declaration.type === 'FunctionDeclaration' ? declaration.body : undefined);
        break;
      case 'ClassDeclaration':
        if (!declaration.id) break;
        defineClass(declaration, declaration.id.name, span, exported);
        break;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSEnumDeclaration': {
        const kind: DefinitionKind =
          declaration.type === 'TSInterfaceDeclaration'
            ? 'interface'
            : declaration.type === 'TSEnumDeclaration'
              ? 'enum'
              : 'type';
        define(declaration.id.name, kind, span, exported);
        if (span.endLine - span.startLine < SHORT_TYPE_LINES) addLines(span.startLine, span.endLine);
        else {
          skeleton.add(span.startLine);
          skeleton.add(span.endLine);
        }
        break;
      }
      case 'TSModuleDeclaration':
        define(
          declaration.id.type === 'Identifier' ? declaration.id.name : declaration.id.value,
          'module',
          span,
          exported,
        );
        skeleton.add(span.startLine);
        break;
      case 'VariableDeclaration':
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== 'Identifier') continue;
          const init = declarator.init;
          const isFunction = init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression';
          define(declarator.id.name, isFunction ? 'function' : 'variable', span, exported);
          if (isFunction) addSignature(span, init.body);
          else skeleton.add(span.startLine);
        }
        break;
      case 'TSExportAssignment':
        skeleton.add(span.startLine);
        break;
      default:
        // `export default <expression>`: the compiler's export assignment.
        if (statement.type === 'ExportDefaultDeclaration') skeleton.add(span.startLine);
    }
  }
  return { definitions, skeletonLines: [...skeleton].sort((a, b) => a - b) };

  function defineClass(node: ClassDeclaration, className: string, classSpan: Span, exported: boolean): void {
    define(className, 'class', classSpan, exported);
    const members = node.body.body;
    const firstMember = members[0];
    const headerEnd = firstMember
      ? Math.max(classSpan.startLine, spanOf(firstMember, firstMember).startLine - 1)
      : classSpan.endLine;
    addLines(classSpan.startLine, Math.min(headerEnd, classSpan.startLine + 2));
    skeleton.add(classSpan.endLine);
    for (const member of members) {
      const name = memberName(member);
      if (name === undefined) continue;
      const span = spanOf(member, member);
      const isMethod =
        member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod' || member.type === 'TSDeclareMethod';
      define(name, isMethod ? 'method' : 'variable', span, exported, className);
      const body = member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod' ? member.body : undefined;
      if (body) addSignature(span, body);
      else skeleton.add(span.startLine);
    }
  }
}

interface Span {
  startLine: number;
  endLine: number;
}

/** From the first decorator or `export` keyword to the end: the compiler's extent of a declaration. */
function spanOf(outer: Node, inner: Node): Span {
  const decorators = 'decorators' in inner && Array.isArray(inner.decorators) ? (inner.decorators as Node[]) : [];
  const first = decorators.reduce((line, decorator) => Math.min(line, startLine(decorator)), startLine(outer));
  return { startLine: first, endLine: endLine(outer) };
}

function startLine(node: Node): number {
  return node.loc?.start.line ?? 1;
}

function endLine(node: Node): number {
  return node.loc?.end.line ?? startLine(node);
}

type ClassMember = ClassDeclaration['body']['body'][number];

/** Identifier, private (`#x`) and string-literal names, and `constructor`; computed names have none. */
function memberName(member: ClassMember): string | undefined {
  if (member.type === 'TSIndexSignature' || member.type === 'StaticBlock') return undefined;
  if (member.type === 'ClassMethod' && member.kind === 'constructor') return 'constructor';
  if ('computed' in member && member.computed === true) return undefined;
  const key = member.key;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateName') return `#${key.id.name}`;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

/** The compiler's script kinds: `.tsx` TSX, `.jsx` and `.[cm]js` JavaScript with JSX, anything else TypeScript. */
function languagePlugins(path: string): ParserPlugin[] {
  if (/\.tsx$/.test(path)) return ['typescript', 'jsx'];
  if (/\.jsx$|\.[cm]?js$/.test(path)) return ['jsx', 'flow'];
  return ['typescript'];
}
