'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The box around a chart's SVG. The SVG never shrinks below its drawing size (so its text stays at least 12 px,
 * WCAG 1.4.4), and on a narrow screen the box scrolls sideways instead. Only while it actually scrolls is it a
 * named region in the tab order, so keyboard users can scroll it (WCAG 2.1.1) and wide screens get no extra tab
 * stop. Everything else stays server-rendered: this is the only script a chart has.
 */
export function ChartScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [isScrollable, setIsScrollable] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setIsScrollable(element.scrollWidth > element.clientWidth + 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className="max-w-full overflow-x-auto"
      data-scrollable={isScrollable ? 'true' : 'false'}
      {...(isScrollable ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
