/** What a stepper may ask of the objective within one step (this step's batch and noise). */
export interface Evaluator {
  /** Loss and gradient at θ on this step's batch, noise included (writes g). */
  evaluate(theta: Float64Array, g: Float64Array): number;
}
