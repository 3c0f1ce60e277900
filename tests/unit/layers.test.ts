import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS, checkLayers, importsOf, moduleOf, resolve, type SourceFile } from './layers';

const root = join(__dirname, '..', '..');

function sources(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    if (!/\.(ts|tsx)$/.test(e.name)) return [];
    return [{ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }];
  });
}

describe('layers of src/', () => {
  it('every import in src points to a lower layer', () => {
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const lines = checkLayers(files).map((v) => `${v.file}: '${v.specifier}': ${v.message}`);
    expect(lines).toEqual([]);
  });

  it('every top-level folder of src has a place in the order', () => {
    const placed = LAYERS.flat();
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !placed.includes(f))).toEqual([]);
  });
});

describe('the layer checker', () => {
  const file = (path: string, text: string): SourceFile => ({ path, text });

  it('finds static, type-only, re-export and dynamic imports', () => {
    const text = [
      "import { a } from '../x';",
      "import type { B } from '../y';",
      "export { c } from './z';",
      "const m = await import('../w');",
      "import '../styles/app.css';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../x', '../y', './z', '../w', '../styles/app.css']);
  });

  it('names modules and resolves relative paths', () => {
    expect(moduleOf('src/optim/adam.ts')).toBe('optim');
    expect(moduleOf('src/App.tsx')).toBe('App');
    expect(moduleOf('tests/unit/x.ts')).toBe(null);
    expect(resolve('src/components/plot/pathLayer.ts', '../../state/store')).toBe('src/state/store');
    expect(resolve('src/worker/client.ts', './engine.worker?worker')).toBe('src/worker/engine.worker');
  });

  it('fails on a planted import from optim into state', () => {
    const bad = file('src/optim/adam.ts', "import { appStore } from '../state/store';\nexport const x = 1;");
    expect(checkLayers([bad])).toEqual([
      { file: 'src/optim/adam.ts', specifier: '../state/store', message: 'optim (layer 1) imports state (layer 5), a higher layer' },
    ]);
  });

  it('fails on each forbidden direction the issue names', () => {
    const lower = ['optim', 'surfaces', 'math', 'engine'];
    const higher = ['state', 'components', 'export'];
    for (const l of lower) {
      for (const h of higher) {
        const v = checkLayers([file(`src/${l}/f.ts`, `import type { T } from '../${h}/g';`)]);
        expect(v, `${l} → ${h}`).toHaveLength(1);
      }
    }
    for (const h of higher) {
      expect(checkLayers([file('src/plot/marks.ts', `import type { Shape } from '../${h}/palette';`)])).toHaveLength(1);
    }
    // and a deep component path, a dynamic import, a re-export
    expect(checkLayers([file('src/engine/run.ts', "export { x } from '../components/plot/pathLayer';")])).toHaveLength(1);
    expect(checkLayers([file('src/surfaces/a.ts', "const m = import('../state/store');")])).toHaveLength(1);
  });

  it('fails on an import between siblings, outside src, into an unplaced folder, and of a UI package from the core', () => {
    expect(checkLayers([file('src/optim/a.ts', "import { getSurface } from '../surfaces';")])[0].message).toBe(
      'optim imports its sibling surfaces (both layer 1)',
    );
    expect(checkLayers([file('src/engine/a.ts', "import x from '../../tests/fixtures/f.json';")])[0].message).toBe(
      'imports tests/fixtures/f.json, outside src',
    );
    expect(checkLayers([file('src/engine/a.ts', "import { y } from '../misc/y';")])[0].message).toBe(
      'imports src/misc, which has no place in LAYERS',
    );
    expect(checkLayers([file('src/misc/a.ts', 'export const y = 1;')])).toHaveLength(1);
    expect(checkLayers([file('src/optim/a.ts', "import { useState } from 'react';")])[0].message).toBe(
      'optim is numeric core and must not import the UI package react',
    );
  });

  it('lets a higher layer import a lower one, and a module itself', () => {
    const ok = [
      file('src/components/plot/pathLayer.ts', "import { DASHES } from '../../plot/palette';\nimport { appStore } from '../../state/store';"),
      file('src/engine/run.ts', "import { getOptimizer } from '../optim';\nimport { rng } from './rng';"),
      file('src/plot/marks.ts', "import { t } from '../i18n';\nimport { symbol } from 'd3';"),
      file('src/App.tsx', "import './styles/app.css';\nimport { ContourPlot } from './components/plot/ContourPlot';"),
    ];
    expect(checkLayers(ok)).toEqual([]);
  });
});
