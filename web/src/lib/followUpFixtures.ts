// Test data shaped like the follow-up and proactive-list answers (docs/follow-up.md).
import type {
  IndicatorCatalogue,
  IndicatorDefinition,
  IndicatorSeries,
  MonthCell,
  ProactiveList,
  ProactiveRow,
} from '../api/followUpTypes';

const L = (sv: string, en: string) => ({ sv, en });

export function definition(over: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return {
    id: 'ready_days_mean',
    version: 1,
    name: L('Utskrivningsklara dagar, medel', 'Days ready for discharge, mean'),
    numerator: L('Utskrivningsklara dagar', 'Days ready for discharge'),
    denominator: L('Vårdtillfällen med minst en utskrivningsklar dag', 'Episodes with at least one ready day'),
    unit: 'days',
    population: L('Alla åldrar', 'All ages'),
    period: L('Utskrivningsmånad', 'Discharge month'),
    source: 'Lag (2017:612); SKR',
    higherIsBetter: false,
    unitLevel: 'ward',
    notes: L('Räknas från underrättelsen.', 'Counted from the notice.'),
    ...over,
  };
}

export function cell(month: string, value: number | null, over: Partial<MonthCell> = {}): MonthCell {
  return { month, value, numerator: value, denominator: value === null ? null : 1, count: value === null ? 0 : 10, suppressed: false, ...over };
}

export function suppressedCell(month: string): MonthCell {
  return { month, value: null, numerator: null, denominator: null, count: null, suppressed: true };
}

export function series(over: Partial<IndicatorSeries> & { values?: (number | null | 'S')[]; start?: string } = {}): IndicatorSeries {
  const { values = [4, 3.5, 3], start = '2025-01', ...rest } = over;
  const [y, m] = start.split('-').map(Number);
  const months = values.map((v, i) => {
    const total = y * 12 + (m - 1) + i;
    const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
    return v === 'S' ? suppressedCell(month) : cell(month, v);
  });
  return { indicator: 'ready_days_mean', level: 'county', key: '', name: 'Västernorrland', months, ...rest };
}

export function catalogue(over: Partial<IndicatorCatalogue> = {}): IndicatorCatalogue {
  return {
    catalogueVersion: '2026.1',
    indicators: [
      definition(),
      definition({ id: 'named_contact_share', name: L('Andel med fast vårdkontakt', 'Share with a named contact'), unit: 'share', higherIsBetter: true }),
      definition({ id: 'liability_amount', name: L('Betalningsansvar, belopp', 'Payment liability, amount'), unit: 'sek' }),
    ],
    municipalities: [
      { code: '2281', name: 'Sundsvall' },
      { code: '2282', name: 'Kramfors' },
    ],
    units: [
      { id: 'u-hc', name: 'Hälsocentral Kramfors', kind: 'health_centre', municipalityCode: '2282' },
      { id: 'u-ward', name: 'Medicinavdelning 1', kind: 'hospital_ward', municipalityCode: '2281' },
    ],
    defaultPeriod: { from: '2025-01', to: '2025-12' },
    ...over,
  };
}

export function proactiveRow(over: Partial<ProactiveRow> = {}): ProactiveRow {
  return {
    person: { id: 'p-1', name: 'Hugo Jakobsson', personnummer: '19400718-9196', age: 86 },
    risk: {
      total: 12,
      band: 'high',
      indexEpisodeId: 'ep-1',
      factors: [
        { letter: 'L', points: 4, maxPoints: 7, explanation: L('Vårdtid 5 dygn', 'Length of stay 5 days') },
        { letter: 'A', points: 3, maxPoints: 3, explanation: L('Akut inskrivning', 'Acute admission') },
        { letter: 'C', points: 2, maxPoints: 5, explanation: L('Hjärtsvikt', 'Heart failure') },
        { letter: 'E', points: 3, maxPoints: 4, explanation: L('2 akuta inskrivningar senaste 6 månaderna', '2 acute admissions in 6 months') },
      ],
      charlsonConditions: ['congestive_heart_failure'],
    },
    frailty: {
      mostIll: true,
      extensiveCare: true,
      extensiveSocialCare: false,
      criteria: [
        { id: 'admissions_12m', text: L('Minst 3 inskrivningar på 12 månader', 'At least 3 admissions in 12 months'), met: true, known: true, value: 3 },
        { id: 'home_care_hours', text: L('Minst 25 timmar hemtjänst per månad', 'At least 25 hours of home care a month'), met: false, known: true, value: 10 },
        { id: 'specialist_visits_12m', text: L('Fler än 7 läkarbesök i specialistvård', 'More than 7 specialist visits'), met: false, known: false, value: null },
      ],
    },
    reasons: [L('Tre inskrivningar senaste året', 'Three admissions in the last year')],
    gaps: [L('Ingen fast vårdkontakt', 'No named contact')],
    lastAction: null,
    reviewPending: false,
    ...over,
  };
}

export function proactiveList(rows: ProactiveRow[] = [proactiveRow()]): ProactiveList {
  return {
    unit: { id: 'u-hc', name: 'Hälsocentral Kramfors' },
    referenceDate: '2026-12-04',
    criteria: { minAge: 65 },
    minLace: 10,
    rows,
  };
}
