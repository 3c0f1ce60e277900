/**
 * SAM, sharpness-aware minimization (Foret et al. 2021), as davda54/sam's sam.py (commit
 * 3c3afdbd): `SAM(params, base_optimizer, rho, adaptive)`, stepped with a closure.
 *
 *   s = |θ| when adaptive, 1 otherwise
 *   e = (s²·g)·ρ / (‖s·g‖ + 1e−12)     (first_step: climb towards the local maximum)
 *   g' = ∇f(θ + e), on the same batch and with the same simulated noise (then clipped, with a
 *        recipe's clip: the first gradient only sets e)
 *   θ unchanged (second_step restores it); the base optimizer steps from θ with g'
 *
 * The base optimizer is any other optimizer but sam, lbfgs, newton and schedulefree, with its own
 * hyperparameters; its weight decay acts on θ (the restored point). The learning rate a schedule
 * sets is the base's (torch's SAM shares the base's parameter groups).
 */
import { defineOptimizer, type OptimizerConfig, type OptimizerDef, type OptimizerImpl, type StepEnv, type StepFault, type Stepper } from './types';
export class SamStepper implements Stepper {
  /** Named slots, n each: `e` (the perturbation of the last step) and `g2` (the gradient at θ + e). */
  readonly state: Float64Array;
  t = 0;
  private readonly e: Float64Array;
  private readonly g2: Float64Array;
  private readonly q: Float64Array;

  constructor(
    private readonly n: number,
    readonly base: Stepper,
    private readonly rho: number,
    private readonly adaptive: boolean,
  ) {
    this.state = new Float64Array(2 * n);
    this.e = this.state.subarray(0, n);
    this.g2 = this.state.subarray(n, 2 * n);
    this.q = new Float64Array(n);
  }

  /** The recipe's clipping, applied to the second gradient (the one the base steps with). */
  clipGradient: ((g: Float64Array) => void) | null = null;

  get lr(): number {
    return this.base.lr;
  }
  set lr(v: number) {
    this.base.lr = v;
  }
  setMomentum(m: number): void {
    this.base.setMomentum?.(m);
  }

  step(p: Float64Array, g: Float64Array, env: StepEnv): StepFault | null {
    const { n, e, g2, q, adaptive } = this;
    // _grad_norm: ‖s·g‖₂ (torch.norm of the per-parameter norms; one parameter tensor here).
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const a = adaptive ? Math.abs(p[i]) * g[i] : g[i];
      ss += a * a;
    }
    const scale = this.rho / (Math.sqrt(ss) + 1e-12);
    for (let i = 0; i < n; i++) {
      const ei = (adaptive ? p[i] * p[i] : 1) * g[i] * scale;
      e[i] = ei;
      q[i] = p[i] + ei;
    }
    env.evaluate(q, g2);
    if (this.clipGradient !== null) this.clipGradient(g2);
    this.t++;
    return this.base.step(p, g2, env);
  }
}

export type SamHyper = { rho: number; adaptive: boolean; base: OptimizerConfig };

/** The optimizers SAM cannot wrap (CONTRACT §4). */
export const SAM_EXCLUDED = ['sam', 'lbfgs', 'newton', 'schedulefree'] as const;

/** Annotated: SamHyper's base names an optimizer, whose name type the registry derives from this list. */
export const sam: OptimizerDef<SamHyper, 'sam'> = defineOptimizer<SamHyper>()({
  name: 'sam',
  label: 'SAM',
  torch: null,
  hyper: [
    {
      key: 'rho',
      label: 'ρ',
      help: 'Radius of the neighbourhood: the gradient is taken at θ + e, ‖e‖ = ρ (uphill).',
      ownHelp: true,
      kind: 'number',
      default: 0.05,
      min: 0,
      max: 1e3,
      sliderMin: 1e-3,
      sliderMax: 2,
      scale: 'log',
    },
    {
      key: 'adaptive',
      label: 'adaptive',
      help: 'ASAM: scale the neighbourhood per coordinate by |θ|.',
      kind: 'boolean',
      default: false,
    },
    {
      key: 'base',
      label: 'base optimizer',
      help: 'The optimizer that steps with the gradient taken at θ + e.',
      kind: 'optimizer',
      default: { name: 'gd', lr: 0.1 },
      exclude: SAM_EXCLUDED,
    },
  ],
  needsHessian: false,
  state: [
    { name: 'e', size: 'n' },
    { name: 'g2', size: 'n' },
  ],
  words: {
    'q.e': 'perturbation (uphill, length ρ)',
    'q.g2': 'gradient at θ + e',
  },
  forward: 'base',
  torchExport: {
    ctor: 'SAM',
    closure: true,
    referenceClass: true,
    args: (h, py) => {
      const base = py.nested(h.base);
      return [base.ctor, `rho=${py.value(h.rho)}`, `adaptive=${py.value(h.adaptive)}`, ...base.args];
    },
  },
});

/**
 * SAM's step builds its base through the implementations' registry, which passes `createBase` in
 * (./impl.ts imports this file; this file importing it back would put the registry, and so every
 * stepper, wherever SAM's definition goes: the page's first chunk).
 */
export function samImpl(createBase: (entry: OptimizerConfig, n: number) => Stepper): OptimizerImpl<SamHyper> {
  return {
    create: (h, n) => new SamStepper(n, createBase(h.base, n), h.rho, h.adaptive),
    explain: (x) => {
      const e = x.after('e');
      const g2 = x.after('g2');
      return {
        rows: [
          { id: 'e', tex: 'e_t', value: { kind: 'vec', v: e }, slot: { name: 'e', when: 'after' } },
          { id: 'g2', tex: String.raw`g'_t`, value: { kind: 'vec', v: g2 }, slot: { name: 'g2', when: 'after' } },
        ],
        arrows: (() => {
          // The base's lr (a plain gradient step of the base, for the picture).
          const lr = typeof x.h.base.lr === 'number' ? x.h.base.lr : 0;
          return [
            { id: 'grad' as const, sym: '−γg', v: [-lr * x.g[0], -lr * x.g[1]] as [number, number] },
            { id: 'perturb' as const, sym: 'e', v: e },
            { id: 'perturbedGrad' as const, sym: '−γg′', v: [-lr * g2[0], -lr * g2[1]] as [number, number], from: e },
          ];
        })(),
        perCoord: null,
      };
    },
  };
}
