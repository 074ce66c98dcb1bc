/** @module Button and IconButton: the only clickable primitives; an icon button always has an accessible name. */
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', size = 'normal', className, type = 'button', ...rest }: ButtonProps) {
  return <button {...rest} type={type} data-variant={variant} data-size={size} className={className ? `weft-button ${className}` : 'weft-button'} />;
}

export interface IconButtonProps extends Omit<ButtonProps, 'children' | 'aria-label'> {
  /** Read by screen readers and shown as a tooltip. */
  label: string;
  icon: ReactNode;
}

export function IconButton({ label, icon, className, variant = 'ghost', ...rest }: IconButtonProps) {
  return (
    <Button {...rest} variant={variant} aria-label={label} title={label} className={className ? `weft-icon-button ${className}` : 'weft-icon-button'}>
      <span aria-hidden="true">{icon}</span>
    </Button>
  );
}
