import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo, invokeCard, invokeText, textOf, type TurnResult } from '../helpers/harness.js';
import { validateCard } from '../helpers/card-validator.js';
import { cardNodes } from '../helpers/card-nodes.js';
import { loadCostData } from '../../src/bot/cost/cost-data-files.js';
import { computeCostShares, costForParty } from '../../src/domain/cost/cost-shares.js';
import { catalogues } from '../../src/i18n/catalogue.js';

// Expected figures come from the domain functions over the data files (and the memo's own numbers), never from
// the bot's replies.
const data = loadCostData();
const shares = computeCostShares({ data });
const yearly = (partyId: string): number => {
  const cost = costForParty({ shares, partyId });
  if (!cost.ok || cost.share.yearly === null) throw new Error(`no decided amount for ${partyId}`);
  return cost.share.yearly;
};
const illustrated = (partyId: string): number => {
  const cost = costForParty({ shares, partyId });
  if (!cost.ok || !cost.illustration) throw new Error(`no illustration for ${partyId}`);
  return cost.illustration.yearly;
};
const YEARS = shares.period.years.length;
const sv = catalogues.sv.cost.kr;
const en = catalogues.en.cost.kr;

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.close();
});

/** The one reply of a turn: its card (validated) or its text, as the person reads it. */
function readReply(result: TurnResult): { text: string; card: Record<string, unknown> | undefined } {
  expect(result.status).toBe(200);
  expect(result.replies).toHaveLength(1);
  const card = cardOf(result.replies[0]);
  if (card) expect(validateCard(card)).toEqual([]);
  return { text: card ? textOf(card) : String(result.replies[0]?.text), card };
}

