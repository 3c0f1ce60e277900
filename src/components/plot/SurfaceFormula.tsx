/**
 * A formula typeset as its separate equations (a surface's f(x, y) and its helpers, a line of an
 * update rule), each of which never breaks: a narrow box wraps between equations, never inside one.
 */
import { Tex } from '../explain/ExplainTex';

/**
 * The equations of a formula: split at top-level `\quad` (outside braces and environments) and
 * at ",\ " — a comma with a space between two equations — each part keeping its comma; and
 * before a clause in words that starts with a comma (`\text{, else }`).
 */
export function formulaParts(latex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '\\' && depth === 0) {
      const quad = latex.startsWith('\\quad', i) && !/[a-zA-Z]/.test(latex[i + 5] ?? '');
      const space = latex.startsWith('\\ ', i) && latex.slice(start, i).trimEnd().endsWith(',');
      // A clause in words that starts with a comma ("\text{, else }"): a break before it.
      const clause = /^\\text\{[,，；;]/.test(latex.slice(i, i + 8)) && i > start;
      if (quad || space) {
        out.push(latex.slice(start, i).trim());
        start = i + (quad ? 5 : 2);
        i = start - 1;
      } else if (clause) {
        out.push(latex.slice(start, i).trim());
        start = i;
        i += 5;
      } else i++;
    }
  }
  out.push(latex.slice(start).trim());
  return out.filter((p) => p.length > 0);
}

export function SurfaceFormula({ latex, className, display = false }: { latex: string; className?: string; display?: boolean }) {
  return (
    <span className={`surface-formula ${className ?? ''}`}>
      {formulaParts(latex).map((p, i) => (
        <Tex key={i} tex={p} display={display} className="formula-part" />
      ))}
    </span>
  );
}
