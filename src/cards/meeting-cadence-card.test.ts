import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { meetingCadenceCard, type CadenceCardModel } from './meeting-cadence-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';

const t = catalogues.sv;
const all = cardNodes;
const texts = (card: unknown) => all(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));

const model: CadenceCardModel = {
  year: 2027,
  entries: [
    { slot: 'programradSpring', state: 'held', meetings: [{ title: 'Vårdialog', when: 'måndag 29 mars 2027 kl. 09.00–12.00' }] },
    { slot: 'programradAutumn', state: 'toSchedule', meetings: [] },
    { slot: 'yearlyMeeting', state: 'toSchedule', meetings: [] },
  ],
  complete: false,
  canSchedule: true,
};

describe('mötesplan card', () => {
  it('shows each of the year’s meetings with its state, and states the spring/autumn assumption', () => {
    const card = meetingCadenceCard(model, t);
    expect(validateCard(card)).toEqual([]);
    const s = texts(card);
    expect(s).toContain('Mötesplan 2027');
    expect(s).toContain('✅ **Programrådsdialog, januari–juni**: Genomförd');
    expect(s).toContain('⚠️ **Programrådsdialog, juli–december**: Inte bokad');
    expect(s).toContain('Vårdialog');
    expect(s).toContain(t.meetings.cadence.assumption);
    expect(s).not.toContain(`✅ ${t.meetings.cadence.complete}`);
  });

  it('leadership gets a button per missing meeting that opens the form with the type chosen', () => {
    const data = all(meetingCadenceCard(model, t)).filter((n) => n.type === 'Action.Execute' && n.verb === meetingVerbs.form).map((n) => n.data);
    expect(data).toEqual([
      { type: 'programrad', verb: meetingVerbs.form },
      { type: 'arlig-traff', verb: meetingVerbs.form },
    ]);
    expect(all(meetingCadenceCard({ ...model, canSchedule: false }, t)).some((n) => n.type === 'Action.Execute')).toBe(false);
  });

  it('a complete year says so', () => {
    const done = meetingCadenceCard({ ...model, complete: true, entries: model.entries.map((e) => ({ ...e, state: 'scheduled' as const })) }, t);
    expect(texts(done)).toContain(`✅ ${t.meetings.cadence.complete}`);
  });

  it('a missed meeting is shown as missed', () => {
    const card = meetingCadenceCard({ ...model, entries: [{ slot: 'programradSpring', state: 'missed', meetings: [] }] }, t);
    expect(texts(card)).toContain('❌ **Programrådsdialog, januari–juni**: Blev inte av');
  });
});
