import { describe, expect, it } from 'vitest';
import { can } from './permissions.js';

const person = (n: number, roles: Parameters<typeof can>[0]['roles'], organisationId = 'vasteras') => ({
  aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
  roles,
  organisationId,
});
const leadership = person(21, ['leadership'], 'mdu');
const director = person(20, ['director', 'programrad']);
const staff = person(24, ['staff'], 'sala');

describe('meeting records permissions', () => {
  it('only leadership manages records and sees the attendance report; everyone registered reads decisions', () => {
    expect([leadership, director, staff].map((p) => can(p, 'records.manage'))).toEqual([true, false, false]);
    expect([leadership, director, staff].map((p) => can(p, 'records.attendanceReport'))).toEqual([true, false, false]);
    expect([leadership, director, staff].map((p) => can(p, 'records.viewDecisions'))).toEqual([true, true, true]);
  });

  it('an action is completed by its owner or by leadership, nobody else', () => {
    expect(can(director, 'records.completeAction', { ownerId: director.aadObjectId })).toBe(true);
    expect(can(staff, 'records.completeAction', { ownerId: director.aadObjectId })).toBe(false);
    expect(can(staff, 'records.completeAction', {})).toBe(false);
    expect(can(leadership, 'records.completeAction', { ownerId: director.aadObjectId })).toBe(true);
  });

  it('minutes are approved only by the named signatories, not by leadership on their behalf', () => {
    expect(can(director, 'records.approveMinutes', { signatoryIds: [director.aadObjectId] })).toBe(true);
    expect(can(leadership, 'records.approveMinutes', { signatoryIds: [director.aadObjectId] })).toBe(false);
    expect(can(director, 'records.approveMinutes')).toBe(false);
  });

  it('a per capsulam question is answered only by those who answer for the seat', () => {
    expect(can(director, 'records.answerPerCapsulam', { seatPersonIds: [director.aadObjectId] })).toBe(true);
    expect(can(leadership, 'records.answerPerCapsulam', { seatPersonIds: [director.aadObjectId] })).toBe(false);
  });
});
