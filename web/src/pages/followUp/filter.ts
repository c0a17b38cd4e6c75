import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { IndicatorCatalogue } from '../../api/followUpTypes';
import { defaultPeriod, filterFromSearch, searchFromFilter, type FollowUpFilter } from '../../lib/followUp';

/** The filter of the follow-up pages, from the URL (`?fran=&till=&kommun=&enhet=`); a change
 * replaces the query (and closes an open drill-down). */
export function useFollowUpFilter(catalogue: IndicatorCatalogue | undefined): [FollowUpFilter, (f: FollowUpFilter) => void] {
  const [search, setSearch] = useSearchParams();
  const fallback = useMemo(() => defaultPeriod(catalogue, new Date()), [catalogue]);
  const filter = useMemo(() => filterFromSearch(search, fallback), [search, fallback]);
  return [filter, (f) => setSearch(searchFromFilter(f), { replace: true })];
}

/** Whose figures the tiles show: the chosen unit, municipality, or the county. */
export function focusName(catalogue: IndicatorCatalogue | undefined, f: FollowUpFilter, county: string): string {
  if (f.unit) return catalogue?.units.find((u) => u.id === f.unit)?.name ?? county;
  if (f.municipality) return catalogue?.municipalities.find((m) => m.code === f.municipality)?.name ?? county;
  return county;
}
