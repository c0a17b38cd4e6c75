import { render, screen } from '@testing-library/react';
import { ApiError } from '../api/client';
import { ClockTag } from './ClockTag';
import { EpisodeLiability } from './EpisodeLiability';
import { ProblemAlert } from './ProblemAlert';

describe('ProblemAlert', () => {
  it("shows the server's Swedish reason for a refused event (409)", () => {
    const err = new ApiError({
      status: 409,
      title: 'Konflikt',
      detail: 'Kallelse till SIP skickas efter underrättelse om utskrivningsklar (4 kap. 3 §).',
    });
    render(<ProblemAlert error={err} title="Händelsen kunde inte registreras." />);
    expect(screen.getByRole('alert')).toHaveTextContent('Händelsen kunde inte registreras.');
    expect(screen.getByRole('alert')).toHaveTextContent('4 kap. 3 §');
  });
  it('names invalid fields by their messages, and falls back to a plain sentence', () => {
    render(
      <ProblemAlert
        error={new ApiError({ status: 422, errors: [{ field: 'identifier', rule: 'personnummer.checksum', detail: 'Kontrollsiffran är fel.' }] })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Kontrollsiffran är fel.');
  });
  it('says the server cannot be reached on a network error', () => {
    render(<ProblemAlert error={new ApiError({ status: 0 })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Nära svarar inte');
  });
});

describe('ClockTag', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('says how long a clock is overdue, in words, not colour alone', () => {
    render(<ClockTag now={now} clock={{ kind: 'admission_notice', due: '2026-11-23T09:30:00Z', metAt: null, breached: true, rule: '' }} />);
    expect(screen.getByText('Inskrivningsmeddelande')).toBeInTheDocument();
    expect(screen.getByText('Försenad 2 tim 30 min')).toBeInTheDocument();
  });
  it('says how much time is left and when it is due, in Stockholm time', () => {
    render(<ClockTag now={now} clock={{ kind: 'sip_invitation', due: '2026-11-25T22:59:59Z', metAt: null, breached: false, rule: '' }} />);
    expect(screen.getByText('2 d 10 tim kvar')).toBeInTheDocument();
    expect(screen.getByText(/senast 25 nov\. 2026 23:59/)).toBeInTheDocument();
  });
});

describe('EpisodeLiability', () => {
  const liability = {
    careSetting: 'somatic' as const,
    liableDays: 3,
    amount: 36000,
    problems: [],
    days: [
      { date: '2023-06-05', liable: false, amount: 0, reason: 'Före betalningsansvarets start 2023-06-06 (lokal överenskommelse för sluten psykiatrisk vård).' },
      { date: '2023-06-06', liable: true, amount: 12000, reason: 'Betalningsansvar (5 kap. 1 och 4 §§).' },
    ],
  };
  it('says when the ward gives psychiatric inpatient care, whose liability is counted by other rules (5 kap. 4 §)', () => {
    render(<EpisodeLiability liability={{ ...liability, careSetting: 'psychiatric' }} />);
    expect(screen.getByTestId('liability')).toHaveTextContent('3 dygn med betalningsansvar');
    expect(screen.getByTestId('liability-psychiatric')).toHaveTextContent('sluten psykiatrisk vård');
    expect(screen.getByText(/lokal överenskommelse för sluten psykiatrisk vård/)).toBeInTheDocument();
  });
  it('says nothing of psychiatric care on a somatic ward', () => {
    render(<EpisodeLiability liability={liability} />);
    expect(screen.getByTestId('liability')).toBeInTheDocument();
    expect(screen.queryByTestId('liability-psychiatric')).not.toBeInTheDocument();
  });
});
