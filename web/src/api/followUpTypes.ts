// Shapes of the follow-up and proactive-list API (issue 19, docs/follow-up.md).

/** A text the server gives in both languages. */
export interface Localized {
  sv: string;
  en: string;
}

export type ValueUnit = 'share' | 'per_1000' | 'days' | 'sek' | 'count' | 'index';

export interface IndicatorDefinition {
  id: string;
  version: number;
  name: Localized;
  numerator: Localized;
  denominator: Localized;
  unit: ValueUnit;
  population: Localized;
  period: Localized;
  source: string;
  higherIsBetter: boolean;
  unitLevel: string;
  notes: Localized;
}

export interface CatalogueMunicipality {
  code: string;
  name: string;
}

export interface CatalogueUnit {
  id: string;
  name: string;
  kind: string;
  municipalityCode: string;
}

export interface IndicatorCatalogue {
  catalogueVersion: string;
  indicators: IndicatorDefinition[];
  municipalities: CatalogueMunicipality[];
  units: CatalogueUnit[];
  defaultPeriod?: { from: string; to: string } | null;
}

export type SeriesLevel = 'county' | 'municipality' | 'unit';

/** One month's value; a suppressed cell (small-cell control) has every number null. */
export interface MonthCell {
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  count: number | null;
  suppressed: boolean;
}

export interface IndicatorSeries {
  indicator: string;
  level: SeriesLevel;
  /** '' for the county, a municipality code, or a unit id. */
  key: string;
  name: string;
  months: MonthCell[];
}

export interface FollowUpResponse {
  from: string;
  to: string;
  catalogueVersion: string;
  series: IndicatorSeries[];
}

export interface IndicatorResponse {
  from?: string;
  to?: string;
  catalogueVersion?: string;
  indicator: IndicatorDefinition;
  series: IndicatorSeries[];
}

export type FactKind = 'episode' | 'sip' | 'request';

export interface FactItem {
  id: string;
  personId: string;
  personName: string;
  personnummer: string;
  unitName: string;
  start: string | null;
  end: string | null;
  detail: string | null;
}

export interface FactsResponse {
  indicator: string;
  month: string;
  kind: FactKind;
  items: FactItem[];
  hidden: number;
}

// --- Proaktiv lista ---

export type ActionKind = 'offer_sip' | 'appoint_named_contact' | 'plan_home_visit' | 'assessed_no_action';
export type RiskBand = 'low' | 'moderate' | 'high';

export interface LaceFactor {
  letter: 'L' | 'A' | 'C' | 'E' | string;
  points: number;
  maxPoints: number;
  explanation: Localized;
}

export interface FrailtyCriterion {
  id: string;
  text: Localized;
  met: boolean;
  /** false: the data lacks it ("uppgift saknas"), never counted as met. */
  known: boolean;
  value: number | null;
}

export interface ProactiveAction {
  id: string;
  kind: ActionKind;
  at: string;
  byName: string;
  note: string | null;
  nextReviewOn: string | null;
}

export interface ProactiveRow {
  person: { id: string; name: string; personnummer: string; age: number | null };
  risk: {
    total: number;
    band: RiskBand;
    indexEpisodeId: string | null;
    factors: LaceFactor[];
    charlsonConditions: string[];
  };
  frailty: {
    mostIll: boolean;
    extensiveCare: boolean;
    extensiveSocialCare: boolean;
    criteria: FrailtyCriterion[];
  };
  reasons: Localized[];
  gaps: Localized[];
  lastAction: ProactiveAction | null;
  reviewPending: boolean;
}

export interface ProactiveList {
  unit: { id: string; name: string };
  referenceDate: string;
  criteria: Record<string, unknown>;
  minLace: number;
  rows: ProactiveRow[];
  /** How many there are in all; `rows` holds the highest-ranked of each section. */
  totalActive?: number;
  totalReviewPending?: number;
}

export interface ProactiveActionBody {
  personId: string;
  kind: ActionKind;
  note?: string;
  nextReviewOn?: string;
}
