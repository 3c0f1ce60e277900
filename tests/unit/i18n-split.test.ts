/**
 * The English words are split in two (issue 17): src/i18n/en.ts, in the page's first chunk, holds
 * the words the page can show before any lazy chunk has loaded; src/i18n/en-more.ts, the words only
 * lazy chunks show, arrives with them. Read from the sources (scripts/i18n-graph.ts): the static
 * import graph from src/main.tsx, and which keys each module can spell (literals, `q.${id}`
 * templates, 'q.' + id prefixes).
 */
import { describe, expect, it } from 'vitest';
import {
  firstRenderGraph,
  keysUsedBy,
  moduleInfo,
  pageGraph,
  sourceFiles,
  staticGraph,
  unprefixedKeyTemplates,
} from '../../scripts/i18n-graph';
import { en } from '../../src/i18n/en';
import { enMore } from '../../src/i18n/en-more';

const EN_MORE = 'src/i18n/en-more.ts';
const enKeys = Object.keys(en);
const moreKeys = Object.keys(enMore);
const first = firstRenderGraph();
const page = pageGraph();

/** file → the keys among `keys` it uses, for the files of `files` that use any. */
function uses(files: Iterable<string>, keys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of files) {
    const k = keysUsedBy(f, keys);
    if (k.length) out[f] = k;
  }
  return out;
}

describe('the split of the English words', () => {
  it('reads the real graph: the first render runs the app, not the lazy views', () => {
    for (const f of ['src/main.tsx', 'src/App.tsx', 'src/i18n/index.ts', 'src/i18n/en.ts', 'src/state/store.ts', 'src/state/share-sync.ts'])
      expect(first.has(f), f).toBe(true);
    for (const f of ['src/components/network/NetworkView.tsx', 'src/components/lab/SweepBody.tsx', 'src/components/explain/ExplainBody.tsx', 'src/components/share/ExportMenu.tsx', EN_MORE, 'src/i18n/zh.ts']) {
      expect(first.has(f), f).toBe(false);
      expect(page.has(f), f).toBe(true);
    }
    // …and the check sees keys built from a template's fixed start.
    expect(keysUsedBy('src/components/explain/ExplainBody.tsx', ['q.theta', 'q.m', 'net.title'])).toEqual(['q.theta', 'q.m']);
  });

  it('no module the page runs before its first render uses a word of en-more.ts', () => {
    expect(uses(first, moreKeys)).toEqual({});
  });

  it('en.ts holds only words the first render can show (the others belong in en-more.ts)', () => {
    const used = new Set(Object.values(uses(first, enKeys)).flat());
    expect(enKeys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('the two halves share no key', () => {
    expect(moreKeys.filter((k) => Object.hasOwn(en, k))).toEqual([]);
    expect(moreKeys.length).toBeGreaterThan(250);
  });

  it('every module that shows a word of en-more.ts imports it (so its chunk brings the words)', () => {
    // A module shows words when it imports the i18n module at run time (t, useT). It names the
    // word itself, or takes it from a module without run-time i18n that it imports directly (the
    // rule's words of explain/tex.ts, the recipe's titles of explain/recipe.ts).
    const I18N = 'src/i18n/index.ts';
    const named = uses(page, moreKeys);
    const holders = new Set(Object.keys(named).filter((f) => !moduleInfo(f).staticImports.includes(I18N)));
    const showing = [...page].filter((f) => {
      const imports = moduleInfo(f).staticImports;
      return imports.includes(I18N) && (f in named || imports.some((i) => holders.has(i)));
    });
    expect(showing.length).toBeGreaterThanOrEqual(15);
    expect(showing.filter((f) => !moduleInfo(f).staticImports.includes(EN_MORE))).toEqual([]);
    // …and so every lazy chunk (an import() target) with such a module loads the words with it.
    for (const entry of new Set([...page].flatMap((f) => moduleInfo(f).dynamicImports))) {
      const chunk = staticGraph(entry);
      if (showing.some((f) => chunk.has(f))) expect(chunk.has(EN_MORE), entry).toBe(true);
    }
  });

  it('no key is built from a template without a fixed start (the check could not see what it spells)', () => {
    const found = sourceFiles().flatMap((f) => unprefixedKeyTemplates(f).map((s) => `${f}: ${s}`));
    expect(found).toEqual([]);
  });

  it('the CLI and the workers load no interface words', () => {
    const entries = ['src/cli/main.ts', 'src/worker/engine.worker.ts', 'src/worker/sweep.worker.ts', 'src/components/network/network.worker.ts', 'src/export/gif.worker.ts'];
    for (const entry of entries) {
      const graph = staticGraph(entry);
      expect(graph.size, entry).toBeGreaterThan(1);
      expect([...graph].filter((f) => f.startsWith('src/i18n/')), entry).toEqual([]);
    }
  });
});
