import type { ReactNode } from 'react';

/**
 * The tables of the token and webhook pages: a caption for screen readers (it names the table), one header cell a
 * column, and the rows the caller renders (each with a row header, so every row has a name). Scrolls sideways on a
 * narrow screen rather than squeezing.
 */
export function ListTable({ caption, columns, children }: { caption: string; columns: (string | false)[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {columns
              .filter((column): column is string => column !== false)
              .map((column) => (
                <th key={column} scope="col" className="p-2">
                  {column}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
