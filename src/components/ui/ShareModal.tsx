/**
 * The modal dialog of the Share, Presets and Export windows: labelled by its title, aria-modal,
 * focus moved in on open, kept inside (Tab cycles), returned to the opener on close; Escape and a
 * click on the backdrop close it. The rest of the page is made inert meanwhile, and keys pressed
 * inside do not reach the page's shortcuts (Space would play).
 */
import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n';
import '../../i18n/en-more'; // the words only lazy chunks show (issue 17)
import { Icon } from './Icon';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
}

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** What gets the focus on open (default: the first control after the close button, else the close button). */
  initialFocus?: React.RefObject<HTMLElement | null>;
}

export function Modal({ title, onClose, children, className, initialFocus }: ModalProps) {
  const t = useT();
  const titleId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement | null>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  if (hostRef.current === null && typeof document !== 'undefined') {
    hostRef.current = document.createElement('div');
    hostRef.current.className = 'modal-host';
  }

  // Mount the host, make the rest inert, move the focus in; undo all of it on close.
  useLayoutEffect(() => {
    const host = hostRef.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.appendChild(host);
    const made: Element[] = [];
    for (const el of document.body.children) {
      if (el !== host && !el.hasAttribute('inert') && el.tagName !== 'SCRIPT') {
        el.setAttribute('inert', '');
        made.push(el);
      }
    }
    return () => {
      for (const el of made) el.removeAttribute('inert');
      host.remove();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const first = initialFocus?.current ?? focusables(box).find((el) => !el.classList.contains('modal-close')) ?? box;
    first.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys inside the dialog are the dialog's: the page's shortcuts listen on window.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      closeRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const box = boxRef.current!;
    const list = focusables(box);
    if (list.length === 0) {
      e.preventDefault();
      return;
    }
    const first = list[0];
    const last = list[list.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === box)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };

  if (!hostRef.current) return null;
  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) closeRef.current();
      }}
    >
      <div
        ref={boxRef}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-head">
          <h2 className="modal-title" id={titleId}>
            {title}
          </h2>
          <button type="button" className="btn btn-small modal-close" onClick={() => closeRef.current()} aria-label={t('dialog.close')}>
            <Icon name="close" size={14} />
          </button>
        </div>
        <div className="modal-body">{children}</div>
      </div>
    </div>,
    hostRef.current,
  );
}
