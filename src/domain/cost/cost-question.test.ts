import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import organisationsJson from '../../../data/organisations.json' with { type: 'json' };
import { organisationsFileSchema } from '../organisations.js';
import { interpretCostQuestion, looksLikeCostQuestion, plausibleParties, SUGGESTION_MAX_DISTANCE, type CostQuestion } from './cost-question.js';
import { CONCEPT_PHRASES } from './cost-lexicon.js';

const organisations = organisationsFileSchema.parse(organisationsJson).organisations;
const period = { firstYear: 2026, lastYear: 2028 };
const ask = (text: string, asker: string | null = 'vasteras', currentYear = 2026): CostQuestion =>
  interpretCostQuestion({ text, askerOrganisationId: asker, organisations, period, currentYear });
const party = (partyId: string, viaSelf = false) => ({ type: 'party', partyId, viaSelf });

describe('questions about one party, as people write them', () => {
  const cases: [text: string, asker: string | null, partyId: string, viaSelf: boolean, year: number | null][] = [
    ['Vad kostar STARK för oss?', 'vasteras', 'vasteras', true, null],
    ['vad kostar stark for oss', 'koping', 'koping', true, null],
    ['Vad kostar STARK för oss?', 'region-sormland', 'region-sormland', true, null],
    ['Vad betalar vi 2027?', 'mdu', 'mdu', true, 2027],
    ['Hur mycket betalar Köping 2027?', null, 'koping', false, 2027],
    ['hur mycket betalar koping 2027', null, 'koping', false, 2027],
    ['HUR MYCKET BETALAR KÖPING 2027', null, 'koping', false, 2027],
    ['What does Region Sörmland pay per year?', null, 'region-sormland', false, null],
    ['what does region sormland pay per year', null, 'region-sormland', false, null],
    ['Vad betalar Västerås stad?', null, 'vasteras', false, null],
    ['Vad betalar Vasteras stad?', null, 'vasteras', false, null],
    ['How much does Vasteras pay?', null, 'vasteras', false, null],
    ['Vad betalar Region V?', null, 'region-vastmanland', false, null],
    ['Hur mycket betalar MDU per år?', null, 'mdu', false, null],
    ['Vad bidrar Mälardalens universitet med?', null, 'mdu', false, null],
    ['Vad betalar Malardalens universitet?', null, 'mdu', false, null],
    ['Vad betalar Länsstyrelsen Sörmland?', null, 'lansstyrelsen-sodermanland', false, null],
    ['vad betalar lansstyrelsen sormland', null, 'lansstyrelsen-sodermanland', false, null],
    ['What does Strängnäs contribute?', null, 'strangnas', false, null],
    ['Vad är Köpings andel?', null, 'koping', false, null],
    ['Vad kostar det för vår kommun?', 'sala', 'sala', true, null],
    ['Vad kostar det for var kommun?', 'sala', 'sala', true, null],
    ['What is our share over the whole period?', 'trosa', 'trosa', true, null],
    ['What do we pay in 2028?', 'eskilstuna', 'eskilstuna', true, 2028],
    ['Vad betalar regionen?', 'vasteras', 'region-vastmanland', false, null],
    ['Vad betalar vi nästa år?', 'norberg', 'norberg', true, 2027],
    ['Vad betalar vi i år?', 'norberg', 'norberg', true, 2026],
    // Typos: a swapped pair, a dropped letter, a missing double consonant.
    ['Vad betalar Köpnig 2027?', null, 'koping', false, 2027],
    ['Hur mycket betlar Eskilstna?', null, 'eskilstuna', false, null],
    ['Vad betalar Hallstahamar?', null, 'hallstahammar', false, null],
    ['Vad kostr STARK för Region Vastmanlnd?', null, 'region-vastmanland', false, null],
    ['what does katrinholm pay', null, 'katrineholm', false, null],
  ];
  it.each(cases)('%s (asked by %s) → %s', (text, asker, partyId, viaSelf, year) => {
    expect(looksLikeCostQuestion(text)).toBe(true);
    expect(ask(text, asker)).toMatchObject({ kind: 'cost', targets: [party(partyId, viaSelf)], year });
  });

  it('reads "per år"/"per year" as the yearly figure and "hela perioden"/"2026–2028" as the period', () => {
    expect(ask('What does Region Sörmland pay per year?')).toMatchObject({ span: 'year' });
    expect(ask('Vad betalar Sala under hela perioden?')).toMatchObject({ span: 'period', year: null });
    expect(ask('Hur mycket betalar Region Vastmanland 2026-2028?')).toMatchObject({ span: 'period', year: null, targets: [party('region-vastmanland')] });
  });

  it('answers every party named in one question', () => {
    expect(ask('Vad betalar Hallstahamar och Surahammar?')).toMatchObject({ kind: 'cost', targets: [party('hallstahammar'), party('surahammar')] });
  });

  it('reads a county and "the municipalities in" a county', () => {
    expect(ask('Vad betalar Sörmland?')).toMatchObject({ kind: 'cost', targets: [{ type: 'county', county: 'sormland' }] });
    expect(ask('Vad betalar kommunerna i Västmanland?')).toMatchObject({ kind: 'cost', targets: [{ type: 'countyMunicipalities', county: 'vastmanland' }] });
    expect(ask('What do the municipalities in Sodermanland pay?')).toMatchObject({ kind: 'cost', targets: [{ type: 'countyMunicipalities', county: 'sormland' }] });
  });
});

