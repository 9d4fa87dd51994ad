import { describe, expect, it } from 'vitest';
import { MAX_CARD_BYTES, validateCard } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { meetingOverviewCard, OVERVIEW_COMMENT_BUDGET, type OverviewCardItem, type OverviewPerson } from './meeting-overview-card.js';
import { meetingVerbs } from './meeting-verbs.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';

const t = catalogues.sv;
const all = cardNodes;
const texts = (card: unknown) => all(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
const verbs = (card: unknown) => all(card).filter((n) => n.type === 'Action.Execute').map((n) => [n.verb, n.data] as const);

const person = (name: string, organisation: string, extra: Partial<OverviewPerson> = {}): OverviewPerson => ({ name, organisation, ...extra });
const item: OverviewCardItem = {
  meetingId: 'm1',
  type: 'programrad',
  title: 'Vårdialog',
  when: 'måndag 29 mars 2027 kl. 09.00–12.00',
  rsvpBy: 'måndag 22 mars 2027',
  status: 'scheduled',
  tally: { ja: 2, nej: 1, kanske: 0, ejSvarat: 4 },
  answered: {
    ja: [person('Johan Prövdahl', 'MDU'), person('Lars Testlund', 'Köping', { substituteForName: 'Erik Demoberg' })],
    nej: [person('Erik Demoberg', 'Västerås', { comment: 'Krockar med KS' })],
    kanske: [],
  },
  notAnswered: [person('Maria Exempelsson', 'Region Västmanland')],
  representation: {
    parties: ['MDU', 'Köping'],
    partiesWithoutJa: ['Västerås', 'Eskilstuna'],
    counties: { vastmanland: true, sormland: false },
    mdu: true,
    seats: { vastmanland: 1, sormland: 0, mdu: 1 },
  },
  uncovered: [{ name: 'Anders Låtsasgren', seat: 'sormland' }],
};

describe('leadership overview card', () => {
  it('shows the tally, representation and the seat without a substitute; answers collapsed by default', () => {
    const card = meetingOverviewCard({ meetings: [item], more: 0 }, t);
    expect(validateCard(card)).toEqual([]);
    const s = texts(card);
    expect(s).toContain('Ja 2 · Nej 1 · Kanske 0 · Ej svarat 4');
    expect(s).toContain('⚠️ Bara Västmanland är representerat.');
    expect(s).toContain('✅ MDU är representerat.');
    expect(s).toContain('Parter: MDU, Köping');
    expect(s).toContain('Programrådets platser med ja: Västmanland 1, Sörmland 0, MDU 1');
    expect(s).toContain('Anders Låtsasgren (Sörmland) har tackat nej utan ersättare.');
    expect(s.some((x) => x.includes('Maria Exempelsson'))).toBe(false);
    expect(verbs(card)).toContainEqual([meetingVerbs.overview, { meetingId: 'm1', verb: meetingVerbs.overview }]);
  });

  it('both counties represented shows as such', () => {
    const card = meetingOverviewCard({ meetings: [{ ...item, representation: { ...item.representation, counties: { vastmanland: true, sormland: true } } }], more: 0 }, t);
    expect(texts(card)).toContain('✅ Båda länen är representerade.');
  });

  it('expanded: who answered what (substitutes marked, comments as plain text) and who has not answered', () => {
    const card = meetingOverviewCard({ meetings: [item], more: 0, expandedId: 'm1' }, t);
    expect(validateCard(card)).toEqual([]);
    const s = texts(card);
    expect(s).toEqual(expect.arrayContaining(['Ja (2)', 'Nej (1)', 'Kanske (0)', 'Ej svarat (1)']));
    expect(s).toContain('Lars Testlund, Köping – ersättare för Erik Demoberg');
    expect(s).toContain('Erik Demoberg, Västerås');
    expect(s).toContain(': Krockar med KS');
    expect(s).toContain('Maria Exempelsson, Region Västmanland');
    // Already expanded: no "show answers" button, only the one that opens the invitee pickers.
    expect(verbs(card).filter(([v]) => v === meetingVerbs.overview).map(([, d]) => (d as Record<string, unknown>).manage)).toEqual(['yes']);
  });

  it('cancel asks first; the confirmation carries confirm: yes', () => {
    const first = meetingOverviewCard({ meetings: [item], more: 0 }, t);
    expect(verbs(first)).toContainEqual([meetingVerbs.cancel, { meetingId: 'm1', verb: meetingVerbs.cancel }]);
    const confirm = meetingOverviewCard({ meetings: [item], more: 0, confirmCancelId: 'm1' }, t);
    expect(validateCard(confirm)).toEqual([]);
    expect(verbs(confirm)).toContainEqual([meetingVerbs.cancel, { meetingId: 'm1', confirm: 'yes', verb: meetingVerbs.cancel }]);
    expect(texts(confirm)).toContain('Ställa in ”Vårdialog”? Alla inbjudna får besked.');
  });

  it('a cancelled meeting is marked and has no buttons', () => {
    const card = meetingOverviewCard({ meetings: [{ ...item, status: 'cancelled' }], more: 0 }, t);
    expect(texts(card)).toContain(t.meetings.overview.cancelledTag);
    expect(verbs(card)).toEqual([]);
  });

  it('no meetings, and meetings left off, are said', () => {
    expect(texts(meetingOverviewCard({ meetings: [], more: 0 }, t))).toContain(t.meetings.overview.none);
    expect(texts(meetingOverviewCard({ meetings: [item], more: 3 }, t))).toContain('…och 3 till.');
  });

  it('names and comments people typed are not read as markdown', () => {
    const card = meetingOverviewCard(
      { meetings: [{ ...item, title: '**x**', answered: { ...item.answered, nej: [person('A_B', '[Org](u)', { comment: '# hej' })] } }], more: 0, expandedId: 'm1' },
      t,
    );
    const s = texts(card);
    // TextRuns show text as typed, never as markdown; a TextBlock would need escaping.
    expect(all(card).find((n) => n.text === 'A_B, [Org](u)')?.type).toBe('TextRun');
    expect(all(card).find((n) => n.text === ': # hej')?.type).toBe('TextRun');
    expect(s.filter((x) => x.includes('[Org](u)'))).toHaveLength(1);
    expect(all(card).find((n) => n.type === 'TextRun' && n.text === '**x**')).toBeDefined();
  });

  it('a yearly meeting of 60 with full 500-character comments still fits in one card when expanded', () => {
    const many = Array.from({ length: 60 }, (_, i) => person(`Person Nummer ${i} Efternamnsson`, `Organisation ${i}`, { comment: 'å'.repeat(500) }));
    const big: OverviewCardItem = { ...item, type: 'arlig-traff', answered: { ja: many.slice(0, 20), nej: many.slice(20, 40), kanske: many.slice(40) }, notAnswered: [] };
    const card = meetingOverviewCard({ meetings: [big, { ...item, meetingId: 'm2' }, { ...item, meetingId: 'm3' }], more: 0, expandedId: 'm1' }, t);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    const comment = all(card).find((n) => n.type === 'TextRun' && String(n.text).startsWith(': å'));
    expect(String(comment?.text)).toHaveLength(2 + Math.floor(OVERVIEW_COMMENT_BUDGET / 60));
  });

  it('the same 60-person meeting managed (pickers to add and remove people, a 200-person roster) still fits', () => {
    const many = Array.from({ length: 60 }, (_, i) => person(`Person Nummer ${i} Efternamnsson`, `Organisation ${i}`, { comment: 'å'.repeat(500) }));
    const choices = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: `00000000-0000-0000-0000-${String(from + i).padStart(12, '0')}`, label: `Person Nummer ${from + i} Efternamnsson, Organisation ${from + i}` }));
    const big: OverviewCardItem = {
      ...item,
      type: 'arlig-traff',
      answered: { ja: many.slice(0, 20), nej: many.slice(20, 40), kanske: many.slice(40) },
      notAnswered: [],
      manage: { invitable: choices(140, 60), invited: choices(60, 0) },
    };
    const card = meetingOverviewCard({ meetings: [big, { ...item, meetingId: 'm2' }, { ...item, meetingId: 'm3' }], more: 0, expandedId: 'm1', manageId: 'm1' }, t);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
  });

  it('the meeting being managed has type-ahead pickers to invite someone or take someone off', () => {
    const manage = { invitable: [{ id: 'p1', label: 'Karin Fiktivén, Sala' }], invited: [{ id: 'p2', label: 'Erik Demoberg, Västerås' }] };
    const card = meetingOverviewCard({ meetings: [{ ...item, manage }], more: 0, manageId: 'm1' }, t);
    expect(validateCard(card)).toEqual([]);
    // The pickers take the place of the answer lists.
    expect(texts(card)).not.toContain(`${t.meetings.answers.ja} (2)`);
    const pickers = all(card).filter((n) => n.type === 'Input.ChoiceSet');
    expect(pickers.map((p) => [p.id, p.style, (p.choices as { value: string }[]).map((c) => c.value)])).toEqual([
      ['addPersonId', 'filtered', ['p1']],
      ['removePersonId', 'filtered', ['p2']],
    ]);
    expect(verbs(card).filter(([verb]) => verb === meetingVerbs.invitees).map(([, data]) => data)).toEqual([
      { meetingId: 'm1', op: 'add', verb: meetingVerbs.invitees },
      { meetingId: 'm1', op: 'remove', verb: meetingVerbs.invitees },
    ]);
    // Otherwise there is nothing to pick, only the button that opens the pickers.
    const expanded = meetingOverviewCard({ meetings: [{ ...item, manage }], more: 0, expandedId: 'm1' }, t);
    expect(all(expanded).some((n) => n.type === 'Input.ChoiceSet')).toBe(false);
    expect(verbs(expanded)).toContainEqual([meetingVerbs.overview, { meetingId: 'm1', manage: 'yes', verb: meetingVerbs.overview }]);
  });

  it('a few comments are shown whole', () => {
    const long = 'ö'.repeat(500);
    const card = meetingOverviewCard({ meetings: [{ ...item, answered: { ...item.answered, nej: [person('Erik', 'Västerås', { comment: long })] } }], more: 0, expandedId: 'm1' }, t);
    expect(texts(card)).toContain(`: ${long}`);
  });

  it('what just happened is said under the heading', () => {
    const card = meetingOverviewCard({ meetings: [item], more: 0, notices: ['”Vårdialog” är bokat.', 'De här kan jag inte nå ännu: Erik.'] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card).slice(1, 3)).toEqual(['”Vårdialog” är bokat.', 'De här kan jag inte nå ännu: Erik.']);
  });
});
