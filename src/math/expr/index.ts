/**
 * Expressions of the `custom` surface (CONTRACT.md §8): parse (safe, positions in errors),
 * compile (f, ∇f and the Hessian, exact, allocation-free), and print as torch code or LaTeX.
 * Pure TypeScript: nothing here imports state, components or export.
 */
export { FUNCTIONS, type Expr, type FnName, type BinOp } from './ast';
export {
  EXPR_MESSAGES,
  ExprError,
  MAX_EXPR_DEPTH,
  MAX_EXPR_LENGTH,
  checkExpr,
  parseExpr,
  wordExprProblem,
  type ExprErrorCode,
  type ExprMessageKey,
  type ExprValues,
  type FoundToken,
} from './parse';
export { compileExpr, powi, type Compiled } from './compile';
export { toTorch } from './torch';
export { toLatex } from './latex';