describe('the programme as a whole', () => {
  it.each(['Vad är totalkostnaden?', 'Vad ar totalkostnaden', 'What is the total cost of STARK?', 'Vad kostar STARK totalt?', 'vad kostar stark'])('%s → total', (text) => {
    expect(ask(text, null)).toMatchObject({ kind: 'total' });
  });
  it.each(['Hur fördelas kostnaden?', 'hur fordelas kostnaden', 'How is the cost split between the parties?', 'Kan jag få kostnadsfördelningen i Excel?', 'Vad betalar alla parter?'])(
    '%s → distribution',
    (text) => expect(ask(text)).toMatchObject({ kind: 'distribution', county: null }),
  );
  it('a distribution question about one county keeps the county', () => {
    expect(ask('Hur fördelas kostnaden i Sörmland?')).toMatchObject({ kind: 'distribution', county: 'sormland' });
  });
});

describe('what-if', () => {
  it('"Vad händer om Norberg inte deltar?" leaves Norberg out (with and without diacritics)', () => {
    for (const text of ['Vad händer om Norberg inte deltar?', 'vad hander om norberg inte deltar']) {
      expect(looksLikeCostQuestion(text)).toBe(true);
      expect(ask(text)).toEqual({ kind: 'whatIf', excludedPartyIds: ['norberg'], excluded: [party('norberg')], focus: null, year: null });
    }
  });
  it('names outside the condition are whom the asker asks about', () => {
    expect(ask('If Norberg does not participate, what does Köping pay?')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['norberg'], focus: party('koping') });
    expect(ask('Vad betalar vi om Norberg inte deltar?', 'sala')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['norberg'], focus: party('sala', true) });
    expect(ask('Vad betalar vi utan Norberg och Sala?', 'arboga')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['norberg', 'sala'], focus: party('arboga', true) });
  });
  it('"we" inside the condition leaves the asker out', () => {
    expect(ask('Vad händer om vi hoppar av?', 'fagersta')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['fagersta'], focus: null });
  });
  it('several parties can be left out', () => {
    expect(ask('What happens if Norberg and Sala drop out?')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['norberg', 'sala'] });
  });
  it('"om" meaning "about" is not a what-if', () => {
    expect(ask('Berätta om kostnaden för Köping')).toMatchObject({ kind: 'cost', targets: [party('koping')] });
  });
});

