import { Spinner } from '@digdir/designsystemet-react';

/** A spinner with words: the county's figures are computed live and can take a second or two. */
export function Computing({ text }: { text: string }) {
  return (
    <div className="nara-computing" role="status" data-testid="computing">
      <Spinner aria-hidden="true" data-size="sm" />
      <span>{text}</span>
    </div>
  );
}