describe('cost questions in chat, answered with the agreed amounts', () => {
  // [who asks, Teams locale, question, amounts that must be in the answer]
  const questions: [string, string, string, () => string[]][] = [
    [demo.vasterasDirector, 'sv-SE', 'Vad kostar STARK för oss?', () => [sv(336_025), sv(336_025 * YEARS)]],
    [demo.regionDirector, 'sv-SE', 'vad kostar stark for oss', () => [sv(590_000), sv(1_770_000)]],
    [demo.leader, 'sv-SE', 'Vad betalar vi per år?', () => [sv(1_050_000), sv(1_050_000 * YEARS)]],
    [demo.kopingSubstitute, 'en-GB', 'What do we pay in 2027?', () => [`Year 2027\n${en(yearly('koping'))}`]],
    [demo.salaEconomist, 'sv-SE', 'Hur mycket betalar vi under hela perioden?', () => [sv(yearly('sala') * YEARS)]],
    [demo.kopingSubstitute, 'sv-SE', 'Vad kostar det for var kommun?', () => [sv(yearly('koping'))]],
    [demo.regionDirector, 'en-GB', 'What is our share?', () => [en(590_000), en(1_770_000)]],
    [demo.eskilstunaDirector, 'sv-SE', 'Hur mycket betalar Köping 2027?', () => [`År 2027\n${sv(yearly('koping'))}`]],
    [demo.salaEconomist, 'sv-SE', 'hur mycket betalar koping 2027', () => [`År 2027\n${sv(yearly('koping'))}`]],
    [demo.kopingSubstitute, 'sv-SE', 'Vad betalar Västerås stad?', () => [sv(336_025)]],
    [demo.eskilstunaDirector, 'en-GB', 'How much does Vasteras pay?', () => [en(336_025)]],
    [demo.leader, 'sv-SE', 'Vad betalar Region V?', () => [sv(590_000)]],
    [demo.vasterasDirector, 'sv-SE', 'Hur mycket betalar MDU per år?', () => [sv(1_050_000)]],
    [demo.salaEconomist, 'en-GB', 'What does Mälardalens universitet contribute?', () => [en(1_050_000)]],
    [demo.vasterasDirector, 'sv-SE', 'Vad betalar Hallstahamar?', () => [sv(yearly('hallstahammar'))]],
    [demo.regionDirector, 'sv-SE', 'Vad betalar Region Västmanland 2026-2028?', () => [sv(1_770_000)]],
    [demo.kopingSubstitute, 'sv-SE', 'Vad är totalkostnaden?', () => [sv(3_500_000), sv(1_050_000), sv(2_450_000), sv(3_500_000 * YEARS)]],
    [demo.eskilstunaDirector, 'en-GB', 'What is the total cost of STARK?', () => [en(3_500_000), en(3_500_000 * YEARS)]],
    [demo.vasterasDirector, 'sv-SE', 'Vad betalar Sörmland?', () => [sv(1_269_000), sv(1_269_000 * YEARS)]],
    [demo.eskilstunaDirector, 'sv-SE', 'Vad betalar Vastmanland?', () => [sv(1_181_000)]],
    [demo.salaEconomist, 'sv-SE', 'Vad betalar kommunerna i Västmanland?', () => [sv(591_000), sv(591_000 * YEARS)]],
    [demo.vasterasDirector, 'sv-SE', 'Vad betalar Köping och Sala?', () => [sv(yearly('koping')), sv(yearly('sala'))]],
    [demo.leader, 'en-GB', 'What does Region Sörmland pay per year?', () => ['Not decided', en(1_269_000), en(illustrated('region-sormland'))]],
    [demo.eskilstunaDirector, 'sv-SE', 'Vad kostar STARK för oss?', () => ['Inte beslutat', sv(1_269_000), sv(illustrated('eskilstuna'))]],
    [demo.vasterasDirector, 'sv-SE', 'Vad betalar Länsstyrelsen Sörmland?', () => ['Inte beslutat', sv(1_269_000)]],
  ];

  it('asks at least 20 differently phrased questions, from at least five people, in both languages', () => {
    expect(new Set(questions.map((q) => q[2])).size).toBeGreaterThanOrEqual(20);
    expect(new Set(questions.map((q) => q[0])).size).toBeGreaterThanOrEqual(5);
    expect(new Set(questions.map((q) => q[1])).size).toBe(2);
  });

  it.each(questions)('%s (%s): %s', async (who, locale, question, amounts) => {
    const { text } = readReply(await h.say(who, question, { locale }));
    for (const amount of amounts()) expect(text).toContain(amount);
  });

  it('the memo’s figures are what the domain gives (so the expectations above rest on them)', () => {
    expect(shares.programme.yearly).toBe(3_500_000);
    expect(shares.otherParties.yearly).toBe(2_450_000);
    expect(shares.counties.sormland.yearly).toBe(1_269_000);
    expect(shares.counties.vastmanland.yearly).toBe(1_181_000);
    expect(yearly('region-vastmanland') * YEARS).toBe(1_770_000);
    expect(yearly('vasteras')).toBe(336_025);
  });

  it('"vi" means the asker’s own organisation: the same words give Västerås and Köping different answers', async () => {
    const vasteras = readReply(await h.say(demo.vasterasDirector, 'Vad betalar vi?')).text;
    const koping = readReply(await h.say(demo.kopingSubstitute, 'Vad betalar vi?')).text;
    expect(vasteras).toContain('Kostnad för Västerås stad');
    expect(koping).toContain('Kostnad för Köpings kommun');
    expect(koping).toContain(sv(yearly('koping')));
    expect(koping).not.toContain(sv(336_025));
  });

  it('the answer card shows the derivation and which parts are assumptions', async () => {
    const { card } = readReply(await h.say(demo.vasterasDirector, 'Vad kostar STARK för oss?'));
    const text = textOf(card);
    expect(text).toContain('Så räknas det fram');
    expect(text).toContain('159\u00a0662'); // Västerås' population in the population-share step
    for (const id of ['vastmanland-municipalities-by-population', 'vastmanland-municipalities-remainder']) {
      expect(text).toContain(data.agreement.assumptions.find((a) => a.id === id)!.statement.sv);
    }
  });
});

