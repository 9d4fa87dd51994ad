import { describe, expect, it } from 'vitest';
import { validateCard, MAX_CARD_BYTES as VALIDATOR_MAX } from '../../tests/helpers/card-validator.js';
import { catalogues } from '../i18n/catalogue.js';
import { emptyNeedForm } from '../domain/needs/need-form.js';
import { needDetailCard, type NeedDetailView } from './need-detail-card.js';
import { needNotificationCard } from './need-notification-card.js';
import { needReceiptCard } from './need-receipt-card.js';
import { needSimilarCard, type SimilarNeedView } from './need-similar-card.js';
import { needsListCard } from './needs-list-card.js';
import { needsOverviewCard } from './needs-overview-card.js';
import { needsRoundFormCard } from './needs-round-form-card.js';
import { listFilterInputIds, needsVerbs, reviewInputIds } from './needs-verbs.js';
import { all, byId, executes, size, textBlocks, textRuns, texts } from './needs-card-test-helpers.js';
import type { NeedSummaryView } from './needs-card-parts.js';

const t = catalogues.sv;
const hostile = '**fet** <b>html</b> [länk](https://evil.example) # rubrik _kursiv_';

const summary = (over: Partial<NeedSummaryView> = {}): NeedSummaryView => ({
  number: 7,
  title: 'Kompetensförsörjning i äldreomsorgen',
  organisationName: 'Köpings kommun',
  area: 'framtida-valfarden',
  state: { status: 'inkommen' },
  round: 2027,
  supportCount: 2,
  submittedDate: '2026-03-02',
  ...over,
});

const detail = (over: Partial<NeedDetailView> = {}): NeedDetailView => ({
  ...summary(),
  description: 'Vi behöver veta hur andra rekryterar.',
  urgency: 'high',
  contact: { name: 'Lars Testlund', email: 'lars@demo.example' },
  submittedByName: 'Lars Testlund',
  supports: [{ organisationName: 'Västerås stad', byName: 'Erik Demoberg', date: '2026-03-04' }],
  history: [
    { date: '2026-03-02 10:00', byName: 'Lars Testlund', event: 'submitted', from: null, to: 'inkommen', text: '' },
    { date: '2026-03-05 09:00', byName: 'Anna Provström', event: 'transition', from: 'inkommen', to: 'under-beredning', text: 'Vi tar upp det i april.' },
  ],
  viewer: { canSupport: false, alreadySupported: false, canEdit: false, review: [], planYears: [2027, 2028] },
  ...over,
});

/** A person's text must reach the card only as a TextRun (never parsed) or escaped in a TextBlock. */
function expectShownLiterally(card: unknown, text: string): void {
  expect(textRuns(card)).toContain(text);
  for (const block of textBlocks(card)) expect(block).not.toContain('**fet**');
  for (const block of textBlocks(card)) expect(block).not.toContain('<b>');
}

