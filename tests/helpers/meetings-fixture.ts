import type { ScheduleFormInput } from '../../src/domain/meetings/schedule-form.js';

/** A Programråd dialogue a month after `now`, as the scheduling form sends it. */
export const dialogueForm = (over: Partial<ScheduleFormInput> = {}): ScheduleFormInput => ({
  type: 'programrad',
  title: 'Programrådets vårdialog',
  date: '2027-03-10',
  start: '13:00',
  end: '15:00',
  place: 'MDU, Västerås',
  deadline: '2027-03-03',
  ...over,
});
