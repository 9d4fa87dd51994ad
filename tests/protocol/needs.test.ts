import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, conversationOf, demo, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';
import { validateCard } from '../helpers/card-validator.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { needsVerbs, reviewInputIds } from '../../src/cards/needs-verbs.js';
import { cardNodes, type CardNode } from '../helpers/card-nodes.js';

const sv = catalogues.sv.needs;
const en = catalogues.en.needs;

// The clock the bot sees; tests move it to close a round.
let clock = new Date('2026-03-02T09:00:00Z');
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ now: () => clock });
  // Everyone who is to be told something has talked to the bot once (their 1:1 conversation is known).
  for (const who of [demo.vasterasDirector, demo.eskilstunaDirector, demo.leader, demo.regionDirector, demo.salaEconomist]) await h.say(who, 'hjälp');
});
afterAll(async () => {
  await h.close();
});

type Node = CardNode;
const nodes = cardNodes;
const byId = (card: unknown, id: string) => nodes(card).find((n) => n.id === id);
const executes = (card: unknown) => nodes(card).filter((n) => n.type === 'Action.Execute') as Array<{ title: string; verb: string; data: Record<string, unknown> }>;
const action = (card: unknown, verb: string, where: (data: Record<string, unknown>) => boolean = () => true) => {
  const found = executes(card).find((a) => a.verb === verb && where(a.data));
  if (!found) throw new Error(`no ${verb} action in the card`);
  return found;
};
const needs = () => h.services.store.doc.needs.needs;
const need = (n: number) => needs().find((x) => x.number === n)!;

