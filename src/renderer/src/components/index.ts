/** The shared components and hooks every screen may use; see README.md beside this file. */
export { createAutosaver, flushAllAutosavers, type Autosaver, type SaveState } from './autosave';
export { ConfirmDialog, Dialog, type ConfirmDialogProps, type DialogProps } from './Dialog';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { ErrorBoundary } from './ErrorBoundary';
export { Kbd } from './Kbd';
export { isModKey, isTypingTarget, shortcutText } from './keys';
export { AI_USAGE_CHOICES, PRIVACY_CHOICES, PrivacySelector, type PrivacySelectorProps } from './PrivacySelector';
export { ProgressBar, Spinner, type ProgressBarProps } from './Progress';
export { SaveStatus } from './SaveStatus';
export { Skeleton, type SkeletonProps } from './Skeleton';
export { Snippet } from './Snippet';
export { TagChips, type TagChipsProps } from './TagChips';
export { errorMessage, useToast, type ToastApi, type ToastOptions } from './Toasts';
export { useArrowKeys } from './useArrowKeys';
export { useAutosave, type UseAutosaveOptions } from './useAutosave';
export { useDebouncedValue } from './useDebouncedValue';
export { formatDateTime, formatRelative } from './dates';
export { QueryState } from './QueryState';
