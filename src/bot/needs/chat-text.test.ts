import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n/catalogue.js';
import { parseFilters, parseNeedsCommand, prefillFromText } from './chat-text.js';

describe('needs commands in chat', () => {
  it.each(['nytt behov', 'Nytt behov!', 'NYTT BEHOV', 'nytt  behov', 'new need', 'New need.', '<at>STARK</at> nytt behov', 'lämna in ett behov'])('"%s" opens the need form', (text) => {
    expect(parseNeedsCommand(text)).toEqual({ kind: 'newNeed' });
  });

  it.each(['mina behov', 'Mina behov', 'våra behov', 'vara behov', 'my needs'])('"%s" lists the own organisation’s needs', (text) => {
    expect(parseNeedsCommand(text)).toEqual({ kind: 'myNeeds' });
  });

  it('"alla behov" with filters in any order, with or without å/ä/ö', () => {
    expect(parseNeedsCommand('alla behov')).toEqual({ kind: 'allNeeds', filter: {}, unknown: [] });
    expect(parseNeedsCommand('alla behov sörmland inkomna 2027')).toEqual({ kind: 'allNeeds', filter: { county: 'sormland', status: 'inkommen', round: 2027 }, unknown: [] });
    expect(parseNeedsCommand('Alla behov i Vastmanland under beredning, den resilienta organisationen')).toEqual({
      kind: 'allNeeds',
      filter: { county: 'vastmanland', status: 'under-beredning', area: 'resilienta-organisationen' },
      unknown: [],
    });
    expect(parseNeedsCommand('all needs rejected welfare 2028')).toEqual({ kind: 'allNeeds', filter: { status: 'avslagen', area: 'framtida-valfarden', round: 2028 }, unknown: [] });
  });

  it('words that are not filters are handed back as typed, the rest still applies', () => {
    expect(parseNeedsCommand('alla behov Gotland avslagna')).toEqual({ kind: 'allNeeds', filter: { status: 'avslagen' }, unknown: ['Gotland'] });
  });

  it('"under beredning" is one status, not "beredning" plus an unknown word', () => {
    expect(parseFilters('under beredning')).toEqual({ filter: { status: 'under-beredning' }, unknown: [] });
    expect(parseFilters('ingår i programplanen')).toEqual({ filter: { status: 'ingar-i-programplan' }, unknown: [] });
  });

  it('a need by number, the overview (optionally for a year), opening a round', () => {
    expect(parseNeedsCommand('behov 12')).toEqual({ kind: 'showNeed', number: 12 });
    expect(parseNeedsCommand('#12')).toEqual({ kind: 'showNeed', number: 12 });
    expect(parseNeedsCommand('visa behov #7')).toEqual({ kind: 'showNeed', number: 7 });
    expect(parseNeedsCommand('behovsöversikt')).toEqual({ kind: 'overview' });
    expect(parseNeedsCommand('behovsöversikt 2027')).toEqual({ kind: 'overview', round: 2027 });
    expect(parseNeedsCommand('needs overview')).toEqual({ kind: 'overview' });
    expect(parseNeedsCommand('öppna behovsomgång')).toEqual({ kind: 'openRound' });
    expect(parseNeedsCommand('open needs round')).toEqual({ kind: 'openRound' });
  });

  it('every command the help card offers (it sends the command text) is understood, in both languages', () => {
    const expected = { newNeed: 'newNeed', myNeeds: 'myNeeds', allNeeds: 'allNeeds', overview: 'overview', openRound: 'openRound' } as const;
    for (const t of [catalogues.sv, catalogues.en]) {
      for (const [key, entry] of Object.entries(t.needs.commands)) expect(parseNeedsCommand(entry.command)?.kind, entry.command).toBe(expected[key as keyof typeof expected]);
    }
  });

  it('other messages are not for the needs feature', () => {
    for (const text of ['hjälp', '12', 'vad kostar Västerås 2027?', 'behovet av pengar är stort', 'mina möten', '']) expect(parseNeedsCommand(text)).toBeNull();
  });
});

describe('a need from free text ("Behov: …")', () => {
  it('the first sentence is the title, the rest the description', () => {
    expect(parseNeedsCommand('Behov: Kompetensförsörjning i äldreomsorgen. Vi har svårt att rekrytera undersköterskor. Hur gör andra?')).toEqual({
      kind: 'needFromText',
      prefill: { title: 'Kompetensförsörjning i äldreomsorgen', description: 'Vi har svårt att rekrytera undersköterskor. Hur gör andra?' },
    });
  });

  it('the first line is the title when there are several lines', () => {
    expect(prefillFromText('Tillitsbaserad styrning\nHur styr vi med tillit?\nOch hur följer vi upp?')).toEqual({ title: 'Tillitsbaserad styrning', description: 'Hur styr vi med tillit?\nOch hur följer vi upp?' });
  });

  it('an abbreviation does not end the title', () => {
    expect(prefillFromText('Stöd för t.ex. digitalisering av ärenden. Mer text här.')).toEqual({ title: 'Stöd för t.ex. digitalisering av ärenden', description: 'Mer text här.' });
  });

  it('a question keeps its question mark', () => {
    expect(prefillFromText('Hur minskar vi den administrativa bördan? Chefer lägger mycket tid.').title).toBe('Hur minskar vi den administrativa bördan?');
  });

  it('a first sentence over 120 characters is cut at a word and nothing is lost: the whole text is the description', () => {
    const long = `${'Kunskap om hur kommuner och regioner kan samverka kring kompetensförsörjning '.repeat(3)}i hela länet`;
    const r = prefillFromText(long);
    expect(Array.from(r.title).length).toBeLessThanOrEqual(120);
    expect(r.title.endsWith('…')).toBe(true);
    expect(long.startsWith(r.title.slice(0, -1))).toBe(true);
    expect(r.description).toBe(long);
  });

  it('one sentence only: a title and an empty description for the form to ask for', () => {
    expect(parseNeedsCommand('need: Trust-based governance')).toEqual({ kind: 'needFromText', prefill: { title: 'Trust-based governance', description: '' } });
  });

  it('"Behov:" with nothing after it opens an empty form', () => {
    expect(parseNeedsCommand('Behov:   ')).toEqual({ kind: 'newNeed' });
  });

  it('markdown and control characters in the text are kept as text, control characters dropped', () => {
    expect(prefillFromText('**Viktigt** behov\u0007\nmed <b>html</b>')).toEqual({ title: '**Viktigt** behov', description: 'med <b>html</b>' });
  });
});
