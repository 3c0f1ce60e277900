/**
 * The parts both Export dialogs are made of (the 2-D view's, src/components/share/ExportMenu.tsx,
 * and the Network view's, src/components/network/NetworkExport.tsx): a titled group of buttons,
 * and the status line that says what was saved or what failed.
 */
import type { ReactNode } from 'react';

/** A group of the dialog: its title, a row of buttons (each with its key), and anything under them (a progress bar). */
export function ExportGroup({ id, title, buttons, children }: { id: string; title: string; buttons: ReactNode[]; children?: ReactNode }) {
  return (
    <section className="export-group" aria-labelledby={id}>
      <h3 id={id} className="export-title">
        {title}
      </h3>
      <div className="export-row">{buttons}</div>
      {children}
    </section>
  );
}

export interface ExportStatusState {
  text: string;
  error?: boolean;
}

/** What the last action did, read out by screen readers as it changes. */
export function ExportStatus({ status }: { status: ExportStatusState }) {
  return (
    <p className={`export-status${status.error ? ' is-error' : ''}`} role="status">
      {status.text}
    </p>
  );
}
