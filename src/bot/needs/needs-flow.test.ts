import { describe, expect, it } from 'vitest';
import { validateCard } from '../../../tests/helpers/card-validator.js';
import { needDetailCard } from '../../cards/need-detail-card.js';
import { needNotificationCard } from '../../cards/need-notification-card.js';
import { needReceiptCard } from '../../cards/need-receipt-card.js';
import { needSimilarCard } from '../../cards/need-similar-card.js';
import { needsListCard } from '../../cards/needs-list-card.js';
import { needsVerbs } from '../../cards/needs-verbs.js';
import { countyLookup, pageNeeds } from '../../domain/needs/lists.js';
import { nextNeedNumber, type Need } from '../../domain/needs/need.js';
import { parseNeedForm } from '../../domain/needs/need-form.js';
import { openRound } from '../../domain/needs/rounds.js';
import { NeedSimilarityIndex, toSimilarityDoc } from '../../domain/needs/similarity.js';
import { submitNeed, supportNeed, transition } from '../../domain/needs/transitions.js';
import { organisations, people } from '../../domain/needs/test-fixtures.js';
import { catalogues } from '../../i18n/catalogue.js';
import { parseNeedsCommand } from './chat-text.js';
import { needDetailView, needsDirectory, needsListModel, notificationModels, similarNeedViews } from './views.js';

const t = catalogues.sv;
const dir = needsDirectory({
  organisations,
  people: [
    { aadObjectId: people.vasterasDirector.aadObjectId, name: 'Erik Demoberg' },
    { aadObjectId: people.eskilstunaGroup.aadObjectId, name: 'Anders Låtsasgren' },
    { aadObjectId: people.leadership.aadObjectId, name: 'Anna Provström' },
  ],
});

// The story, through the pure pieces the bot wires together: submit, similar need found by another
// county's director, support counted, leadership plans it, submitter and supporter told.
describe('a need from submission to programme plan', () => {
  it('works end to end without the bot', () => {
    const t0 = new Date('2026-03-02T09:00:00Z');
    const rounds = [];
    const opened = openRound({ rounds: [], year: 2027, closingDate: '2026-09-30', actor: people.leadership, now: t0 });
    if (!opened.ok) throw new Error(opened.reason);
    rounds.push(opened.round);
    const needs: Need[] = [];
    const index = new NeedSimilarityIndex();

    // The Västerås director writes a need in chat and submits the prefilled form.
    const cmd = parseNeedsCommand('Behov: Kompetensförsörjning i äldreomsorgen. Vi har svårt att rekrytera undersköterskor och behöver veta hur andra kommuner gör.');
    if (cmd?.kind !== 'needFromText') throw new Error('expected a prefill');
    const form = parseNeedForm({ data: { ...cmd.prefill, area: 'framtida-valfarden', organisationId: 'vasteras', contactName: 'Erik Demoberg', urgency: 'high' }, organisationIds: ['vasteras'] });
    if (!form.ok) throw new Error('form');
    const { organisationId, ...fields } = form.value;
    const first = submitNeed({ fields, organisationId, actor: people.vasterasDirector, now: t0, number: nextNeedNumber(needs), rounds });
    if (!first.ok) throw new Error(first.reason);
    needs.push(first.need);
    index.upsert(toSimilarityDoc(first.need));
    expect(validateCard(needReceiptCard({ number: first.need.number, title: first.need.title, round: first.round, canEdit: true }, t))).toEqual([]);

    // The Eskilstuna director writes much the same need; the first one is offered, and they support it.
    const draft = parseNeedForm({
      data: { title: 'Rekrytering av undersköterskor', description: 'Äldreomsorgen saknar undersköterskor. Hur rekryterar andra kommuner?', area: 'framtida-valfarden', organisationId: 'eskilstuna', contactName: 'Anders', urgency: 'medium' },
      organisationIds: ['eskilstuna'],
    });
    if (!draft.ok) throw new Error('draft');
    const found = index.findSimilar({ title: draft.value.title, description: draft.value.description, round: 2027 });
    expect(found.map((f) => f.number)).toEqual([first.need.number]);
    const similarCard = needSimilarCard({ draft: draft.values, similar: similarNeedViews({ needs: found.map((f) => needs.find((n) => n.number === f.number)!), viewer: people.eskilstunaGroup, dir, now: t0 }) }, t);
    expect(validateCard(similarCard)).toEqual([]);
    expect(JSON.stringify(similarCard)).toContain(`"verb":"${needsVerbs.support}"`);
    const supported = supportNeed({ need: needs[0]!, actor: people.eskilstunaGroup, now: t0 });
    if (!supported.ok) throw new Error(supported.reason);
    needs[0] = supported.need;
    expect(needs[0].supports).toHaveLength(1);

    // Leadership takes it up and puts it in the 2027 plan; the submitter and the supporter are told.
    const t1 = new Date('2026-10-05T08:00:00Z');
    const prepared = transition({ need: needs[0], to: 'under-beredning', actor: people.leadership, now: t1 });
    if (!prepared.ok) throw new Error(prepared.reason);
    const planned = transition({ need: prepared.need, to: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 }, text: 'Ingår i 2027 års plan.', actor: people.leadership, now: t1 });
    if (!planned.ok) throw new Error(planned.reason);
    needs[0] = planned.need;
    const notes = notificationModels({ need: planned.need, notify: planned.notify });
    expect(notes.map((n) => [n.aadObjectId, n.model.asSupporter])).toEqual([
      [people.vasterasDirector.aadObjectId, false],
      [people.eskilstunaGroup.aadObjectId, true],
    ]);
    for (const n of notes) expect(validateCard(needNotificationCard(n.model, t))).toEqual([]);
    expect(planned.notify.organisationIds).toEqual(['eskilstuna']);

    // The detail card shows the history with names and the support; the lists show it under Västmanland.
    const detail = needDetailCard(needDetailView({ need: needs[0], viewer: people.vasterasDirector, dir, now: t1 }), t);
    expect(validateCard(detail)).toEqual([]);
    const json = JSON.stringify(detail);
    expect(json).toContain('Anna Provström · Under beredning → Ingår i programplan');
    expect(json).toContain('Eskilstuna kommun – Anders Låtsasgren');
    const page = pageNeeds({ needs, filter: { county: 'vastmanland' }, countyOf: countyLookup(organisations) });
    const list = needsListCard(needsListModel({ scope: 'all', page, filter: { county: 'vastmanland' }, rounds, dir }), t);
    expect(validateCard(list)).toEqual([]);
    expect(page.items.map((n) => n.number)).toEqual([1]);
  });
});