describe('questions that must not get a made-up figure', () => {
  it('a year outside 2026–2028 is answered with the period the agreement covers', async () => {
    expect(readReply(await h.say(demo.vasterasDirector, 'Vad betalar vi 2030?')).text).toBe(catalogues.sv.cost.replies.yearOutsidePeriod({ year: 2030, firstYear: 2026, lastYear: 2028 }));
    expect(readReply(await h.say(demo.kopingSubstitute, 'How much do we pay in 2025?', { locale: 'en-US' })).text).toBe(
      catalogues.en.cost.replies.yearOutsidePeriod({ year: 2025, firstYear: 2026, lastYear: 2028 }),
    );
  });

  it('an unknown organisation is named back with the closest parties, and no amount', async () => {
    const { text, card } = readReply(await h.say(demo.salaEconomist, 'Hur mycket betalar Uppsala?'));
    expect(card).toBeUndefined();
    expect(text).toMatch(/^”Uppsala” är inte part i STARK, så jag har ingen siffra för den\. Menade du .*Sala kommun.*\?$/);
    expect(text).not.toMatch(/\d/);
    const enk = readReply(await h.say(demo.salaEconomist, 'What does Enköping pay?', { locale: 'en-GB' })).text;
    expect(enk).toMatch(/^“Enköping” is not a party to STARK.*Did you mean Köpings kommun/);
  });
});

describe('the programme, groups and sums (issue 19)', () => {
  /** Title → value of each fact set on the card: the headline first, then the parts. */
  const factSets = (card: Record<string, unknown> | undefined) =>
    cardNodes(card)
      .filter((n) => n.type === 'FactSet')
      .map((n) => new Map((n.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])));

  it('"Vad kostar programmet totalt per år?" is the programme’s 3,500,000 kr (10,500,000 kr for 2026–2028), made of MDU and the other parties', async () => {
    for (const [who, text, locale, t] of [
      [demo.salaEconomist, 'Vad kostar programmet totalt per år?', 'sv-SE', catalogues.sv],
      [demo.eskilstunaDirector, 'VAD ÄR BUDGETEN', 'sv-SE', catalogues.sv],
      [demo.kopingSubstitute, 'What is the total budget?', 'en-GB', catalogues.en],
    ] as const) {
      const { card, text: shown } = readReply(await h.say(who, text, { locale }));
      const [headline, parts] = factSets(card);
      expect(headline!.get(t.cost.answer.perYear), text).toBe(t.cost.kr(shares.programme.yearly));
      expect(headline!.get(t.cost.answer.period({ firstYear: 2026, lastYear: 2028 }))).toBe(t.cost.kr(shares.programme.yearly * YEARS));
      expect(parts!.get(data.organisations.find((o) => o.id === 'mdu')!.name)).toBe(t.cost.kr(1_050_000));
      expect(parts!.get(t.cost.group.sum)).toBe(t.cost.kr(3_500_000));
      expect(shown).not.toMatch(/Menade du|Did you mean/);
    }
  });

  it('"Vad betalar Västerås och Köping tillsammans?" gives both parts, their sum and the sum’s derivation', async () => {
    const sum = yearly('vasteras') + yearly('koping');
    const { card, text } = readReply(await h.say(demo.leader, 'Vad betalar Västerås och Köping tillsammans?'));
    const [headline, parts] = factSets(card);
    expect(headline!.get('Per år')).toBe(sv(sum));
    expect(parts).toEqual(
      new Map([
        ['Västerås stad', `${sv(yearly('vasteras'))} (antagande)`],
        ['Köpings kommun', `${sv(yearly('koping'))} (antagande)`],
        ['Summa', sv(sum)],
      ]),
    );
    expect(text).toContain(`Tillsammans: ${sv(yearly('vasteras'))} (Västerås stad) + ${sv(yearly('koping'))} (Köpings kommun) = ${sv(sum)} per år.`);
    expect(text).toContain(data.agreement.assumptions.find((a) => a.id === 'vastmanland-municipalities-by-population')!.statement.sv);
  });

  it('groups by the words people use: "västmanlandskommunernas andel", "alla utom MDU", "everyone except MDU"', async () => {
    const municipalities = readReply(await h.say(demo.regionDirector, 'västmanlandskommunernas andel 2027'));
    expect(factSets(municipalities.card)[0]!.get('År 2027')).toBe(sv(591_000));
    expect(factSets(municipalities.card)[1]!.size).toBe(11); // ten municipalities and the sum
    const others = readReply(await h.say(demo.vasterasDirector, 'Vad betalar alla utom MDU?'));
    expect(factSets(others.card)[0]!.get('Per år')).toBe(sv(2_450_000));
    expect(others.text).toContain('Alla parter utom Mälardalens universitet');
    const english = readReply(await h.say(demo.salaEconomist, 'everyone except MDU', { locale: 'en-GB' }));
    expect(factSets(english.card)[0]!.get('Per year')).toBe(en(2_450_000));
  });

  it('a concept word is never offered party names, and a word that is no party gets help instead of a guess', async () => {
    // The issue: "programmet" was answered "did you mean Arboga, Surahammar and Trosa?".
    const programme = readReply(await h.say(demo.vasterasDirector, 'Vad kostar programmet?'));
    expect(programme.text).not.toMatch(/Menade du|Arboga/);
    expect(factSets(programme.card)[0]!.get('Per år')).toBe(sv(3_500_000));
    expect(readReply(await h.say(demo.vasterasDirector, 'Vad betalar Göteborg?')).text).toBe(catalogues.sv.cost.replies.unknownParty({ mention: 'Göteborg', suggestions: [] }));

    const unclear = readReply(await h.say(demo.vasterasDirector, 'Vad kostar fikat?'));
    expect(unclear.text).toContain('Jag förstod att du frågar om en kostnad, men ”fikat” är inte en part i STARK');
    expect(unclear.text).not.toMatch(/\bkr\b/);
    const help = (unclear.card!.actions as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === 'help.run')!;
    // Clicking "Visa vad jag kan göra" brings the help card.
    const clicked = await h.invoke(demo.vasterasDirector, 'help.run', help.data!);
    expect(textOf(cardOf(clicked.replies[0]))).toContain(catalogues.sv.cost.help.command);
  });
});