describe('similar-needs card', () => {
  const similar = (over: Partial<SimilarNeedView> = {}): SimilarNeedView => ({ ...summary(), excerpt: 'Vi behöver veta hur andra rekryterar.', canSupport: true, alreadySupported: false, ownOrganisation: false, ...over });
  const draft = { ...emptyNeedForm({ organisationId: 'eskilstuna', contactName: 'Anders' }), title: 'Rekrytering till omsorgen', description: 'Svårt att rekrytera.', area: 'framtida-valfarden' };

  it('shows up to three needs, each with "ställ er bakom", and "skicka ändå" carrying the whole draft', () => {
    const card = needSimilarCard({ draft, similar: [similar({ number: 1 }), similar({ number: 2 }), similar({ number: 3 }), similar({ number: 4 })] }, t);
    expect(validateCard(card)).toEqual([]);
    const supports = executes(card).filter((a) => a.verb === needsVerbs.support);
    expect(supports.map((a) => (a.data as { number: number }).number)).toEqual([1, 2, 3]);
    expect(supports.every((a) => a.title === 'Ställ er bakom')).toBe(true);
    const anyway = executes(card).find((a) => a.verb === needsVerbs.submit);
    expect(anyway?.title).toBe('Skicka ändå');
    expect(anyway?.data).toEqual({ ...draft, force: 'true', verb: needsVerbs.submit });
    expect(executes(card).find((a) => a.verb === needsVerbs.form)?.data).toEqual({ ...draft, verb: needsVerbs.form });
  });

  it('no support button on the own organisation’s need or one already supported; the reason is shown', () => {
    const card = needSimilarCard({ draft, similar: [similar({ number: 1, canSupport: false, ownOrganisation: true }), similar({ number: 2, canSupport: false, alreadySupported: true })] }, t);
    expect(executes(card).filter((a) => a.verb === needsVerbs.support)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining([t.needs.similar.ownNeed, t.needs.similar.alreadySupported]));
  });

  it('titles with markdown and HTML are shown literally, the draft’s and the existing needs’', () => {
    const card = needSimilarCard({ draft: { ...draft, title: hostile }, similar: [similar({ title: hostile, organisationName: '*Kommun*' })] }, t);
    expect(validateCard(card)).toEqual([]);
    expectShownLiterally(card, hostile);
    expect(textBlocks(card).some((b) => b.includes('\\*Kommun\\*'))).toBe(true);
  });

  it('stays under the card limit with a 4,000-character draft and the longest titles', () => {
    const card = needSimilarCard({ draft: { ...draft, title: '😀'.repeat(120), description: '😀'.repeat(4000) }, similar: [1, 2, 3].map((n) => similar({ number: n, title: '*'.repeat(120), excerpt: '😀'.repeat(4000) })) }, t);
    expect(validateCard(card)).toEqual([]);
    // "skicka ändå" keeps the whole draft even then
    expect((executes(card).find((a) => a.verb === needsVerbs.submit)?.data as { description: string }).description).toBe('😀'.repeat(4000));
    const ordinary = needSimilarCard({ draft: { ...draft, description: 'å'.repeat(4000) }, similar: [similar()] }, t);
    expect(executes(ordinary).map((a) => a.verb)).toContain(needsVerbs.form);
  });
});

