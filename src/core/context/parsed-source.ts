/** What parsing one source file yields: its definitions and its skeleton. */

export type DefinitionKind = 'function' | 'class' | 'method' | 'interface' | 'type' | 'enum' | 'variable' | 'module';

export interface SymbolDefinition {
  name: string;
  kind: DefinitionKind;
  /** 1-based, inclusive: the whole definition, body included. */
  startLine: number;
  endLine: number;
  exported: boolean;
  /** Enclosing class / impl, for methods. */
  container?: string;
}

export interface ParsedSource {
  definitions: SymbolDefinition[];
  /** Line numbers (1-based) that make up the skeleton: signatures, headers, type members. */
  skeletonLines: number[];
}
