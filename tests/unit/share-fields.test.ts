import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../src/share/codec';
import { CUSTOM_KEYS, FIELDS, SHARE_KEYS, defaultShareState, fieldsFor } from '../../src/share/fields';
import { surfaceFor, surfaces } from '../../src/surfaces';

describe('the share fields table', () => {
  it('has one row per link key (v is the codec frame), in the order a link writes them', () => {
    const keys = FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(Object.values(SHARE_KEYS).filter((k) => k !== SHARE_KEYS.version));
  });

  it("puts a surface's own parameters right after s, and no parameter shadows a link key", () => {
    const keys = fieldsFor(surfaces.quadratic).map((f) => f.key);
    expect(keys.slice(0, 3)).toEqual(['s', 'kappa', 'angle']);
    const top = new Set<string>(Object.values(SHARE_KEYS));
    for (const def of Object.values(surfaces)) for (const p of def.params) expect(top.has(p.key)).toBe(false);
    // custom's expression and domain likewise
    expect(fieldsFor(surfaceFor('custom')).map((f) => f.key).slice(0, 3)).toEqual(['s', CUSTOM_KEYS.f, CUSTOM_KEYS.domain]);
    for (const k of Object.values(CUSTOM_KEYS)) expect(top.has(k)).toBe(false);
  });

  it('every row round-trips a value that differs from its default, and writes nothing for the default', () => {
    const q = 'v=1&s=quadratic&kappa=50&angle=15&l2=0.1&noise=0.2&o=adam,lr=0.01&st=1,2&n=40&b=3&seed=9&stride=2&t=7&lang=zh&theme=dark&embed=1&hide=hyper';
    const { state, notices } = decodeShare(q);
    expect(notices).toEqual([]);
    expect(encodeShare(state)).toBe(q);
    expect(encodeShare(defaultShareState())).toBe('v=1&s=rosenbrock&o=gd,lr=0.001;momentum,lr=0.001;adam,lr=0.05&n=300');
  });

  it('a bad value of any row falls back to its default with a notice naming the key', () => {
    const bad: Record<string, string> = { kappa: 'x', l2: '-1', noise: 'x', o: 'nope', st: '1', n: '1.5', b: '0', seed: 'x', stride: '0', t: '-1', lang: 'fr', theme: 'blue', embed: '2', hide: 'nope' };
    for (const [key, value] of Object.entries(bad)) {
      const { notices } = decodeShare(`v=1&s=quadratic&o=gd&${key}=${value}`);
      expect(notices.map((n) => n.field.split(/[.[]/)[0]), `${key}=${value}`).toContain(key);
    }
  });
});