describe('receipt card', () => {
  it('names the number, shows the title as typed, the open round, and offers show, edit and withdraw', () => {
    const card = needReceiptCard({ number: 12, title: hostile, round: { kind: 'open', year: 2027, closingDate: '2026-09-30' }, canEdit: true }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain('Tack! Behov #12 är registrerat');
    expect(texts(card)).toContain(t.needs.receipt.inRound({ year: 2027, closingDate: '2026-09-30' }));
    expectShownLiterally(card, hostile);
    expect(executes(card).map((a) => a.verb)).toEqual([needsVerbs.show, needsVerbs.form, needsVerbs.withdraw]);
    expect(executes(card).find((a) => a.verb === needsVerbs.withdraw)?.data).toEqual({ number: 12, confirm: 'yes', verb: needsVerbs.withdraw });
  });

  it('a late need is told which round it went to instead', () => {
    const toOpen = needReceiptCard({ number: 3, title: 'x', round: { kind: 'late', year: 2028, closingDate: '2026-12-15', missed: { year: 2027, closingDate: '2026-08-15' } }, canEdit: true }, t);
    expect(texts(toOpen).join(' ')).toContain('Omgången för programår 2027 stängde 2026-08-15. Behovet går därför till nästa omgång: programår 2028 (tar emot behov till och med 2026-12-15).');
    const toFollowing = needReceiptCard({ number: 3, title: 'x', round: { kind: 'late', year: 2028, missed: { year: 2027, closingDate: '2026-08-15' } }, canEdit: true }, t);
    expect(texts(toFollowing).join(' ')).toContain('programår 2028, som inte har öppnats ännu');
    const none = needReceiptCard({ number: 3, title: 'x', round: { kind: 'noRound', year: 2027 }, canEdit: false }, t);
    expect(texts(none).join(' ')).toContain('Antagande');
    expect(executes(none).map((a) => a.verb)).toEqual([needsVerbs.show]);
  });
});

describe('need detail card', () => {
  it('shows facts, description, supports and history, with the person’s texts literal', () => {
    const card = needDetailCard(detail({ title: hostile, description: hostile, contact: { name: '<i>Lars</i>' } }), t);
    expect(validateCard(card)).toEqual([]);
    expectShownLiterally(card, hostile);
    const joined = JSON.stringify(card);
    expect(joined).toContain('\\\\<i\\\\>Lars\\\\</i\\\\>');
    expect(texts(card)).toEqual(expect.arrayContaining(['Står bakom (1)', 'Västerås stad – Erik Demoberg, 2026-03-04', 'Historik']));
    expect(texts(card)).toContain('2026-03-05 09:00 · Anna Provström · Inkommen → Under beredning');
    expect(textRuns(card)).toContain('Vi tar upp det i april.');
  });

  it('a reviewer gets exactly the moves allowed from the status, each with its own inputs and the review verb', () => {
    const card = needDetailCard(detail({ state: { status: 'under-beredning' }, viewer: { canSupport: false, alreadySupported: false, canEdit: false, review: ['ingar-i-programplan', 'avslagen', 'sammanslagen'], planYears: [2027, 2028] } }), t);
    expect(validateCard(card)).toEqual([]);
    const reviews = executes(card).filter((a) => a.verb === needsVerbs.review);
    expect(reviews.map((a) => (a.data as { to: string }).to)).toEqual(['ingar-i-programplan', 'avslagen', 'sammanslagen']);
    expect(byId(card, reviewInputIds.planArea)).toMatchObject({ value: 'framtida-valfarden' });
    expect((byId(card, reviewInputIds.planYear)?.choices as unknown[]).length).toBe(2);
    expect(byId(card, reviewInputIds.text('avslagen'))).toMatchObject({ isRequired: true });
    expect(byId(card, reviewInputIds.mergeInto)).toMatchObject({ type: 'Input.Number', isRequired: true });
    const ids = all(card).filter((n) => typeof n.type === 'string' && String(n.type).startsWith('Input.')).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a plain viewer gets no review section; another organisation can support; the submitter can edit and withdraw', () => {
    const other = needDetailCard(detail({ viewer: { canSupport: true, alreadySupported: false, canEdit: false, review: [], planYears: [] } }), t);
    expect(executes(other).map((a) => a.verb)).toEqual([needsVerbs.support]);
    expect(texts(other)).not.toContain(t.needs.detail.review.heading);
    const own = needDetailCard(detail({ viewer: { canSupport: false, alreadySupported: false, canEdit: true, review: [], planYears: [] } }), t);
    expect(executes(own).map((a) => a.verb)).toEqual([needsVerbs.form, needsVerbs.withdraw]);
  });

  it('a rejection shows its motivation; a planned need its year and area', () => {
    const rejected = needDetailCard(detail({ state: { status: 'avslagen', motivation: hostile }, motivation: hostile }), t);
    expect(textRuns(rejected)).toContain(hostile);
    const planned = needDetailCard(detail({ state: { status: 'ingar-i-programplan', plan: { area: 'resilienta-organisationen', year: 2028 } } }), t);
    expect(JSON.stringify(planned)).toContain('Ingår i programplanen för 2028, Den resilienta organisationen');
  });

  it('stays under the card limit with the longest texts and a long history, saying that texts were shortened', () => {
    const long = '"😀*'.repeat(1333);
    const history = Array.from({ length: 30 }, (_, i) => ({ date: '2026-03-05 09:00', byName: 'Anna Provström', event: 'transition' as const, from: 'inkommen' as const, to: 'under-beredning' as const, text: `${i} ${long}` }));
    const supports = Array.from({ length: 22 }, (_, i) => ({ organisationName: `Organisation nummer ${i} med långt namn`, byName: 'Förnamn Efternamnsson', date: '2026-03-04' }));
    const card = needDetailCard(
      detail({ title: '😀'.repeat(120), description: long, motivation: long, state: { status: 'under-beredning' }, history, supports, viewer: { canSupport: true, alreadySupported: false, canEdit: true, review: ['ingar-i-programplan', 'avslagen', 'sammanslagen'], planYears: [2026, 2027, 2028, 2029] } }),
      t,
    );
    expect(size(card)).toBeLessThanOrEqual(VALIDATOR_MAX);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toContain(t.needs.detail.clipped);
    expect(texts(card).some((s) => s.includes('tidigare händelser visas inte'))).toBe(true);
  });

  it('an ordinary need is shown in full, without the shortening note', () => {
    const card = needDetailCard(detail(), t);
    expect(texts(card)).not.toContain(t.needs.detail.clipped);
    expect(textRuns(card)).toContain('Vi behöver veta hur andra rekryterar.');
  });
});

describe('needs list card', () => {
  const page = (n: number, over: Partial<NeedSummaryView> = {}) => ({ items: Array.from({ length: n }, (_, i) => summary({ number: 100 - i, ...over })), total: 35, offset: 10, next: 'before:91', prev: 'after:100' });

  it('"alla behov": filters preselected, rows opening the need, paging buttons carrying token and filter', () => {
    const card = needsListCard({ scope: 'all', page: page(10), filter: { county: 'sormland', round: 2027 }, rounds: [2026, 2027] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, listFilterInputIds.county)?.value).toBe('sormland');
    expect(byId(card, listFilterInputIds.round)?.value).toBe('2027');
    expect(byId(card, listFilterInputIds.area)?.value).toBe('');
    expect(texts(card)).toContain('Visar 11–20 av 35');
    expect(executes(card).filter((a) => a.verb === needsVerbs.show)).toHaveLength(10);
    const paging = executes(card).filter((a) => a.verb === needsVerbs.list && (a.data as { token?: string }).token);
    expect(paging.map((a) => a.data)).toEqual([
      { scope: 'all', token: 'after:100', county: 'sormland', round: '2027', verb: needsVerbs.list },
      { scope: 'all', token: 'before:91', county: 'sormland', round: '2027', verb: needsVerbs.list },
    ]);
    expect(executes(card).find((a) => (a.data as { apply?: string }).apply === 'true')).toBeDefined();
  });

  it('"mina behov": the organisation in the heading, no filters; an empty list says how to submit', () => {
    const card = needsListCard({ scope: 'mine', organisationName: 'Köpings kommun', page: { items: [], total: 0, offset: 0 }, filter: {}, rounds: [] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(texts(card)).toEqual(expect.arrayContaining(['Behov från Köpings kommun', t.needs.list.emptyMine]));
    expect(byId(card, listFilterInputIds.area)).toBeUndefined();
  });

  it('a full page of the worst titles stays under 28 KB, and titles are literal', () => {
    const worst = needsListCard({ scope: 'all', page: page(10, { title: '*'.repeat(120), organisationName: '_'.repeat(100) }), filter: {}, rounds: [2025, 2026, 2027, 2028, 2029] }, t);
    expect(validateCard(worst)).toEqual([]);
    const emoji = needsListCard({ scope: 'all', page: page(10, { title: '😀'.repeat(120) }), filter: {}, rounds: [2026, 2027] }, t);
    expect(validateCard(emoji)).toEqual([]);
    const card = needsListCard({ scope: 'all', page: page(1, { title: hostile }), filter: {}, rounds: [] }, t);
    expectShownLiterally(card, hostile);
  });
});

describe('needs overview card', () => {
  const cells = [
    { area: 'framtida-valfarden' as const, county: 'vastmanland' as const, status: 'inkommen' as const, count: 4 },
    { area: 'framtida-valfarden' as const, county: 'sormland' as const, status: 'inkommen' as const, count: 3 },
    { area: 'framtida-valfarden' as const, county: 'sormland' as const, status: 'avslagen' as const, count: 1 },
    { area: 'mojliggorande-byrakratin' as const, county: null, status: 'under-beredning' as const, count: 2 },
  ];

  it('a table per area with counts per county and status and their sums, and download links', () => {
    const card = needsOverviewCard({ round: 2027, cells, total: 10, rounds: [2026, 2027], downloads: { xlsx: 'https://bot.example/dl/a.xlsx', csv: 'https://bot.example/dl/a.csv' } }, t);
    expect(validateCard(card)).toEqual([]);
    const tables = all(card).filter((n) => n.type === 'Table');
    expect(tables).toHaveLength(2);
    const rowsOf = (table: Record<string, unknown>) =>
      (table.rows as Array<{ cells: Array<{ items: Array<{ text: string }> }> }>).map((r) => r.cells.map((c) => c.items[0]!.text));
    expect(rowsOf(tables[0]!)).toEqual([
      ['Status', 'Västmanland', 'Sörmland', 'MDU (inget län)', 'Summa'],
      ['Inkommen', '4', '3', '0', '7'],
      ['Avslagen', '0', '1', '0', '1'],
    ]);
    expect(rowsOf(tables[1]!)).toEqual([
      ['Status', 'Västmanland', 'Sörmland', 'MDU (inget län)', 'Summa'],
      ['Under beredning', '0', '0', '2', '2'],
    ]);
    expect(texts(card)).toEqual(expect.arrayContaining(['10 behov totalt', 'Programår 2027']));
    expect(all(card).filter((n) => n.type === 'Action.OpenUrl').map((n) => n.url)).toEqual(['https://bot.example/dl/a.xlsx', 'https://bot.example/dl/a.csv']);
  });

  it('without MDU needs there is no MDU column; without links no download buttons; no needs says so', () => {
    const card = needsOverviewCard({ cells: cells.slice(0, 1), total: 4, rounds: [] }, t);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('MDU (inget län)');
    expect(all(card).filter((n) => n.type === 'Action.OpenUrl')).toEqual([]);
    expect(texts(needsOverviewCard({ cells: [], total: 0, rounds: [] }, t))).toContain(t.needs.overview.none);
  });

  it('every area, county and status at once stays under the card limit', () => {
    const full = ['framtida-valfarden', 'resilienta-organisationen', 'mojliggorande-byrakratin'].flatMap((area) =>
      (['vastmanland', 'sormland', null] as const).flatMap((county) =>
        (['inkommen', 'under-beredning', 'ingar-i-programplan', 'avslagen', 'sammanslagen', 'tillbakadragen'] as const).map((status) => ({ area: area as 'framtida-valfarden', county, status, count: 12345 })),
      ),
    );
    const card = needsOverviewCard({ cells: full, total: 666630, rounds: [2026, 2027, 2028, 2029], downloads: { xlsx: `https://x.example/${'a'.repeat(1500)}`, csv: `https://x.example/${'b'.repeat(1500)}` } }, t);
    expect(validateCard(card)).toEqual([]);
  });
});

describe('round form card', () => {
  it('offers the openable years, keeps the values and names the problems', () => {
    const card = needsRoundFormCard(
      { values: { year: '2027', closingDate: '2026-01-01' }, errors: [{ field: 'closingDate', problem: 'inThePast' }], years: [2026, 2027, 2028, 2029], rounds: [{ year: 2026, closingDate: '2025-09-30', open: false }] },
      t,
    );
    expect(validateCard(card)).toEqual([]);
    expect(byId(card, 'year')).toMatchObject({ value: '2027' });
    expect(byId(card, 'closingDate')).toMatchObject({ type: 'Input.Date', value: '2026-01-01' });
    expect(byId(card, 'error-closingDate')?.text).toBe(t.needs.round.errors.inThePast);
    expect(texts(card)).toContain('Programår 2026: stängde 2025-09-30');
    expect(executes(card).map((a) => a.verb)).toEqual([needsVerbs.openRound]);
  });
});

describe('notification card', () => {
  it('tells the new status with the plan, the answer as typed, and why a supporter gets it', () => {
    const card = needNotificationCard({ number: 7, title: hostile, from: 'under-beredning', to: { status: 'ingar-i-programplan', plan: { area: 'framtida-valfarden', year: 2027 } }, text: hostile, asSupporter: true }, t);
    expect(validateCard(card)).toEqual([]);
    expectShownLiterally(card, hostile);
    expect(texts(card)).toEqual(expect.arrayContaining(['Status: Under beredning → Ingår i programplanen för 2027, Den framtida välfärden', t.needs.notification.supporterNote]));
    expect(executes(card).map((a) => a.data)).toEqual([{ number: 7, verb: needsVerbs.show }]);
  });

  it('a rejection is headed as its motivation; withdrawal is said plainly', () => {
    const rejected = needNotificationCard({ number: 7, title: 'x', from: 'under-beredning', to: { status: 'avslagen', motivation: 'Utanför uppdraget.' }, text: 'Utanför uppdraget.', asSupporter: false }, t);
    expect(texts(rejected)).toEqual(expect.arrayContaining([t.needs.notification.motivation, 'Utanför uppdraget.']));
    const withdrawn = needNotificationCard({ number: 7, title: 'x', from: 'inkommen', to: { status: 'tillbakadragen' }, text: '', asSupporter: true }, t);
    expect(texts(withdrawn)).toContain(t.needs.notification.withdrawn);
  });
});
