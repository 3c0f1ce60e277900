/**
 * The AST of a `custom` surface expression (CONTRACT.md §8). `at` is the 0-based index in the
 * source of the node's token (the operator of a binary node), for messages.
 */

/** The functions of the grammar, in the contract's order. */
export const FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan'] as const;
export type FnName = (typeof FUNCTIONS)[number];

export type BinOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { k: 'num'; v: number; text: string; at: number }
  | { k: 'var'; name: 'x' | 'y'; at: number }
  | { k: 'const'; name: 'pi' | 'e'; at: number }
  | { k: 'neg'; a: Expr; at: number }
  | { k: 'bin'; op: BinOp; a: Expr; b: Expr; at: number }
  | { k: 'call'; fn: FnName; a: Expr; at: number };

/** Does `e` depend on x or y? */
export function dependsOnVars(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'const':
      return false;
    case 'var':
      return true;
    case 'neg':
    case 'call':
      return dependsOnVars(e.a);
    case 'bin':
      return dependsOnVars(e.a) || dependsOnVars(e.b);
  }
}
