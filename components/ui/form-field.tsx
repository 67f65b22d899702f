'use client';

import { useId, type ReactNode } from 'react';

/** The attributes a FormField hands to its control so the label, hint and error belong to it. */
export type FormControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

type FormFieldProps = {
  label: ReactNode;
  /** Always-visible help below the control; it describes the control to screen readers. */
  hint?: ReactNode;
  /**
   * The field's error. Pass `null` for a field that can have one (its alert region then stays on the page, empty,
   * so screen readers announce a message when it appears); leave it out for a field that never has one.
   */
  error?: string | null;
  className?: string;
  /** Renders the control (input, textarea, select) with the given props spread onto it. */
  children: (control: FormControlProps) => ReactNode;
};

/**
 * A labelled form control with an optional hint and error, wired for assistive technology: the label names the
 * control, the hint and the error describe it (aria-describedby), and an error marks it invalid and is announced.
 */
export function FormField({ label, hint, error, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`flex flex-col gap-1 ${className ?? ''}`}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <p id={hintId} className="text-sm text-slate-700">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <div role="alert">
          {error && (
            <p id={errorId} className="text-sm font-medium text-red-800">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
