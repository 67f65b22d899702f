import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { RouteFocus, SkipLink } from '@/components/route-focus';
import { HydrationMarker } from '@/components/hydration-marker';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('app');
  return (
    <html lang={locale} data-app="tillit">
      <body className="min-h-screen">
        <SkipLink label={t('skipToContent')} />
        <RouteFocus />
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
        <HydrationMarker />
      </body>
    </html>
  );
}
