/** The button and field styles the column and lane settings dialogs share (one look for one kind of dialog). */
export const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800';
export const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60';
export const buttonDanger =
  'inline-flex min-h-9 items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800';
export const buttonDangerOutline =
  'inline-flex min-h-9 items-center justify-center rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50';
export const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';
export const selectClass = 'min-h-9 max-w-xs rounded border border-slate-500 bg-white px-2 py-1 text-slate-900';
