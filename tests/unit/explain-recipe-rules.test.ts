/**
 * The recipe's rules in the explanation panel (src/explain/recipe.ts): OneCycle with cycleMomentum
 * writes the momentum it cycles (μ for SGD, β₁ for the Adam family) beside the lr, phase by phase,
 * and every rule of every schedule is LaTeX that KaTeX typesets.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/engine';
import { recipeRules, scheduleLines } from '../../src/explain/recipe';
import type { OneCycleSchedule } from '../../src/engine/schedule';

const onecycle = (o: Record<string, unknown>, name = 'momentum') =>
  normalizeConfig({ surface: { name: 'quadratic' }, steps: 100, optimizers: [{ name, schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100, ...o } }] }).recipes![0]!
    .schedule as OneCycleSchedule;

describe('the rules of a recipe', () => {
  it('OneCycle with cycleMomentum: μ goes from maxMomentum to baseMomentum while the lr rises, and back', () => {
    const s = onecycle({ baseMomentum: 0.85, maxMomentum: 0.95 });
    const lines = scheduleLines(s, 0.01);
    expect(lines[0]).toBe(String.raw`\gamma_t = \eta_b + \tfrac12 (\eta_a - \eta_b)(1 + \cos \pi p),\quad p = \tfrac{t-1-s_0}{s_1-s_0}`);
    expect(lines[1]).toBe(String.raw`\mu_t = \mu_b + \tfrac12 (\mu_a - \mu_b)(1 + \cos \pi p)`);
    expect(lines[2]).toMatch(/\\eta_a = 0\.004,\\ \\eta_b = 0\.1,\\ \\mu_a = 0\.95,\\ \\mu_b = 0\.85,/);
    expect(lines[3]).toMatch(/\\eta_a = 0\.1,\\ \\eta_b = 4 \\cdot 10\^\{-7\},\\ \\mu_a = 0\.85,\\ \\mu_b = 0\.95,/);
    // The Adam family cycles β₁.
    const adam = recipeRules({ schedule: onecycle({}, 'adam') }, 0.01, true)[0].lines;
    expect(adam[1]).toContain(String.raw`\beta_{1,t} = \beta_{1,b}`);
    expect(adam[2]).toContain(String.raw`\beta_{1,a} = 0.95`);
    // Linear annealing and three phases: μ stays at its maximum in the last phase.
    const three = scheduleLines(onecycle({ annealStrategy: 'linear', threePhase: true, pctStart: 0.3 }), 0.01);
    expect(three[1]).toBe(String.raw`\mu_t = \mu_a + (\mu_b - \mu_a)\, p`);
    expect(three[4]).toContain(String.raw`\mu_a = 0.95,\ \mu_b = 0.95`);
  });

  it('OneCycle without cycleMomentum says nothing of a momentum', () => {
    const lines = scheduleLines(onecycle({ cycleMomentum: false }), 0.01);
    expect(lines.join(' ')).not.toMatch(/\\mu|\\beta/);
  });

  it('every rule of every schedule typesets', () => {
    const schedules = [
      { name: 'step', stepSize: 10, gamma: 0.5 },
      { name: 'multistep', milestones: [10, 30], gamma: 0.1 },
      { name: 'exponential', gamma: 0.97 },
      { name: 'cosine', tMax: 100, etaMin: 0.001 },
      { name: 'linear', startFactor: 0.1, totalIters: 20 },
      { name: 'onecycle', maxLr: 0.1, totalSteps: 100 },
      { name: 'onecycle', maxLr: 0.1, totalSteps: 100, threePhase: true, annealStrategy: 'linear' },
      { name: 'sequential', schedulers: [{ name: 'linear', startFactor: 0.01, totalIters: 10 }, { name: 'cosine', tMax: 90 }], milestones: [10] },
    ];
    for (const [name, betas] of [['momentum', false], ['adam', true]] as const) {
      for (const schedule of schedules) {
        const recipe = normalizeConfig({ surface: { name: 'quadratic' }, steps: 100, optimizers: [{ name, schedule, clip: { norm: 1 }, ema: 0.99 }] }).recipes![0]!;
        for (const rule of recipeRules(recipe, 0.01, betas)) {
          for (const l of rule.lines) {
            expect(() => katex.renderToString(l, { throwOnError: true }), l).not.toThrow();
            // A command that lost its backslash still typesets, as a word: none may.
            expect(l, l).not.toMatch(/(?<![\\a-z])(quad|frac|tfrac|cdot|cos|gamma|eta|mu|beta|min|lfloor|rfloor)(?![a-z])/);
          }
        }
      }
    }
  });
});
