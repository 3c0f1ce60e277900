/**
 * Hyperparameter specs shared by several optimizers: one definition of "learning rate",
 * "weight decay", "betas", ... so every slider, share link and validation message agrees.
 */
/*
 * Powers note. torch evaluates βᵗ with pow() at every step. Descent keeps βᵗ as a running
 * product (βᵗ = βᵗ⁻¹·β), because pow is three quarters of an Adam step's time in JavaScript.
 * The two differ by about t ulps (1e-13 relative after 1000 steps), far inside the 1e-9 at
 * which every trajectory must match torch, and the reference tests check exactly that. Below
 * 1e-300 the product is flushed to 0: a subnormal βᵗ is a fixed point of the product
 * (0.9 × 2.5e-323 rounds back to 2.5e-323) and subnormal arithmetic runs many times slower;
 * torch's 1 − βᵗ is exactly 1 there as well. The products live in a Float64Array, not in object
 * fields: V8 boxes a double field, and updating one every step costs a third of Adam's speed.
 * The flush is written inline in each optimizer: as a shared helper returning 0 or a double it was
 * not inlined, and boxing its result every step halved Adam's speed.
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import type { BooleanSpec, NumberSpec, PairSpec } from './types';

export function lrSpec(def: number, sliderMin = 1e-5, sliderMax = 10): NumberSpec<'lr'> {
  return {
    key: 'lr',
    label: 'learning rate',
    help: 'Scales every step. Too small crawls, too large overshoots or diverges.',
    kind: 'number',
    default: def,
    min: 0,
    minExclusive: true,
    max: 1e6,
    sliderMin,
    sliderMax,
    scale: 'log',
  };
}

export function weightDecaySpec(def: number, decoupled = false): NumberSpec<'weightDecay'> {
  return {
    key: 'weightDecay',
    advanced: true,
    ownHelp: decoupled,
    label: 'weight decay',
    help: decoupled
      ? 'Decoupled decay: θ is multiplied by (1 − lr·λ) before the adaptive step.'
      : 'Coupled L2: λθ is added to the gradient before the update.',
    kind: 'number',
    default: def,
    min: 0,
    max: 1e3,
    sliderMin: 0,
    sliderMax: 2,
    scale: 'linear',
  };
}

export function momentumSpec(def: number): NumberSpec<'momentum'> {
  return {
    key: 'momentum',
    label: 'momentum',
    help: 'Fraction of the previous velocity kept at each step (μ).',
    kind: 'number',
    default: def,
    min: 0,
    max: 1,
    maxExclusive: true,
    sliderMin: 0,
    sliderMax: 0.999,
    scale: 'linear',
  };
}

export function epsSpec(def: number): NumberSpec<'eps'> {
  return {
    key: 'eps',
    advanced: true,
    label: 'ε',
    help: 'Added to the denominator for numerical stability.',
    kind: 'number',
    default: def,
    min: 0,
    max: 1,
    sliderMin: 1e-12,
    sliderMax: 1,
    scale: 'log',
  };
}

const unitItem = (label: string, sliderMin: number, sliderMax: number) => ({
  label,
  min: 0,
  max: 1,
  maxExclusive: true,
  sliderMin,
  sliderMax,
  scale: 'linear' as const,
});

export function betasSpec(def: [number, number] = [0.9, 0.999]): PairSpec<'betas'> {
  return {
    key: 'betas',
    label: 'betas',
    help: 'β₁ averages the gradient (first moment), β₂ its square (second moment).',
    kind: 'pair',
    default: def,
    items: [unitItem('β₁', 0, 0.999), unitItem('β₂', 0.5, 0.9999)],
  };
}

export function amsgradSpec(): BooleanSpec<'amsgrad'> {
  return {
    key: 'amsgrad',
    label: 'AMSGrad',
    help: 'Divide by the largest second moment seen so far instead of the current one.',
    kind: 'boolean',
    default: false,
  };
}

/** Flushes a running power βᵗ below 1e-300 to 0 (see the powers note above). For setMomentum, not the hot loop. */
export function flushedPow(b: number, t: number): number {
  const x = fdlibmPow(b, t);
  return x < 1e-300 ? 0 : x;
}
