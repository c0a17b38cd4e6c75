import { useEffect } from 'react';
import { Heading } from '@digdir/designsystemet-react';

/** The page's one h1, mirrored in the document title. */
export function PageTitle({ children, title }: { children: React.ReactNode; title?: string }) {
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} – Nära` : 'Nära';
  }, [text]);
  return (
    <Heading level={1} data-size="lg" className="nara-h1">
      {children}
    </Heading>
  );
}
