import { availableActions } from './actions';
import { episode } from './fixtures';

const nurse = { role: 'ward_nurse', unitId: 'ward-1', unitKind: 'hospital_ward' };
const allNeeds = { socialServices: true, municipalHealthCare: true, regionOutpatient: true, outpatientCompulsoryCare: null, sipRequired: true };

describe('event actions offered', () => {
  it('offers the ward its events, but an admission notice only after needs are assessed', () => {
    const fresh = availableActions(episode(), nurse);
    expect(fresh).toContain('assess_needs');
    expect(fresh).toContain('mark_ready');
    expect(fresh).not.toContain('send_admission_notice');
    expect(availableActions(episode({ state: 'needs_assessed', needs: allNeeds }), nurse)).toContain('send_admission_notice');
  });
  it('offers to withdraw the ready notice only while it is in force', () => {
    const ready = episode({ state: 'ready', readyPeriods: [{ sentAt: '2026-11-21T10:00:00Z', withdrawnAt: null }] });
    expect(availableActions(ready, nurse)).toContain('withdraw_ready');
    expect(availableActions(ready, nurse)).not.toContain('mark_ready');
  });
  it('offers nothing to staff of another ward', () => {
    expect(availableActions(episode(), { ...nurse, unitId: 'ward-2' })).toEqual([]);
  });
  it('offers the health centre the named contact and, once ready with SIP required, the SIP invitation', () => {
    const hc = { role: 'district_nurse', unitId: 'hc-1', unitKind: 'health_centre' };
    expect(availableActions(episode({ state: 'planning', needs: allNeeds }), hc)).toEqual(['appoint_named_contact']);
    expect(
      availableActions(episode({ state: 'ready', needs: allNeeds, namedContactAppointedAt: '2026-11-21T08:00:00Z' }), hc),
    ).toEqual(['invite_sip']);
    expect(availableActions(episode({ state: 'ready', needs: { ...allNeeds, sipRequired: false, socialServices: false, municipalHealthCare: false } }), hc)).toEqual(['appoint_named_contact']);
  });
  it('offers only undo and information transfer after discharge, and nothing after cancellation', () => {
    expect(availableActions(episode({ state: 'discharged' }), nurse)).toEqual(['transfer_information', 'cancel_discharge']);
    expect(availableActions(episode({ state: 'cancelled' }), nurse)).toEqual([]);
  });
});