describe('what-if', () => {
  it('"Vad händer om Norberg inte deltar?" shows the split recomputed as a scenario, and saves nothing', async () => {
    await h.say(demo.vasterasDirector, 'hjälp'); // the conversation is known; later turns write nothing for it
    await h.services.store.flush();
    const before = JSON.stringify(h.services.store.doc);
    const onDisk = await readFile(h.services.store.file, 'utf8');
    const { card, text } = readReply(await h.say(demo.vasterasDirector, 'Vad händer om Norberg inte deltar?'));
    expect(card).toBeDefined();
    const scenario = computeCostShares({ data, scenario: { excludedPartyIds: ['norberg'] } });
    const vasteras = scenario.parties.find((p) => p.partyId === 'vasteras')!.yearly!;
    expect(vasteras).toBeGreaterThan(336_025);
    expect(text).toContain('Scenario: om Norbergs kommun inte deltar. Inget sparas');
    expect(text).toContain(catalogues.sv.cost.number(vasteras));
    expect(text).toContain(catalogues.sv.cost.number(591_000)); // the municipalities' half is unchanged, only shared by fewer
    await h.services.store.flush();
    expect(JSON.stringify(h.services.store.doc)).toBe(before);
    expect(await readFile(h.services.store.file, 'utf8')).toBe(onDisk);
    // …and the agreement's own answer is as before.
    expect(readReply(await h.say(demo.vasterasDirector, 'Vad betalar vi?')).text).toContain(sv(336_025));
  });

  it('"Vad betalar vi om Norberg inte deltar?" gives the asker’s scenario amount on their answer card', async () => {
    const scenario = computeCostShares({ data, scenario: { excludedPartyIds: ['norberg'] } });
    const koping = scenario.parties.find((p) => p.partyId === 'koping')!.yearly!;
    const { text } = readReply(await h.say(demo.kopingSubstitute, 'Vad betalar vi om Norberg inte deltar?'));
    expect(text).toContain('Kostnad för Köpings kommun');
    expect(text).toContain(`Per år\n${sv(koping)}`);
    expect(text).toContain('Scenario');
  });
});

