/**
 * @module @weft/ui-kit: what every Weft widget is built from: the provider, hooks, styles and primitives.
 *
 *   const unmount = mountWidget(el, <WidgetRoot api={api}><MyWidget /></WidgetRoot>, { styles: myCss });
 *   function MyWidget() { const t = useStrings(); return <EmptyState title={t('flowManager.empty')} />; }
 */
// Provider and hooks
export { WidgetRoot, useWidgetRoot, useApi, useStrings, useEmitter } from './widget-root.tsx';
export type { WidgetRootProps, WidgetContextValue, Theme } from './widget-root.tsx';
// Host events
export { createEmitter } from './emitter.ts';
export type { WidgetEmitter, WidgetEventHandler } from './emitter.ts';
// Strings
export { createTranslate, commonStrings, missingTranslations, placeholderMismatches } from './strings.ts';
export type { Locale, StringCatalogue, Catalogues, Translate } from './strings.ts';
// Per-instance stores and the handle a widget exposes
export type { WidgetHandle } from './widget-handle.ts';
export { createStoreContext } from './store-context.tsx';
export { useDebouncedValue } from './use-debounced-value.ts';
export { useLoadEvery } from './use-load-every.ts';
// Keyboard shortcuts: leave keys typed into fields alone
export { isTypingEvent, isEditableElement } from './is-typing.ts';
// App shells (Studio, Backoffice): hash routing and the log-in form's state
export { useHashRoute } from './use-hash-route.ts';
export { formatRelativeTime } from './relative-time.ts';
export { useCredentialsForm } from './use-credentials-form.ts';
export type { Credentials, CredentialsForm } from './use-credentials-form.ts';
// Mounting and styles
export { mountWidget } from './mount-widget.tsx';
export type { MountOptions, MountedWidget } from './mount-widget.tsx';
export { baseStyles } from './base-styles.ts';
// Primitives
export { Button, IconButton } from './components/button.tsx';
export type { ButtonProps, ButtonVariant, IconButtonProps } from './components/button.tsx';
export { CopyButton, copyText } from './components/copy-button.tsx';
export type { CopyButtonProps } from './components/copy-button.tsx';
export { TextInput, TextArea, Select } from './components/text-input.tsx';
export type { TextInputProps, TextAreaProps, SelectProps, SelectOption } from './components/text-input.tsx';
export { Dialog, ConfirmDialog } from './components/dialog.tsx';
export type { DialogProps, ConfirmDialogProps } from './components/dialog.tsx';
export { Spinner, EmptyState, ErrorState, Badge } from './components/states.tsx';
export { Toolbar, ToolbarSpacer } from './components/toolbar.tsx';