describe('answers that must not be a figure', () => {
  it.each([
    ['Vad betalar vi 2030?', 2030],
    ['What do we pay in 2025?', 2025],
    ['Hur mycket betalar Köping 2029?', 2029],
    ['Vad kostar STARK 2031?', 2031],
  ])('%s → the agreement covers 2026–2028', (text, year) => {
    expect(ask(text)).toMatchObject({ kind: 'yearOutsidePeriod', year, firstYear: 2026, lastYear: 2028 });
  });
  it('a year outside the period keeps whom it was about', () => {
    expect(ask('Hur mycket betalar Köping 2029?')).toMatchObject({ targets: [party('koping')] });
  });
  it('"nästa år" at the end of the period is outside it', () => {
    expect(ask('Vad betalar vi nästa år?', 'sala', 2028)).toMatchObject({ kind: 'yearOutsidePeriod', year: 2029 });
  });

  it('an organisation that is not a party is named back with the closest parties', () => {
    expect(ask('Hur mycket betalar Uppsala?')).toEqual({ kind: 'unknownParty', mention: 'Uppsala', suggestions: expect.arrayContaining(['sala']) });
    const enk = ask('Vad betalar Enköping?');
    expect(enk).toMatchObject({ kind: 'unknownParty', mention: 'Enköping' });
    expect(enk.kind === 'unknownParty' && enk.suggestions[0]).toBe('koping');
    expect(ask('vad betalar uppsala kommun')).toMatchObject({ kind: 'unknownParty', mention: 'uppsala kommun' });
  });
  it('Länsstyrelsen i Västmanlands län is not a funding party: no figure, Länsstyrelsen Sörmland suggested', () => {
    const r = ask('Vad betalar Länsstyrelsen i Västmanlands län?');
    expect(r).toMatchObject({ kind: 'unknownParty', mention: 'Länsstyrelsen i Västmanlands län' });
    expect(r.kind === 'unknownParty' && r.suggestions).toContain('lansstyrelsen-sodermanland');
  });
  it('a what-if about an unknown organisation names it instead of guessing', () => {
    expect(ask('Vad händer om Uppsala inte deltar?')).toMatchObject({ kind: 'unknownParty', mention: 'Uppsala' });
  });
  it('"we" from someone without a known organisation', () => {
    expect(ask('Vad kostar STARK för oss?', null)).toEqual({ kind: 'askerWithoutOrganisation' });
  });
  it('an ordinary unknown word is not taken for an organisation', () => {
    expect(ask('Var hittar jag kostnaden?')).toMatchObject({ kind: 'total' });
  });
});

