// Types of import-graph.mjs (for test/package/imports.test.ts).
export interface Layer {
  name: string;
  paths: string[];
  separate?: boolean;
}
export declare const LAYERS: Layer[];
export declare const ALLOWED: Set<string>;
export declare const WEB_ENTRIES: string[];
export declare function importsOf(source: string): string[];
export declare function resolveImport(from: string, spec: string, exists: (path: string) => boolean): string | undefined;
export declare function layerOf(file: string): { index: number; group: string } | undefined;
export declare function buildGraph(files: Record<string, string>): { graph: Map<string, string[]>; unresolved: string[] };
export declare function findCycles(graph: Map<string, string[]>): { cycle: string[]; files: string[] }[];
export declare function checkImports(files: Record<string, string>): string[];
