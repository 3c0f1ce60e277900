/**
 * Which interface words the page's first chunk needs (issue 17). The English words are split in
 * two: src/i18n/en.ts, in the first chunk, and src/i18n/en-more.ts, loaded with the lazy chunks
 * that show them. A word may live in en-more.ts only if no module of the page's static import
 * graph (everything src/main.tsx imports without `import()`; vite.config.ts puts it all in the
 * first chunk) can show it. This file reads the sources (TypeScript's parser, no build) and
 * answers that; tests/unit/i18n-split.test.ts holds the split to it.
 *
 *   npx tsx scripts/i18n-graph.ts   # prints the en.ts keys no static module uses (they could move)
 *
 * A module "uses" a key when one of its string literals is the key, or one of its template
 * literals with a fixed start (`q.${id}`, `net.${what}`) can spell it, or one of its string
 * literals ending in "." starts it ('q.' + id). Literals of en.ts, en-more.ts and zh.ts (the
 * dictionaries themselves) do not count.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = join(ROOT, 'src');
/** The dictionaries: their literals are the words, not uses of them. */
const DICTIONARIES = new Set(['src/i18n/en.ts', 'src/i18n/en-more.ts', 'src/i18n/zh.ts']);

export interface ModuleInfo {
  /** Path from the project root, e.g. "src/App.tsx". */
  file: string;
  /** Modules it imports statically (import/export … from, `import 'x'`; not `import type`). */
  staticImports: string[];
  /** Modules it imports with `import()` (React.lazy and the like). */
  dynamicImports: string[];
  /** Its string literals (not the dictionaries'). */
  strings: string[];
  /** Its template literals as patterns: the fixed parts, in order (`q.${id}` → ["q.", ""]). */
  templates: string[][];
}

const cache = new Map<string, ModuleInfo>();

function resolveSpecifier(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // a package: not the app's words
  const base = resolve(dirname(join(ROOT, from)), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  return null; // CSS, JSON, …
}

/** Is this import only types (erased from the build)? */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const c = node.exportClause;
    return !!c && ts.isNamedExports(c) && c.elements.length > 0 && c.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // import 'x': for its side effects
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const b = clause.namedBindings;
  if (!b) return false;
  if (ts.isNamespaceImport(b)) return false;
  return b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
}

export function moduleInfo(file: string): ModuleInfo {
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const info: ModuleInfo = { file, staticImports: [], dynamicImports: [], strings: [], templates: [] };
  const words = !DICTIONARIES.has(file);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveSpecifier(file, node.moduleSpecifier.text);
      if (target && !typeOnly(node)) info.staticImports.push(target);
      return;
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) {
        const target = resolveSpecifier(file, arg.text);
        if (target) info.dynamicImports.push(target);
      }
      return;
    }
    if (ts.isImportTypeNode(node)) return; // typeof import('./x'): a type
    if (words) {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) info.strings.push(node.text);
      else if (ts.isTemplateExpression(node)) info.templates.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  cache.set(file, info);
  return info;
}

/** The modules reachable from `entry`, itself included, through the imports `next` follows. */
function reach(entry: string, next: (m: ReturnType<typeof moduleInfo>) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...next(moduleInfo(f)));
  }
  return seen;
}

/** The modules `entry` imports statically, itself included, transitively. */
export function staticGraph(entry = 'src/main.tsx'): Set<string> {
  return reach(entry, (m) => m.staticImports);
}

/**
 * The modules the page may run before its first render: the static graph of src/main.tsx and of
 * the modules main.tsx itself loads with `import()` and awaits (a share link's code).
 */
export function firstRenderGraph(entry = 'src/main.tsx'): Set<string> {
  const out = staticGraph(entry);
  for (const d of moduleInfo(entry).dynamicImports) for (const f of staticGraph(d)) out.add(f);
  return out;
}

/** Every module the page can load: the static graph and whatever `import()` reaches from it. */
export function pageGraph(entry = 'src/main.tsx'): Set<string> {
  return reach(entry, (m) => [...m.staticImports, ...m.dynamicImports]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The keys among `keys` that a module can spell (see the header). */
export function keysUsedBy(file: string, keys: readonly string[]): string[] {
  const m = moduleInfo(file);
  const strings = new Set(m.strings);
  const prefixes = m.strings.filter((s) => s.endsWith('.') && s.length > 1);
  const patterns = m.templates.filter((parts) => parts[0].length > 0).map((parts) => new RegExp(`^${parts.map(escape).join('.*')}$`, 's'));
  return keys.filter((k) => strings.has(k) || prefixes.some((p) => k.startsWith(p)) || patterns.some((re) => re.test(k)));
}

/**
 * Template literals that build a key from nothing fixed at its start (`${group}.title`) in a call
 * of t/tMaybe: the check above cannot see what they spell, so they must not exist.
 */
export function unprefixedKeyTemplates(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/\bt(?:Maybe)?\(\s*`\$\{[^`]*`/g)].map((m) => m[0]);
}

/** Every .ts/.tsx file under src. */
export function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name)) out.push(relative(ROOT, p));
  }
  return out.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { en } = await import('../src/i18n/en');
  const keys = Object.keys(en);
  const first = firstRenderGraph();
  const used = new Set<string>();
  for (const f of first) for (const k of keysUsedBy(f, keys)) used.add(k);
  const movable = keys.filter((k) => !used.has(k));
  console.log(`${first.size} modules before the first render; ${keys.length} keys in en.ts, ${movable.length} used by none of them:`);
  for (const k of movable) console.log(`  ${k}`);
}