describe('the agreement’s figures by the words people use', () => {
  it.each([
    'Vad kostar programmet totalt per år?',
    'VAD KOSTAR PROGRAMMET',
    'budget?',
    'Vad är budgeten?',
    'totalt?',
    'sammanlagt',
    'hela avtalet',
    'What is the total budget?',
    'Hur mycket betalar alla parter tillsammans?',
  ])('%s → the programme’s total', (text) => {
    expect(ask(text, null)).toMatchObject({ kind: 'total' });
  });
  it('"per år", a named year and the whole period are read with the total', () => {
    expect(ask('Vad kostar programmet totalt per år?')).toMatchObject({ kind: 'total', span: 'year' });
    expect(ask('budget 2027')).toMatchObject({ kind: 'total', year: 2027 });
    expect(ask('Vad är totalkostnaden för hela avtalet?')).toMatchObject({ kind: 'total', span: 'period' });
    expect(ask('total STARK budget 2026–28')).toMatchObject({ kind: 'total', span: 'period' });
  });
  it.each(['Vad betalar övriga parter?', 'vad betalar ovriga parterna', 'What do the other parties pay?', 'Hur mycket betalar de andra parterna tillsammans?'])('%s → the other parties jointly', (text) => {
    expect(ask(text)).toMatchObject({ kind: 'cost', targets: [{ type: 'otherParties' }], except: [] });
  });
  it.each(['Vad betalar alla utom MDU?', 'alla förutom MDU', 'everyone except MDU', 'all but MDU', 'andra parter än MDU', 'VAD BETALAR ALLA UTOM MDU'])('%s → every party but MDU', (text) => {
    expect(ask(text)).toMatchObject({ kind: 'cost', targets: [{ type: 'programme' }], except: [party('mdu')] });
  });
  it('"utom" after a group takes parties out of it; "utan" stays a what-if', () => {
    expect(ask('Vad betalar Västmanlands kommuner förutom Västerås?')).toMatchObject({ kind: 'cost', targets: [{ type: 'countyMunicipalities', county: 'vastmanland' }], except: [party('vasteras')] });
    expect(ask('alla kommuner i västmanland utom västerås')).toMatchObject({ kind: 'cost', targets: [{ type: 'countyMunicipalities', county: 'vastmanland' }], except: [party('vasteras')] });
    expect(ask('Vad betalar vi utan Norberg?', 'sala')).toMatchObject({ kind: 'whatIf', excludedPartyIds: ['norberg'] });
  });
  it.each([
    ['västmanlandskommunernas andel', 'vastmanland'],
    ['Vad betalar västmanlandskommunerna?', 'vastmanland'],
    ['VÄSTMANLANDSKOMMUNERNA', 'vastmanland'],
    ['sörmlandskommunerna', 'sormland'],
    ['sormlandskommunernas andel 2027', 'sormland'],
    ['Västmanlands kommuner', 'vastmanland'],
    ['kommunernas halva i Västmanland', 'vastmanland'],
    ['the Västmanland municipalities', 'vastmanland'],
  ] as const)('%s → the municipalities of %s (compounds and genitives)', (text, county) => {
    expect(ask(text)).toMatchObject({ kind: 'cost', targets: [{ type: 'countyMunicipalities', county }] });
  });
  it('"länen", "kommunerna" and "regionerna" alone are both counties’ groups', () => {
    expect(ask('Vad betalar länen?')).toMatchObject({ targets: [{ type: 'county', county: 'vastmanland' }, { type: 'county', county: 'sormland' }] });
    expect(ask('Vad kostar kommunerna?', 'mdu')).toMatchObject({ targets: [{ type: 'countyMunicipalities', county: 'vastmanland' }, { type: 'countyMunicipalities', county: 'sormland' }] });
    expect(ask('Vad betalar regionerna tillsammans?')).toMatchObject({ targets: [party('region-vastmanland'), party('region-sormland')] });
  });
  it('a county named with "regionen" is its region: "regionen i Sörmland", "sörmlandsregionen"', () => {
    for (const text of ['vad betalar regionen i sörmland', 'sörmlandsregionen']) expect(ask(text)).toMatchObject({ kind: 'cost', targets: [party('region-sormland')] });
  });
  it('"Köping i Västmanland" is Köping; "Länsstyrelsen i Sörmland" is Länsstyrelsen', () => {
    expect(ask('Vad betalar Köping i Västmanland?')).toMatchObject({ targets: [party('koping')] });
    expect(ask('Länsstyrelsen i Sörmland')).toMatchObject({ targets: [party('lansstyrelsen-sodermanland')] });
  });
  it('several named parties are all targets, whatever joins them', () => {
    for (const text of ['Västerås och Köping tillsammans', 'vasteras + koping', 'What do Västerås and Köping pay combined?', 'Vad betalar kommunerna Västerås och Köping?']) {
      expect(ask(text)).toMatchObject({ kind: 'cost', targets: [party('vasteras'), party('koping')] });
    }
  });
  it('a text of names alone is a cost question; a text about something else is not', () => {
    expect(ask('KÖPING 2027')).toMatchObject({ kind: 'cost', targets: [party('koping')], year: 2027 });
    expect(ask('Vad handlar programmet om?')).toEqual({ kind: 'notUnderstood' });
    expect(ask('Vilka sitter i programrådet för Västerås?')).toEqual({ kind: 'notUnderstood' });
  });
});