/** The card a reply or invoke answered with, checked against Adaptive Cards 1.5. */
function validCard(result: TurnResult): Node {
  const card = invokeCard(result) ?? cardOf(result.replies.at(-1));
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(result.body ?? result.replies)}`);
  expect(validateCard(card)).toEqual([]);
  return card;
}

/** What a Teams client sends for a card's inputs as they are shown (their preset values). */
const shownInputs = (card: unknown): Record<string, string> =>
  Object.fromEntries(nodes(card).flatMap((n) => (String(n.type).startsWith('Input.') && typeof n.value === 'string' ? [[String(n.id), n.value]] : [])));

/** A person types "nytt behov", fills the card's inputs and clicks its submit button. */
async function submitNeed(who: string, inputs: Record<string, string>, options: { force?: boolean } = {}): Promise<{ form: Node; result: TurnResult }> {
  const form = validCard(await h.say(who, 'nytt behov'));
  const submit = action(form, needsVerbs.submit);
  const result = await h.invoke(who, submit.verb, { ...shownInputs(form), ...submit.data, area: 'framtida-valfarden', ...inputs, ...(options.force ? { force: 'true' } : {}) });
  return { form, result };
}

const rekrytering = {
  title: 'Kompetensförsörjning i äldreomsorgen',
  description: 'Vi har svårt att rekrytera undersköterskor till äldreomsorgen och behöver veta hur andra kommuner gör.',
};

describe('submitting a need', () => {
  it('leadership opens the 2027 needs round with a closing date', async () => {
    const form = validCard(await h.say(demo.leader, 'öppna behovsomgång'));
    const open = action(form, needsVerbs.openRound);
    const answer = validCard(await h.invoke(demo.leader, open.verb, { ...open.data, year: '2027', closingDate: '2026-09-30' }));
    expect(textOf(answer)).toContain(sv.round.opened({ year: 2027, closingDate: '2026-09-30' }));
    expect(h.services.store.doc.needs.rounds.map((r) => r.year)).toEqual([2027]);
  });

  it('a director gets the form with their organisation and name preset, and the receipt names the round', async () => {
    const { form, result } = await submitNeed(demo.vasterasDirector, rekrytering);
    expect(textOf(form)).toContain('Västerås stad');
    expect(byId(form, 'contactName')?.value).toBe('Erik Demoberg');
    expect(action(form, needsVerbs.submit).data.submissionId).toMatch(/^[\w-]{8,}$/);
    const receipt = validCard(result);
    expect(textOf(receipt)).toContain(sv.receipt.heading({ number: 1 }));
    expect(textOf(receipt)).toContain(sv.receipt.inRound({ year: 2027, closingDate: '2026-09-30' }));
    expect(need(1)).toMatchObject({ title: rekrytering.title, organisationId: 'vasteras', round: 2027, state: { status: 'inkommen' }, submittedBy: demo.vasterasDirector });
  });

  it('a Sörmland director’s similar need is pointed to the first, and standing behind it is counted once', async () => {
    const { result } = await submitNeed(demo.eskilstunaDirector, {
      title: 'Rekrytering av undersköterskor',
      description: 'Äldreomsorgen i kommunen saknar undersköterskor. Hur rekryterar andra kommuner?',
    });
    const similar = validCard(result);
    expect(textOf(similar)).toContain(sv.similar.heading);
    expect(textOf(similar)).toContain(rekrytering.title);
    expect(needs()).toHaveLength(1);
    const supportIt = action(similar, needsVerbs.support);
    expect(supportIt.data.number).toBe(1);
    const detail = validCard(await h.invoke(demo.eskilstunaDirector, supportIt.verb, supportIt.data));
    expect(textOf(detail)).toContain(sv.messages.supported({ number: 1 }));
    expect(textOf(detail)).toContain(sv.detail.supportsHeading({ count: 1 }));
    expect(need(1).supports).toEqual([expect.objectContaining({ organisationId: 'eskilstuna', by: demo.eskilstunaDirector })]);
    // A second click is refused politely and counts nothing.
    expect(invokeText(await h.invoke(demo.eskilstunaDirector, supportIt.verb, supportIt.data))).toBe(sv.refusals.alreadySupported);
    expect(need(1).supports).toHaveLength(1);
  });

  it('"skicka ändå" on the similar-needs card stores the need with the text as written', async () => {
    const { result } = await submitNeed(demo.regionDirector, { title: 'Undersköterskor i äldreomsorgen', description: 'Hur rekryterar kommunerna undersköterskor?' });
    const anyway = action(validCard(result), needsVerbs.submit, (d) => d.force === 'true');
    const receipt = validCard(await h.invoke(demo.regionDirector, anyway.verb, anyway.data));
    expect(textOf(receipt)).toContain(sv.receipt.heading({ number: 2 }));
    expect(need(2)).toMatchObject({ title: 'Undersköterskor i äldreomsorgen', organisationId: 'region-vastmanland' });
  });

  it('a double click stores one need: the same form sent twice (even at once) answers with the same receipt', async () => {
    const form = validCard(await h.say(demo.vasterasDirector, 'nytt behov'));
    const submit = action(form, needsVerbs.submit);
    const data = { ...shownInputs(form), ...submit.data, title: 'Digital styrning av verksamheten', description: 'Hur styr man med data i en kommun?', area: 'mojliggorande-byrakratin', urgency: 'low', force: 'true' };
    const before = needs().length;
    const [a, b] = await Promise.all([h.invoke(demo.vasterasDirector, submit.verb, data), h.invoke(demo.vasterasDirector, submit.verb, data)]);
    const c = await h.invoke(demo.vasterasDirector, submit.verb, data);
    expect(needs()).toHaveLength(before + 1);
    const heading = sv.receipt.heading({ number: before + 1 });
    for (const r of [a, b, c]) expect(textOf(validCard(r))).toContain(heading);
  });

  it('an empty title is refused with the person’s text kept and the problem named; nothing is stored', async () => {
    const before = needs().length;
    const { result } = await submitNeed(demo.vasterasDirector, { title: '   ', description: 'Vår **viktiga** beskrivning\nrad två' });
    const form = validCard(result);
    expect(byId(form, 'description')?.value).toBe('Vår **viktiga** beskrivning\nrad två');
    expect(byId(form, 'area')?.value).toBe('framtida-valfarden');
    expect(byId(form, 'error-title')?.text).toBe(sv.form.errors.required);
    expect(textOf(form)).toContain(sv.form.errorsIntro);
    expect(needs()).toHaveLength(before);
  });

  it('an over-long description comes back whole with the limit named; nothing is stored', async () => {
    const before = needs().length;
    const long = 'Lång text om styrning. '.repeat(200).trim();
    const { result } = await submitNeed(demo.vasterasDirector, { title: 'Rubrik', description: long });
    const form = validCard(result);
    expect(byId(form, 'description')?.value).toBe(long);
    expect(byId(form, 'error-description')?.text).toBe(sv.form.errors.tooLong({ max: 4000 }));
    expect(needs()).toHaveLength(before);
  });

  it('staff are refused the form and the submit action; nothing is stored', async () => {
    const before = needs().length;
    const typed = await h.say(demo.salaEconomist, 'nytt behov');
    expect(typed.replies.map((r) => r.text)).toEqual([sv.refusals.submit]);
    const clicked = await h.invoke(demo.salaEconomist, needsVerbs.submit, { ...rekrytering, area: 'framtida-valfarden', urgency: 'low', organisationId: 'sala', contactName: 'Karin', force: 'true' });
    expect(invokeText(clicked)).toBe(sv.refusals.submit);
    expect(needs()).toHaveLength(before);
  });

  it('"Behov: …" gives the form prefilled from the message, for the person to confirm', async () => {
    const form = validCard(await h.say(demo.vasterasDirector, 'Behov: Tillitsbaserad styrning. Vi vill veta hur andra leder med tillit.'));
    expect(textOf(form)).toContain(sv.form.prefilled);
    expect(byId(form, 'title')?.value).toBe('Tillitsbaserad styrning');
    expect(byId(form, 'description')?.value).toBe('Vi vill veta hur andra leder med tillit.');
  });

  it('English speakers write "new need" and get the English form', async () => {
    const form = validCard(await h.say(demo.regionDirector, 'new need', { locale: 'en-GB' }));
    expect(textOf(form)).toContain(en.form.headingNew);
  });
});

describe('reviewing a need', () => {
  it('leadership moves it to "ingår i programplan"; the submitter and the supporter are told, once each', async () => {
    const start = validCard(await h.invoke(demo.leader, needsVerbs.show, { number: 1 }));
    const prepare = action(start, needsVerbs.review, (d) => d.to === 'under-beredning');
    const prepared = validCard(await h.invoke(demo.leader, prepare.verb, prepare.data));
    const plan = action(prepared, needsVerbs.review, (d) => d.to === 'ingar-i-programplan');
    const answer = 'Behovet ingår i 2027 års programplan under Den framtida välfärden.';
    const planned = validCard(
      await h.invoke(demo.leader, plan.verb, { ...plan.data, [reviewInputIds.planArea]: 'framtida-valfarden', [reviewInputIds.planYear]: '2027', [reviewInputIds.text('ingar-i-programplan')]: answer }),
    );
    const stateWords = sv.state.plan({ area: sv.areas['framtida-valfarden'], year: 2027 });
    expect(textOf(planned)).toContain(sv.messages.reviewed({ number: 1, status: stateWords, count: 2 }));
    // The history records who and when.
    expect(textOf(planned)).toContain('Anna Provström · Under beredning → Ingår i programplan');
    expect(need(1).state).toEqual({ status: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 } });
    expect(need(1).history.map((e) => [e.event, e.to, e.by])).toEqual([
      ['submitted', 'inkommen', demo.vasterasDirector],
      ['transition', 'under-beredning', demo.leader],
      ['transition', 'ingar-i-programplan', demo.leader],
    ]);

    await h.services.messenger.drain();
    const told = (who: string) => h.connector.messagesIn(conversationOf(who)).map(cardOf).filter((c) => c && textOf(c).includes(sv.notification.heading({ number: 1 })));
    const submitter = told(demo.vasterasDirector);
    const supporter = told(demo.eskilstunaDirector);
    // Two changes (under beredning, then the plan): one message each per person.
    expect(submitter).toHaveLength(2);
    expect(supporter).toHaveLength(2);
    for (const c of [...submitter, ...supporter]) expect(validateCard(c)).toEqual([]);
    expect(textOf(submitter[1])).toContain(answer);
    expect(textOf(submitter[1])).toContain(stateWords);
    expect(textOf(supporter[1])).toContain(sv.notification.supporterNote);
    expect(textOf(submitter[1])).not.toContain(sv.notification.supporterNote);
    expect(h.services.messenger.stateOf(`need:1:2:${demo.vasterasDirector}`)).toBe('sent');
    expect(h.services.store.doc.needs.pending).toEqual([]);
    // The one who made the change is not told about it.
    expect(told(demo.leader)).toHaveLength(0);
  });

  it('staff and directors outside Programgrupp are refused review; nothing changes', async () => {
    for (const who of [demo.salaEconomist, demo.vasterasDirector]) {
      const r = await h.invoke(who, needsVerbs.review, { number: 2, to: 'under-beredning' });
      expect(invokeText(r)).toBe(sv.refusals.review);
    }
    expect(need(2).state.status).toBe('inkommen');
    expect(need(2).history).toHaveLength(1);
  });

  it('a rejection needs a motivation; the card stays and nothing changes', async () => {
    await h.invoke(demo.eskilstunaDirector, needsVerbs.review, { number: 2, to: 'under-beredning' });
    const r = await h.invoke(demo.eskilstunaDirector, needsVerbs.review, { number: 2, to: 'avslagen', [reviewInputIds.text('avslagen')]: '  ' });
    expect(invokeText(r)).toBe(sv.refusals.motivationRequired);
    expect(need(2).state.status).toBe('under-beredning');
  });
});

describe('notifications left behind', () => {
  it('a notification still pending (the bot could not reach the person) is sent when they next talk to the bot', async () => {
    const key = `need:2:1:${demo.salaEconomist}`;
    await h.services.store.update((doc) => {
      doc.needs.pending.push({ key, personId: demo.salaEconomist, number: 2, historyIndex: 1, waiting: true });
    });
    await h.say(demo.salaEconomist, 'hjälp');
    await h.services.messenger.drain();
    const news = h.connector.messagesIn(conversationOf(demo.salaEconomist)).map(cardOf).filter((c) => c && textOf(c).includes(sv.notification.heading({ number: 2 })));
    expect(news).toHaveLength(1);
    expect(textOf(news[0])).toContain(sv.notification.changed({ from: sv.statuses.inkommen, to: sv.statuses['under-beredning'] }));
    expect(h.services.store.doc.needs.pending).toEqual([]);
  });
});

describe('changing and withdrawing a need', () => {
  it('the submitting organisation edits its need while inkommen; the similarity index follows the new text', async () => {
    const number = 3;
    const form = validCard(await h.invoke(demo.vasterasDirector, needsVerbs.form, { number }));
    const saveIt = action(form, needsVerbs.save);
    const saved = validCard(
      await h.invoke(demo.vasterasDirector, saveIt.verb, { ...shownInputs(form), ...saveIt.data, title: 'Klimatanpassning av kommunal planering', description: 'Hur planerar kommuner för skyfall och värmeböljor?', area: 'resilienta-organisationen', contactName: 'Erik Demoberg', urgency: 'high' }),
    );
    expect(textOf(saved)).toContain(sv.messages.saved({ number }));
    expect(need(number)).toMatchObject({ title: 'Klimatanpassning av kommunal planering', area: 'resilienta-organisationen' });
    expect(need(number).history.at(-1)?.event).toBe('edited');
    // Another director writing about the same now sees it among the similar needs.
    const { result } = await submitNeed(demo.eskilstunaDirector, { title: 'Klimatanpassning i planeringen', description: 'Skyfall och värmeböljor i kommunens planering.' });
    expect(textOf(validCard(result))).toContain('Klimatanpassning av kommunal planering');
  });

  it('another organisation may not edit or withdraw it', async () => {
    expect(invokeText(await h.invoke(demo.regionDirector, needsVerbs.form, { number: 3 }))).toBe(sv.refusals.editForbidden);
    expect(invokeText(await h.invoke(demo.regionDirector, needsVerbs.withdraw, { number: 3, confirm: 'yes' }))).toBe(sv.refusals.editForbidden);
    expect(need(3).state.status).toBe('inkommen');
  });

  it('once under beredning it can no longer be edited by its organisation', async () => {
    const r = await h.invoke(demo.vasterasDirector, needsVerbs.save, { number: 1, title: 'Ny rubrik', description: 'x', area: 'framtida-valfarden', organisationId: 'vasteras', contactName: 'Erik', urgency: 'low' });
    expect(invokeText(r)).toBe(sv.refusals.notInkommen);
    expect(need(1).title).toBe(rekrytering.title);
  });

  it('the submitting organisation withdraws it while inkommen, and supporters are told', async () => {
    const support = await h.invoke(demo.eskilstunaDirector, needsVerbs.support, { number: 3 });
    validCard(support);
    const withdrawn = validCard(await h.invoke(demo.vasterasDirector, needsVerbs.withdraw, { number: 3, confirm: 'yes' }));
    expect(textOf(withdrawn)).toContain(sv.messages.withdrawn({ number: 3 }));
    expect(need(3).state.status).toBe('tillbakadragen');
    await h.services.messenger.drain();
    const news = h.connector.messagesIn(conversationOf(demo.eskilstunaDirector)).map(cardOf).filter((c) => c && textOf(c).includes(sv.notification.withdrawn));
    expect(news).toHaveLength(1);
  });
});

describe('rounds', () => {
  it('a need that arrives after the round closed goes to the next one, and the submitter is told which', async () => {
    clock = new Date('2026-10-01T08:00:00Z');
    const { result } = await submitNeed(demo.regionDirector, { title: 'Ledarskap i kris', description: 'Hur leder man en region genom en kris?' }, { force: true });
    const receipt = validCard(result);
    expect(textOf(receipt)).toContain(sv.receipt.lateToFollowing({ missedYear: 2027, missedClosingDate: '2026-09-30', year: 2028 }));
    expect(needs().at(-1)).toMatchObject({ title: 'Ledarskap i kris', round: 2028 });
  });

  it('only leadership opens rounds', async () => {
    expect((await h.say(demo.eskilstunaDirector, 'öppna behovsomgång')).replies.map((r) => r.text)).toEqual([sv.refusals.manageRounds]);
    expect(invokeText(await h.invoke(demo.eskilstunaDirector, needsVerbs.openRound, { year: '2028', closingDate: '2027-09-30' }))).toBe(sv.refusals.manageRounds);
    expect(h.services.store.doc.needs.rounds).toHaveLength(1);
  });

  it('a round form with a date in the past comes back with the problem named', async () => {
    const form = validCard(await h.invoke(demo.leader, needsVerbs.openRound, { year: '2028', closingDate: '2026-01-31' }));
    expect(byId(form, 'error-closingDate')?.text).toBe(sv.round.errors.inThePast);
    expect(byId(form, 'closingDate')?.value).toBe('2026-01-31');
    expect(h.services.store.doc.needs.rounds).toHaveLength(1);
  });
});

describe('help', () => {
  it('shows each person only the needs commands they may use', async () => {
    const helpOf = async (who: string) => textOf(cardOf((await h.say(who, 'hjälp')).replies[0]));
    const staff = await helpOf(demo.salaEconomist);
    expect(staff).toContain(sv.commands.myNeeds.command);
    expect(staff).not.toContain(sv.commands.newNeed.command);
    const director = await helpOf(demo.vasterasDirector);
    expect(director).toContain(sv.commands.newNeed.command);
    expect(director).not.toContain(sv.commands.allNeeds.command);
    const leader = await helpOf(demo.leader);
    for (const c of Object.values(sv.commands)) expect(leader).toContain(c.command);
  });
});