describe('what a viewer may do on a need', () => {
  const need = (over: Partial<Need> = {}): Need => ({
    number: 1,
    title: 'T',
    description: 'D',
    area: 'framtida-valfarden',
    contact: { name: 'Erik' },
    urgency: 'low',
    organisationId: 'vasteras',
    submittedBy: people.vasterasDirector.aadObjectId,
    submittedAt: new Date('2026-03-02T09:00:00Z'),
    round: 2027,
    state: { status: 'inkommen' },
    history: [],
    supports: [],
    ...over,
  });
  const now = new Date('2026-04-01T08:00:00Z');

  it('the submitting organisation edits and withdraws while inkommen; others may support; staff nothing', () => {
    expect(needDetailView({ need: need(), viewer: people.vasterasColleague, dir, now }).viewer).toMatchObject({ canEdit: true, canSupport: false, review: [] });
    expect(needDetailView({ need: need(), viewer: people.kopingDirector, dir, now }).viewer).toMatchObject({ canEdit: false, canSupport: true });
    expect(needDetailView({ need: need(), viewer: people.salaStaff, dir, now }).viewer).toMatchObject({ canEdit: false, canSupport: false, review: [] });
    expect(needDetailView({ need: need({ state: { status: 'under-beredning' } }), viewer: people.vasterasDirector, dir, now }).viewer.canEdit).toBe(false);
  });

  it('Programgrupp reviews with the moves the status allows, into this or a later programme year', () => {
    const v = needDetailView({ need: need({ state: { status: 'under-beredning' } }), viewer: people.eskilstunaGroup, dir, now }).viewer;
    expect(v.review).toEqual(['ingar-i-programplan', 'avslagen', 'sammanslagen']);
    expect(v.planYears).toEqual([2027, 2028, 2029]);
  });

  it('dates and times are Stockholm’s, and someone no longer in the roster is a dash', () => {
    const late = need({ history: [{ at: new Date('2026-03-02T23:30:00Z'), by: '00000000-0000-0000-0000-000000000099', event: 'submitted', from: null, to: 'inkommen', text: '' }], submittedAt: new Date('2026-03-02T23:30:00Z') });
    const v = needDetailView({ need: late, viewer: people.kopingDirector, dir, now });
    expect(v.history[0]).toMatchObject({ date: '2026-03-03 00:30', byName: '–' });
    expect(v.submittedDate).toBe('2026-03-03');
  });
});
