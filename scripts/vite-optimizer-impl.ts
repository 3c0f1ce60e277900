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
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const OPTIM = fileURLToPath(new URL('../src/optim/', import.meta.url));
const IMPL = `${OPTIM}impl.ts`;
/** Files impl.ts imports that are not optimizer files. */
const SHARED = new Set(['index.ts', 'types.ts']);

const clean = (id: string) => id.split('?')[0];

export function optimizerImpl(): Plugin {
  return {
    name: 'descent:optimizer-impl',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || clean(importer) !== IMPL || !source.startsWith('./')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || SHARED.has(clean(resolved.id).slice(OPTIM.length))) return null;
      return `${resolved.id}?impl`;
    },
  };
}
