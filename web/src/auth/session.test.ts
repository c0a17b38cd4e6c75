import { describe, expect, it } from 'vitest';
import { session } from '../test/apiHarness';
import { isManager, mayUseProactiveList } from './session';

describe('who reads what (issue 19)', () => {
  it('gives the proactive list to the staff who reach out, at a health centre or municipal unit', () => {
    for (const role of ['district_nurse', 'physician', 'home_health_care_nurse', 'sip_coordinator'])
      expect(mayUseProactiveList(session(role)), role).toBe(true);
    expect(mayUseProactiveList(session('district_nurse'), 'health_centre')).toBe(true);
    expect(mayUseProactiveList(session('home_health_care_nurse'), 'home_health_care')).toBe(true);
    expect(mayUseProactiveList(session('physician'), 'hospital_ward')).toBe(false);
    expect(mayUseProactiveList(session('physician'), null)).toBe(false);
    // Managers follow up aggregates; the list names persons.
    expect(mayUseProactiveList(session('unit_manager'), 'health_centre')).toBe(false);
    for (const role of ['unit_manager', 'ward_nurse', 'home_care_staff', 'county_administrator', 'log_reviewer', 'citizen'])
      expect(mayUseProactiveList(session(role)), role).toBe(false);
    expect(mayUseProactiveList(null)).toBe(false);
  });

  it('gives Uppföljning to unit managers and county administrators', () => {
    expect(isManager(session('unit_manager'))).toBe(true);
    expect(isManager(session('county_administrator'))).toBe(true);
    expect(isManager(session('district_nurse'))).toBe(false);
  });
});
