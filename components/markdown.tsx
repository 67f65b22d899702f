import ReactMarkdown, { defaultUrlTransform, type Components, type UrlTransform } from 'react-markdown';
import type { ReactNode } from 'react';
import rehypeSanitize from 'rehype-sanitize';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Keeps only absolute http(s) and mailto addresses. The default transform already drops javascript: and data:,
 * but it also lets relative paths through, which in a card could point at this app's own actions.
 */
const urlTransform: UrlTransform = (url) => {
  const safe = defaultUrlTransform(url);
  if (!safe) return null;
  try {
    return ALLOWED_PROTOCOLS.has(new URL(safe).protocol) ? safe : null;
  } catch {
    return null;
  }
};

// Markdown headings would land inside whatever heading outline surrounds the text (a dialog's h2, a page's h1),
// breaking the order screen-reader users navigate by; they are shown as bold paragraphs instead.
function HeadingAsParagraph({ children }: { children?: ReactNode }) {
  return <p className="font-semibold">{children}</p>;
}

const COMPONENTS: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" className="text-brand-700">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // An image loads from its host as soon as the text is shown, telling that host who read the card. Show it as a
  // link instead, so nothing is fetched unless someone chooses to.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} rel="noopener noreferrer nofollow" className="text-brand-700">
        {alt || src}
      </a>
    ) : (
      <span>{alt}</span>
    ),
  h1: HeadingAsParagraph,
  h2: HeadingAsParagraph,
  h3: HeadingAsParagraph,
  h4: HeadingAsParagraph,
  h5: HeadingAsParagraph,
  h6: HeadingAsParagraph,
};

export type MarkdownProps = {
  text: string;
  className?: string;
};

/** User-written markdown (card descriptions, column policies), rendered without raw HTML and sanitised. */
export function Markdown({ text, className }: MarkdownProps) {
  return (
    <div className={className ? `prose-policy ${className}` : 'prose-policy'}>
      <ReactMarkdown skipHtml rehypePlugins={[rehypeSanitize]} urlTransform={urlTransform} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
