import { describe, expect, it } from 'vitest';
import { parseDecisionQuery, searchDecisions } from './decision-search.js';
import type { Decision } from './decision.js';
import { id } from './test-fixtures.js';

const decision = (over: Partial<Decision> & Pick<Decision, 'id' | 'number' | 'text'>): Decision => ({
  body: 'programrad',
  year: 2027,
  origin: { kind: 'meeting', meetingId: 'm1' },
  needNumbers: [],
  decidedAt: '2027-04-13T07:00:00.000Z',
  recordedAt: '2027-04-13T08:00:00.000Z',
  recordedBy: id(21),
  finalAt: null,
  status: 'valid',
  withdrawal: null,
  supersedes: null,
  supersededBy: null,
  revisions: [],
  ...over,
});

const log: Decision[] = [
  decision({ id: 'd1', number: 1, text: 'Programrådet antar programplanen för den framtida välfärden 2028.' }),
  decision({ id: 'd2', number: 2, text: 'Budgetförslaget för 2028 godkänns.', needNumbers: [12] }),
  decision({ id: 'd3', number: 3, text: 'Äldreomsorgens kompetensförsörjning blir ett tema.', status: 'withdrawn', withdrawal: { at: '2027-04-13T09:00:00.000Z', by: id(21), reason: 'Fel' } }),
  decision({ id: 'd4', number: 1, body: 'programgrupp', text: 'Programgruppen prioriterar kompetensförsörjning.', decidedAt: '2027-09-01T07:00:00.000Z' }),
  decision({ id: 'd5', number: 1, year: 2028, text: 'Ny budget.', decidedAt: '2028-03-01T08:00:00.000Z' }),
];

const bodyWords = { programrådet: 'programrad', programgruppen: 'programgrupp', council: 'programrad' } as const;
const fillerWords = ['om', 'about'];

describe('reading the query', () => {
  it('"2027" is a year, "#12" a need, "om" is skipped, the rest are words to find', () => {
    expect(parseDecisionQuery({ text: '2027', bodyWords, fillerWords })).toEqual({ year: 2027, words: [] });
    expect(parseDecisionQuery({ text: 'om kompetensförsörjning', bodyWords, fillerWords })).toEqual({ words: ['kompetensförsörjning'] });
    expect(parseDecisionQuery({ text: 'programrådet 2028 om budget, #12!', bodyWords, fillerWords })).toEqual({ year: 2028, body: 'programrad', needNumber: 12, words: ['budget'] });
    expect(parseDecisionQuery({ text: 'about Budget', bodyWords, fillerWords })).toEqual({ words: ['budget'] });
  });

  it('Swedish stop words are not searched for, and a number that is not a year is not a year', () => {
    expect(parseDecisionQuery({ text: 'om det som rör äldreomsorgen', fillerWords })).toEqual({ words: ['rör', 'äldreomsorgen'] });
    expect(parseDecisionQuery({ text: '1999 3000', fillerWords }).year).toBeUndefined();
  });
});

describe('searching the log', () => {
  const ids = (ds: Decision[]) => ds.map((d) => d.id);

  it('"beslut 2027": every decision of the year, newest first', () => {
    expect(ids(searchDecisions({ decisions: log, query: { year: 2027, words: [] } }))).toEqual(['d4', 'd3', 'd2', 'd1']);
  });

  it('matches inflected forms through the stem, and å/ä/ö typed without dots', () => {
    expect(ids(searchDecisions({ decisions: log, query: { words: ['programplaner'] } }))).toEqual(['d1']);
    expect(ids(searchDecisions({ decisions: log, query: { words: ['aldreomsorgen'] } }))).toEqual(['d3']);
    expect(ids(searchDecisions({ decisions: log, query: { words: ['välfärd'] } }))).toEqual(['d1']);
  });

  it('a word found inside a compound counts ("budget" finds "Budgetförslaget"); every word must match', () => {
    expect(ids(searchDecisions({ decisions: log, query: { words: ['budget'] } }))).toEqual(['d5', 'd2']);
    expect(ids(searchDecisions({ decisions: log, query: { words: ['budget', 'välfärd'] } }))).toEqual([]);
  });

  it('filters by body and by need; with validOnly, withdrawn decisions are left out', () => {
    expect(ids(searchDecisions({ decisions: log, query: { body: 'programgrupp', words: [] } }))).toEqual(['d4']);
    expect(ids(searchDecisions({ decisions: log, query: { needNumber: 12, words: [] } }))).toEqual(['d2']);
    expect(ids(searchDecisions({ decisions: log, query: { words: ['kompetensförsörjning'] } }))).toEqual(['d4', 'd3']);
    expect(ids(searchDecisions({ decisions: log, query: { words: ['kompetensförsörjning'] }, validOnly: true }))).toEqual(['d4']);
  });

  it('finds a decision by the title of a need it concerns', () => {
    const needs = [{ number: 12, title: 'Rekrytering av undersköterskor' }];
    expect(ids(searchDecisions({ decisions: log, query: { words: ['undersköterska'] }, needs }))).toEqual(['d2']);
  });

  it('a short word is not matched inside longer words by chance', () => {
    const decisions = [decision({ id: 'x', number: 9, text: 'Området växer.' })];
    expect(searchDecisions({ decisions, query: { words: ['om'] } })).toEqual([]);
  });
});
