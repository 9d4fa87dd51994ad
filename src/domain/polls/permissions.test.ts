import { describe, expect, it } from 'vitest';
import { people, PR } from '../../../tests/helpers/demo-bodies.js';
import { makePoll } from '../../../tests/helpers/demo-polls.js';
import { can } from '../permissions.js';

const person = (id: string) => {
  const p = people.find((x) => x.aadObjectId === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
};

describe('who may do what with a date poll', () => {
  const poll = makePoll();
  it('only programme leadership proposes times, sees everyone’s answers, finalises and cancels', () => {
    expect(can(person(PR.anna), 'polls.manage')).toBe(true);
    expect(people.filter((p) => can(p, 'polls.manage')).every((p) => p.roles.includes('leadership'))).toBe(true);
    expect(can(person(PR.erik), 'polls.manage')).toBe(false);
  });
  it('only those asked answer — not leadership as such, not other directors', () => {
    expect(can(person(PR.lars), 'polls.answer', { inviteeIds: poll.inviteeIds })).toBe(true);
    const outsider = people.find((p) => p.roles.includes('director') && !poll.inviteeIds.includes(p.aadObjectId));
    if (!outsider) throw new Error('demo roster changed');
    expect(can(outsider, 'polls.answer', { inviteeIds: poll.inviteeIds })).toBe(false);
    expect(can(person(PR.anna), 'polls.answer', { inviteeIds: [] })).toBe(false);
  });
});
