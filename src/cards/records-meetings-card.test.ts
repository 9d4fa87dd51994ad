import { describe, expect, it } from 'vitest';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { recordsMeetingsCard, RECORDS_MEETINGS_MAX, type RecordsMeetingsCardModel } from './records-meetings-card.js';
import { recordsVerbs } from './records-verbs.js';

const t = catalogues.sv;
const verbs = (card: unknown) => cardNodes(card).flatMap((n) => (n.type === 'Action.Execute' ? [String(n.verb)] : []));
const meeting = (i: number) => ({ meetingId: `m${i}`, type: 'programrad' as const, title: `Vårdialog ${i}`, when: 'tisdag 13 april 2027 09:00–12:00', cancelled: false });
const base: RecordsMeetingsCardModel = { purpose: 'notice', meetings: [meeting(1)], leadership: false };

describe('records meetings card', () => {
  it('offers an invitee the notice and the minutes of each meeting, nothing of leadership’s', () => {
    const card = recordsMeetingsCard(base, t);
    expect(validateCard(card)).toEqual([]);
    expect(verbs(card)).toEqual([recordsVerbs.notice, recordsVerbs.minutes]);
  });

  it('offers leadership agenda, attendance, decisions and minutes per meeting, per capsulam and the export', () => {
    const card = recordsMeetingsCard({ ...base, leadership: true, exportLink: 'https://bot.example/downloads/x' }, t);
    expect(validateCard(card)).toEqual([]);
    expect(verbs(card)).toEqual([recordsVerbs.agenda, recordsVerbs.attendance, recordsVerbs.decisionForm, recordsVerbs.minutes, recordsVerbs.perCapsulamForm]);
    expect(JSON.stringify(card)).toContain('https://bot.example/downloads/x');
  });

  it('lists at most the nearest meetings, and says so when there are none', () => {
    const many = recordsMeetingsCard({ ...base, meetings: Array.from({ length: 20 }, (_, i) => meeting(i)) }, t);
    expect(validateCard(many)).toEqual([]);
    expect(verbs(many).filter((v) => v === recordsVerbs.notice)).toHaveLength(RECORDS_MEETINGS_MAX);
    const none = recordsMeetingsCard({ ...base, meetings: [] }, t);
    expect(JSON.stringify(none)).toContain(t.records.meetingsPicker.none);
  });
});
