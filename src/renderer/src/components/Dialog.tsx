/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, closes it on Esc and returns focus
 * to where it was. `Modal` is the bare element (the timeline's drawer lays out its own content in it), `Dialog`
 * adds a title and actions, and `ConfirmDialog` asks before something cannot be undone.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  open: boolean;
  onClose: () => void;
  className: string;
  /** The id of the element that names the dialog. */
  labelledBy: string;
  /**
   * False holds back Esc and clicks on the backdrop, for content that must ask before it is closed (it handles
   * Esc itself and calls `onClose` when it is done). Default true.
   */
  dismissable?: boolean;
  /** Mounted only while open. */
  children: ReactNode;
}

export function Modal({ open, onClose, className, labelledBy, dismissable = true, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      onClose={dismissable ? () => open && onClose() : undefined}
      onCancel={dismissable ? undefined : (e) => e.preventDefault()}
      // A click on the backdrop lands on the dialog element itself.
      onClick={dismissable ? (e) => e.target === e.currentTarget && onClose() : undefined}
    >
      {open && children}
    </dialog>
  );
}

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** Buttons at the bottom. */
  actions?: ReactNode;
  wide?: boolean;
  /** Added to the dialog's own classes, e.g. for its width. */
  className?: string;
  /** See `ModalProps.dismissable`. */
  dismissable?: boolean;
}

export function Dialog({ open, onClose, title, children, actions, wide, className, dismissable }: DialogProps) {
  const titleId = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      className={['dialog', wide && 'dialog-wide', className].filter(Boolean).join(' ')}
      labelledBy={titleId}
      dismissable={dismissable}
    >
      <div className="dialog-inner">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        {actions && <div className="dialog-actions">{actions}</div>}
      </div>
    </Modal>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ open, title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className={danger ? 'button button-danger' : 'button button-primary'} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {message}
    </Dialog>
  );
}
