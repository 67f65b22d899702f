'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * After an in-app navigation (a client-side route change) keyboard and screen-reader users start on the new page's
 * main heading, as after a full page load they would start at its top: the link they used is gone, and focus left on
 * <body> (or on a link of the old page) would make the next Tab land anywhere (WCAG 2.4.3). The skip link then
 * works again from there (Shift+Tab reaches it). A page that put focus inside its <main> itself keeps it.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById('main');
    if (main && main.contains(document.activeElement) && document.activeElement !== main) return;
    const heading = main?.querySelector<HTMLElement>('h1') ?? document.querySelector<HTMLElement>('h1');
    const target = heading ?? main;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  }, [pathname]);

  return null;
}

/**
 * "Hoppa till innehållet": moves focus (not only the view) into the page's <main>, also after in-app navigation
 * and on pages whose <main> is not focusable by itself.
 */
export function SkipLink({ label }: { label: string }) {
  return (
    <a
      href="#main"
      onClick={(event) => {
        const main = document.getElementById('main');
        if (!main) return;
        event.preventDefault();
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
        main.focus();
      }}
      className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
    >
      {label}
    </a>
  );
}