describe('"did you mean" only for what was plausibly meant', () => {
  it('a known concept word is never offered party names (the issue’s "programmet" → Arboga, Surahammar, Trosa)', () => {
    for (const [phrase] of CONCEPT_PHRASES) {
      const q = ask(`Vad betalar ${phrase}?`);
      expect(q.kind, phrase).not.toBe('unknownParty');
      expect(q.kind, phrase).not.toBe('unclear');
    }
  });
  it.each([
    ['Uppsala', ['sala']],
    ['Enköping', ['koping', 'nykoping']],
    ['Norrköping', ['koping', 'nykoping']],
    ['salla', ['sala']],
    ['Stockholm', []],
    ['Göteborg', []],
    ['programmet', []],
    ['Region Uppsala', ['sala']],
  ] as const)('%s → %j', (mention, ids) => {
    expect(plausibleParties(mention, organisations)).toEqual(ids);
  });
  it('a suggestion is at most SUGGESTION_MAX_DISTANCE typing errors per letter from a name, or a compound ending in one', () => {
    expect(SUGGESTION_MAX_DISTANCE).toBeLessThan(0.5);
    // "Arboga" shares letters with "programmet" but is five errors in six letters away.
    expect(plausibleParties('programmet', organisations)).not.toContain('arboga');
    expect(plausibleParties('Vasterås', organisations)).toEqual(['vasteras']);
  });
  it('a lower-case word that is nothing like a party is not called a name: what was understood, and help', () => {
    expect(ask('Vad kostar fikat?')).toEqual({ kind: 'unclear', mention: 'fikat', year: null, span: null });
    expect(ask('Hur mycket kostar en upphandling 2027?')).toEqual({ kind: 'unclear', mention: 'upphandling', year: 2027, span: null });
  });
  it('a name written as one keeps its clear answer, with or without suggestions', () => {
    expect(ask('Vad betalar Stockholm?')).toEqual({ kind: 'unknownParty', mention: 'Stockholm', suggestions: [] });
    expect(ask('vad betalar uppsala')).toEqual({ kind: 'unknownParty', mention: 'uppsala', suggestions: ['sala'] });
  });
  it('in a text written in capitals a capital letter says nothing', () => {
    expect(ask('VAD KOSTAR PROGRAMMET TOTALT')).toMatchObject({ kind: 'total' });
    expect(ask('VAD BETALAR KÖPING')).toMatchObject({ kind: 'cost', targets: [party('koping')] });
  });
});

describe('looksLikeCostQuestion', () => {
  it.each(['Vad kostar STARK för oss?', 'Hur mycket betalar Köping 2027?', 'What does Region Sörmland pay per year?', 'Vad är totalkostnaden?', 'Hur fördelas kostnaden?', 'Vad händer om Norberg inte deltar?', 'kostnadsfordelning', 'Vad kostr det?'])(
    'says yes to %s',
    (text) => expect(looksLikeCostQuestion(text)).toBe(true),
  );
  it.each(['Boka ett möte på tisdag', 'hjälp', 'Can you share the agenda?', 'Vilka sitter i programrådet?', 'Jag vill anmäla ett behov', 'Hur mycket tid tar ett möte?', 'How much time do we need?', 'Hur mycket behov finns det?', ''])('says no to %s', (text) => {
    expect(looksLikeCostQuestion(text)).toBe(false);
  });
});

describe('robustness', () => {
  const ids = new Set(organisations.map((o) => o.id));
  const partyIdsIn = (q: CostQuestion): string[] => {
    switch (q.kind) {
      case 'cost':
        return [...q.targets, ...q.except].flatMap((t) => (t.type === 'party' ? [t.partyId] : []));
      case 'yearOutsidePeriod':
        return q.targets.flatMap((t) => (t.type === 'party' ? [t.partyId] : []));
      case 'whatIf':
        return [...q.excludedPartyIds, ...(q.focus?.type === 'party' ? [q.focus.partyId] : [])];
      case 'unknownParty':
        return q.suggestions;
      default:
        return [];
    }
  };
  it('never throws and only ever names real parties, whatever is typed', () => {
    const words = ['vad', 'betalar', 'kostar', 'vi', 'oss', 'om', 'inte', 'deltar', 'Köping', 'region', 'Sörmland', '2027', '2031', 'utan', 'if', 'our', 'Uppsala', '**', 'länsstyrelsen', 'Västmanland', 'kommunerna', 'i', 'utom', 'alla', 'än', 'andra', 'regionen', 'västmanlandskommunerna', 'tillsammans', 'programmet'];
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...words), { maxLength: 10 }).map((w) => w.join(' '))), fc.constantFrom(null, 'vasteras', 'region-sormland'), (text, asker) => {
        const q = ask(text, asker);
        for (const id of partyIdsIn(q)) expect(ids.has(id)).toBe(true);
        if (q.kind === 'whatIf') expect(q.excludedPartyIds.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
