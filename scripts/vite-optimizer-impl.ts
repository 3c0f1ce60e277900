/**
 * A Vite plugin for the page's build: the optimizers' implementations (src/optim/impl.ts) import
 * each optimizer file as a module of its own (`adam.ts?impl`), apart from the definitions.
 *
 * Why: an optimizer is one file, its definition (what the page's controls and validation read)
 * beside its stepper and explanation (what the runner and the explanation panel run). A bundler
 * puts a module in one chunk whole, with every export some chunk uses: the definitions are needed
 * by the first render, so the steppers would travel in the page's first chunk too, although only
 * lazily loaded code (the learning-rate suggestion, the explanation panel) ever calls them. Read
 * twice, the file's definitions stay in the first chunk and its implementation goes where impl.ts
 * goes; tree-shaking drops the unused half of each copy. No code is duplicated but module-level
 * constants both halves share. The workers are built without it (Vite's `worker.plugins`): they
 * use both halves and import each file once.
 *
 * The same holds one level down: the linear algebra only the steppers use, imported at the top of
 * an optimizer file, would sit in the first chunk for the lazily loaded code that uses it. The
 * definitions' copy of an optimizer file imports its own copy of those modules (`linalg.ts?defs`),
 * which nothing uses, so it is dropped, and the real ones load with the steppers.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const OPTIM = fileURLToPath(new URL('../src/optim/', import.meta.url));
const IMPL = `${OPTIM}impl.ts`;
/** Files impl.ts imports that are not optimizer files. */
const SHARED = new Set(['index.ts', 'types.ts']);
/** Files in src/optim that are not optimizer files. */
const NOT_OPTIMIZERS = new Set([...SHARED, 'impl.ts', 'specs.ts', 'validate.ts', 'errors.ts', 'linalg.ts']);
/** Modules only the steppers use (imported by the optimizer files for them). */
const STEPPERS_ONLY = new Set([fileURLToPath(new URL('../src/math/linalg.ts', import.meta.url)), `${OPTIM}linalg.ts`]);

const clean = (id: string) => id.split('?')[0];

export function optimizerImpl(): Plugin {
  return {
    name: 'descent:optimizer-impl',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const from = clean(importer);
      if (from === IMPL) {
        if (!source.startsWith('./')) return null;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (!resolved || SHARED.has(clean(resolved.id).slice(OPTIM.length))) return null;
        return `${resolved.id}?impl`;
      }
      // An optimizer file's definitions copy (not the ?impl one) importing a steppers-only module.
      if (importer.includes('?') || !from.startsWith(OPTIM) || NOT_OPTIMIZERS.has(from.slice(OPTIM.length))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !STEPPERS_ONLY.has(clean(resolved.id))) return null;
      return `${resolved.id}?defs`;
    },
  };
}
