import { describe, expect, it } from 'vitest';
import { REFERENCE_CLASSES, TORCH_COMMENTS } from '../../src/export/reference';
import { optimizerNames, optimizers } from '../../src/optim';

describe('the reference classes of the export', () => {
  it('exist exactly for the optimizers whose export says it has one', () => {
    const flagged = optimizerNames.filter((n) => optimizers[n].torchExport.referenceClass === true);
    expect(Object.keys(REFERENCE_CLASSES).sort()).toEqual([...flagged].sort());
    expect(flagged).toEqual(expect.arrayContaining(['sam', 'shampoo', 'schedulefree', 'lion', 'newton']));
  });

  it('are Python classes named as the constructor the script calls (Newton: the exception it raises)', () => {
    for (const [name, src] of Object.entries(REFERENCE_CLASSES)) {
      const exp = optimizers[name as keyof typeof optimizers].torchExport;
      expect(src).toContain(`class ${exp.ctor}`);
      if (exp.raises) expect(src).toContain(`class ${exp.raises}(Exception)`);
    }
  });

  it('give every optimizer one or two ASCII comment lines for its racers', () => {
    for (const name of optimizerNames) {
      const lines = TORCH_COMMENTS[name];
      expect(lines.length, name).toBeGreaterThanOrEqual(1);
      expect(lines.length, name).toBeLessThanOrEqual(2);
      for (const l of lines) expect(l, name).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