describe('cost commands and cards', () => {
  it('"kostnad" and "cost" open the question card with a type-ahead party picker', async () => {
    const svCard = readReply(await h.say(demo.salaEconomist, 'kostnad')).card!;
    expect(textOf(svCard)).toContain(catalogues.sv.cost.question.title);
    const picker = (svCard.body as Record<string, unknown>[]).find((e) => e.id === 'partyId')!;
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered' });
    expect((picker.choices as unknown[]).length).toBe(data.organisations.length);
    const enCard = readReply(await h.say(demo.salaEconomist, 'cost', { locale: 'en-US' })).card!;
    expect(textOf(enCard)).toContain(catalogues.en.cost.question.title);
  });

  it('"kostnadsöversikt" and "cost overview" show the whole table, adding up, with download links', async () => {
    for (const [text, locale, t] of [
      ['kostnadsöversikt', 'sv-SE', catalogues.sv],
      ['cost overview', 'en-GB', catalogues.en],
    ] as const) {
      const fmt = t.cost.number; // table cells are bare numbers under a "(kr)"/"(SEK)" header
      const { card } = readReply(await h.say(demo.eskilstunaDirector, text, { locale }));
      const shown = textOf(card);
      expect(shown).toContain(t.cost.overview.title);
      for (const amount of [3_500_000, 1_050_000, 2_450_000, 1_269_000, 1_181_000, 590_000, 591_000, 336_025]) expect(shown).toContain(fmt(amount));
      for (const o of data.organisations) expect(shown).toContain(o.name);
      const urls = (card!.actions as { type: string; url?: string; title: string }[]).filter((a) => a.type === 'Action.OpenUrl');
      expect(urls.map((a) => a.title)).toEqual([t.cost.overview.downloadXlsx, t.cost.overview.downloadCsv]);
      for (const a of urls) expect(a.url).toMatch(/\/downloads\/[\w-]+\.[\w-]+$/);
    }
  });

  it('the question card’s button answers with the party’s card for the chosen year', async () => {
    const r = await h.invoke(demo.salaEconomist, 'cost.ask', { partyId: 'koping', year: '2027' });
    const card = invokeCard(r);
    expect(validateCard(card)).toEqual([]);
    expect(textOf(card)).toContain(`År 2027\n${sv(yearly('koping'))}`);
    const whole = invokeCard(await h.invoke(demo.salaEconomist, 'cost.ask', { partyId: 'region-vastmanland', year: 'period' }));
    expect(textOf(whole)).toContain(sv(1_770_000));
  });

  it('the question card sent without a party comes back with a message; a malformed year is refused politely', async () => {
    const again = invokeCard(await h.invoke(demo.salaEconomist, 'cost.ask', { year: '2027' }));
    expect(validateCard(again)).toEqual([]);
    expect(textOf(again)).toContain(catalogues.sv.cost.question.partyRequired);
    expect(invokeText(await h.invoke(demo.salaEconomist, 'cost.ask', { partyId: 'koping', year: 'next year' }))).toBe(catalogues.sv.core.invalidInput);
  });

  it('the answer card’s buttons open the overview (keeping a what-if) and the question card for another party', async () => {
    const overview = invokeCard(await h.invoke(demo.vasterasDirector, 'cost.overview', { excluded: 'norberg' }));
    expect(validateCard(overview)).toEqual([]);
    expect(textOf(overview)).toContain('Scenario: om Norbergs kommun inte deltar.');
    const plain = invokeCard(await h.invoke(demo.vasterasDirector, 'cost.overview', {}));
    expect(textOf(plain)).not.toContain('Scenario');
    const form = invokeCard(await h.invoke(demo.vasterasDirector, 'cost.form', { partyId: 'koping' }));
    expect(validateCard(form)).toEqual([]);
    expect((form!.body as Record<string, unknown>[]).find((e) => e.id === 'partyId')).toMatchObject({ value: 'koping' });
  });

  it('the help card lists the cost commands, and clicking one runs it', async () => {
    const help = readReply(await h.say(demo.salaEconomist, 'hjälp')).text;
    expect(help).toContain(catalogues.sv.cost.help.command);
    expect(help).toContain(catalogues.sv.cost.helpOverview.command);
    const run = await h.invoke(demo.salaEconomist, 'help.run', { command: 'kostnadsöversikt' });
    expect(textOf(cardOf(run.replies[0]))).toContain(catalogues.sv.cost.overview.title);
  });

  it('needs and meetings commands with money words in them are not answered as cost questions', async () => {
    for (const text of ['Behov: kostnadseffektiv styrning i kommunerna', 'Hur mycket tid tar ett möte?', 'nytt behov', 'mötesplan']) {
      const { text: reply } = readReply(await h.say(demo.vasterasDirector, text));
      expect(reply, text).not.toMatch(/\u00a0kr|Vad kostar STARK|Kostnad för|STARK kostar/);
    }
  });
});
