'use client';

import { useEffect } from 'react';

/**
 * Marks the page as interactive: `<html data-hydrated="true">` once React has hydrated it and run the effects of
 * everything rendered before this marker (it is the last element of the body). Until then a click on a button or a
 * key press does nothing, because no handler is attached yet. The end-to-end tests wait for this mark before they
 * click or press anything (e2e/fixtures/ready.ts), so a busy machine cannot make them act too early.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
