/**
 * TypeScript / JavaScript symbols from a real parser (`ts.createSourceFile`: syntax
 * only, no type checking, ≈55 µs per KB): top-level declarations and class members,
 * and the signature lines that make up a skeleton.
 */
// First: the compiler needs CommonJS globals while it loads (see the module).
import ts from 'typescript';
import type { DefinitionKind, ParsedSource, SymbolDefinition } from './parsed-source.ts';

/** Interfaces and type aliases up to this many lines go into skeletons whole. */
const SHORT_TYPE_LINES = 30;

export function parseTypeScript(path: string, content: string): ParsedSource {
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, false, scriptKind(path));
  const definitions: SymbolDefinition[] = [];
  const skeleton = new Set<number>();
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  const span = (node: ts.Node): { startLine: number; endLine: number } => ({
    startLine: lineOf(node.getStart(source)),
    endLine: lineOf(node.getEnd()),
  });
  const addLines = (from: number, to: number): void => {
    for (let line = from; line <= to; line += 1) skeleton.add(line);
  };
  /** Lines from the node's start up to (and including) the line where its body opens. */
  const addSignature = (node: ts.Node, body: ts.Node | undefined): void => {
    const { startLine, endLine } = span(node);
    if (body === undefined) addLines(startLine, endLine);
    else addLines(startLine, lineOf(body.getStart(source)));
  };
  const define = (name: string, kind: DefinitionKind, node: ts.Node, exported: boolean, container?: string): void => {
    const definition: SymbolDefinition = { name, kind, ...span(node), exported };
    if (container !== undefined) definition.container = container;
    definitions.push(definition);
  };

  for (const statement of source.statements) {
    const exported = isExported(statement);
    if (ts.isExportDeclaration(statement)) {
      addSignature(statement, undefined);
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      define(statement.name.text, 'function', statement, exported);
      addSignature(statement, statement.body);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      const className = statement.name.text;
      define(className, 'class', statement, exported);
      const classSpan = span(statement);
      const firstMember = statement.members[0];
      const headerEnd = firstMember
        ? Math.max(classSpan.startLine, span(firstMember).startLine - 1)
        : classSpan.endLine;
      addLines(classSpan.startLine, Math.min(headerEnd, classSpan.startLine + 2));
      skeleton.add(classSpan.endLine);
      for (const member of statement.members) {
        const name =
          member.name &&
          (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name))
            ? member.name.text
            : ts.isConstructorDeclaration(member)
              ? 'constructor'
              : undefined;
        if (name === undefined) continue;
        const isMethod =
          ts.isMethodDeclaration(member) ||
          ts.isConstructorDeclaration(member) ||
          ts.isGetAccessor(member) ||
          ts.isSetAccessor(member);
        define(name, isMethod ? 'method' : 'variable', member, exported, className);
        const body = isMethod ? (member as ts.FunctionLikeDeclaration).body : undefined;
        if (isMethod && body) addSignature(member, body);
        else addLines(span(member).startLine, span(member).startLine);
      }
    } else if (
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    ) {
      const kind: DefinitionKind = ts.isInterfaceDeclaration(statement)
        ? 'interface'
        : ts.isEnumDeclaration(statement)
          ? 'enum'
          : 'type';
      define(statement.name.text, kind, statement, exported);
      const { startLine, endLine } = span(statement);
      if (endLine - startLine < SHORT_TYPE_LINES) addLines(startLine, endLine);
      else {
        skeleton.add(startLine);
        skeleton.add(endLine);
      }
    } else if (ts.isModuleDeclaration(statement)) {
      define(statement.name.text, 'module', statement, exported);
      skeleton.add(span(statement).startLine);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const initializer = declaration.initializer;
        const isFunction =
          initializer !== undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer));
        define(declaration.name.text, isFunction ? 'function' : 'variable', statement, exported);
        if (isFunction) addSignature(statement, (initializer as ts.ArrowFunction | ts.FunctionExpression).body);
        else skeleton.add(span(statement).startLine);
      }
    } else if (ts.isExportAssignment(statement)) {
      skeleton.add(span(statement).startLine);
    }
  }
  return { definitions, skeletonLines: [...skeleton].sort((a, b) => a - b) };
}

function isExported(statement: ts.Statement): boolean {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
