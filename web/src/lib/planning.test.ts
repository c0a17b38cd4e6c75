import { describe, expect, it } from 'vitest';
import type { CaregiverRoute, PlannedVisit } from '../api/planningTypes';
import { caregiverLabel, partnerLabel, percent, personLabel, routesInOrder } from './planning';

const visit = (o: Partial<PlannedVisit> = {}): PlannedVisit => ({
  visitId: 'v1',
  personId: 'p1',
  skill: 'sårvård',
  principal: 'Kramfors kommun',
  arrival: '08:00',
  start: '08:00',
  end: '08:30',
  travelMinutes: 10,
  waitMinutes: 0,
  tardinessMinutes: 0,
  window: { earliest: '08:00', latest: '09:00' },
  doubleStaffed: false,
  ...o,
});
const route = (id: string, visits: PlannedVisit[], name?: string): CaregiverRoute => ({
  caregiverId: id,
  name,
  principal: 'Kramfors kommun',
  shift: { start: '07:30', end: '16:00' },
  travelMinutes: 0,
  visitCount: visits.length,
  visits,
});

describe('planning', () => {
  it('lists caregivers with visits first, keeping the plan order', () => {
    const plan = { caregivers: [route('a', []), route('b', [visit()]), route('c', [visit()])] };
    expect(routesInOrder(plan).map((c) => c.caregiverId)).toEqual(['b', 'c', 'a']);
  });
  it('names caregivers and persons, falling back to their ids', () => {
    expect(caregiverLabel({ caregiverId: 'hsl-1', name: 'Sara Lind' })).toBe('Sara Lind');
    expect(caregiverLabel({ caregiverId: 'hsl-1', name: ' ' })).toBe('hsl-1');
    expect(personLabel({ personId: 'p9' })).toBe('p9');
    expect(personLabel({ personId: 'p9', personName: 'Elsa Berg' })).toBe('Elsa Berg');
  });
  it('names the partner of a double-staffed visit', () => {
    const plan = { caregivers: [route('a', [], 'Anna'), route('b', [])] };
    expect(partnerLabel(visit({ doubleStaffed: true, withCaregiverId: 'a' }), plan)).toBe('Anna');
    expect(partnerLabel(visit({ doubleStaffed: true, withCaregiverId: 'zz' }), plan)).toBe('zz');
    expect(partnerLabel(visit(), plan)).toBeNull();
  });
  it('shows the continuity score as a whole percent', () => {
    expect(percent(0.857)).toBe(86);
    expect(percent(1)).toBe(100);
  });
});
