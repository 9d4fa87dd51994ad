import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo, invokeCard, textOf, type TurnResult } from '../helpers/harness.js';
import { validateCard } from '../helpers/card-validator.js';
import { catalogues } from '../../src/i18n/catalogue.js';
import { needsVerbs } from '../../src/cards/needs-verbs.js';
import type { ProgrammeArea } from '../../src/domain/needs/need.js';
import { cardNodes, type CardNode } from '../helpers/card-nodes.js';

const sv = catalogues.sv.needs;
const id = (n: number) => `00000000-0000-0000-0000-000000000${n}`;
const people = {
  flen: id(126),
  regionSormland: id(104),
  salaDirector: id(118),
  nykopingGroup: id(132),
};

let clock = new Date('2026-03-02T09:00:00Z');
let dataDir: string;
let h: Harness;

type Node = CardNode;
const nodes = cardNodes;
const executes = (card: unknown) => nodes(card).filter((n) => n.type === 'Action.Execute') as Array<{ title: string; verb: string; data: Record<string, unknown> }>;
function validCard(result: TurnResult): Node {
  const card = invokeCard(result) ?? cardOf(result.replies.at(-1));
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(result.body ?? result.replies)}`);
  expect(validateCard(card)).toEqual([]);
  return card;
}
/** The need numbers a list card shows, in order (each row opens its need). */
const listed = (card: unknown) => executes(card).filter((a) => a.verb === needsVerbs.show).map((a) => Number(a.data.number));

const FORMULA = '=HYPERLINK("http://example.invalid","klick")';
const MARKDOWN = '**Fet** [länk](http://example.invalid) <b>x</b> # rubrik';

async function submit(who: string, organisationId: string, title: string, area: ProgrammeArea): Promise<number> {
  const r = await h.invoke(who, needsVerbs.submit, {
    title,
    description: `Beskrivning av ${title}.`,
    area,
    organisationId,
    contactName: 'Kontakt',
    urgency: 'medium',
    force: 'true',
    submissionId: randomUUID(),
  });
  const heading = textOf(validCard(r)).match(/#(\d+)/);
  if (!heading) throw new Error(`no receipt for ${title}`);
  return Number(heading[1]);
}

const vastmanland: Array<[string, string]> = [
  [demo.vasterasDirector, 'vasteras'],
  [demo.kopingSubstitute, 'koping'],
  [demo.regionDirector, 'region-vastmanland'],
];
const byTitle = new Map<string, number>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stark-needs-lists-'));
  h = await Harness.start({ now: () => clock, dataDir });
  const areas: ProgrammeArea[] = ['framtida-valfarden', 'resilienta-organisationen', 'mojliggorande-byrakratin'];
  // Twelve Västmanland needs, three Sörmland ones, one of MDU's own, and two with hostile titles.
  for (let i = 0; i < 12; i++) {
    const [who, org] = vastmanland[i % 3]!;
    const title = `Västmanlandsbehov ${i + 1}`;
    byTitle.set(title, await submit(who, org, title, areas[i % 3]!));
  }
  for (const [who, org, title] of [
    [demo.eskilstunaDirector, 'eskilstuna', 'Sörmlandsbehov Eskilstuna'],
    [people.flen, 'flen', 'Sörmlandsbehov Flen'],
    [people.regionSormland, 'region-sormland', 'Sörmlandsbehov Region'],
  ] as const) {
    byTitle.set(title, await submit(who, org, title, 'resilienta-organisationen'));
  }
  byTitle.set('MDU-behov', await submit(demo.leader, 'mdu', 'MDU-behov', 'mojliggorande-byrakratin'));
  byTitle.set(FORMULA, await submit(people.salaDirector, 'sala', FORMULA, 'framtida-valfarden'));
  byTitle.set(MARKDOWN, await submit(people.salaDirector, 'sala', MARKDOWN, 'framtida-valfarden'));
});
afterAll(async () => {
  await h.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('mina behov', () => {
  it('lists the own organisation’s needs, newest first', async () => {
    const card = validCard(await h.say(demo.vasterasDirector, 'mina behov'));
    const own = [1, 4, 7, 10].map((i) => byTitle.get(`Västmanlandsbehov ${i}`)!);
    expect(listed(card)).toEqual(own.reverse());
    expect(textOf(card)).toContain(sv.list.headingMine({ organisation: 'Västerås stad' }));
  });

  it('staff see their organisation’s needs too, and nobody else’s', async () => {
    const card = validCard(await h.say(demo.salaEconomist, 'mina behov'));
    expect(listed(card).sort()).toEqual([byTitle.get(FORMULA)!, byTitle.get(MARKDOWN)!].sort());
  });
});

describe('alla behov', () => {
  it('is for Programgrupp and leadership; a director is told to use "mina behov"', async () => {
    const r = await h.say(demo.vasterasDirector, 'alla behov');
    expect(r.replies.map((x) => x.text)).toEqual([sv.refusals.viewAll]);
    const clicked = await h.invoke(demo.vasterasDirector, needsVerbs.list, { scope: 'all' });
    expect(invokeCard(clicked)).toBeUndefined();
  });

  it('"alla behov sörmland" shows Sörmland’s needs only', async () => {
    const card = validCard(await h.say(demo.eskilstunaDirector, 'alla behov sörmland'));
    expect(listed(card).sort()).toEqual(['Sörmlandsbehov Eskilstuna', 'Sörmlandsbehov Flen', 'Sörmlandsbehov Region'].map((t) => byTitle.get(t)!).sort());
  });

  it('words it did not understand as a filter are named before the list, which keeps the filters it understood', async () => {
    const r = await h.say(demo.leader, 'alla behov sörmland blåbär');
    expect(r.replies[0]?.text).toBe(sv.chat.unknownFilter({ words: 'blåbär' }));
    expect(listed(cardOf(r.replies[1]))).toHaveLength(3);
  });

  it('pages ten needs at a time; "next" continues where the page ended and "previous" goes back', async () => {
    const total = byTitle.size;
    const first = validCard(await h.say(demo.leader, 'alla behov'));
    expect(listed(first)).toHaveLength(10);
    expect(textOf(first)).toContain(sv.list.range({ from: 1, to: 10, total }));
    const next = executes(first).find((a) => a.title === sv.list.next)!;
    const second = validCard(await h.invoke(demo.leader, next.verb, next.data));
    expect(listed(second)).toHaveLength(total - 10);
    expect(Math.max(...listed(second))).toBeLessThan(Math.min(...listed(first)));
    const prev = executes(second).find((a) => a.title === sv.list.prev)!;
    expect(listed(validCard(await h.invoke(demo.leader, prev.verb, prev.data)))).toEqual(listed(first));
  });

  it('the card’s filter inputs select by area, county and status', async () => {
    const card = validCard(
      await h.invoke(people.nykopingGroup, needsVerbs.list, { scope: 'all', apply: 'true', filterArea: 'resilienta-organisationen', filterCounty: 'vastmanland', filterStatus: 'inkommen', filterRound: '' }),
    );
    const expected = [2, 5, 8, 11].map((i) => byTitle.get(`Västmanlandsbehov ${i}`)!).reverse();
    expect(listed(card)).toEqual(expected);
  });
});

describe('text a person typed', () => {
  it('is shown as plain text in others’ cards: never markdown, never HTML', async () => {
    const number = byTitle.get(MARKDOWN)!;
    const card = validCard(await h.say(demo.eskilstunaDirector, `behov #${number}`));
    const runs = nodes(card).filter((n) => n.type === 'TextRun').map((n) => n.text);
    expect(runs).toContain(MARKDOWN);
    const blocks = nodes(card).filter((n) => n.type === 'TextBlock' || n.type === 'FactSet').map((n) => JSON.stringify(n));
    for (const b of blocks) expect(b).not.toContain('**Fet**');
  });
});

async function sheetRows(res: Response): Promise<Array<Record<string, ExcelJS.CellValue>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet(sv.export.sheetName);
  if (!ws) throw new Error('no needs sheet');
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((hd, i) => [hd, row.getCell(i + 1).value])));
  });
  return rows;
}

describe('the overview and its export', () => {
  const c = sv.export.columns;
  let links: { xlsx: string; csv: string };

  it('counts needs per area, county and status, with download links', async () => {
    const card = validCard(await h.say(demo.leader, 'behovsöversikt'));
    expect(textOf(card)).toContain(sv.overview.total({ count: byTitle.size }));
    expect(textOf(card)).toContain(sv.counties.none);
    const urls = nodes(card).filter((n) => n.type === 'Action.OpenUrl').map((n) => new URL(String(n.url)).pathname);
    expect(urls).toHaveLength(2);
    links = { xlsx: urls[0]!, csv: urls[1]! };
  });

  it('the .xlsx link serves every need, read back with exceljs, typed text kept as text', async () => {
    const res = await fetch(`${h.bot.url}${links.xlsx}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sv.export.filename({ round: sv.export.allRounds })}.xlsx"`);
    const rows = await sheetRows(res);
    expect(rows).toHaveLength(byTitle.size);
    const flen = rows.find((r) => r[c.title] === 'Sörmlandsbehov Flen');
    expect(flen).toMatchObject({ [c.organisation]: 'Flens kommun', [c.county]: 'Sörmland', [c.status]: 'Inkommen', [c.area]: sv.areas['resilienta-organisationen'], [c.submitted]: '2026-03-02' });
    // A title that looks like a formula is a string cell, not a formula.
    expect(rows.find((r) => r[c.number] === byTitle.get(FORMULA))?.[c.title]).toBe(FORMULA);
  });

  it('the .csv link serves the same needs, a formula-like title neutralised', async () => {
    const res = await fetch(`${h.bot.url}${links.csv}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await res.text();
    expect(body.trim().split('\r\n')).toHaveLength(byTitle.size + 1);
    expect(body).toContain(`"'=HYPERLINK(""http://example.invalid"",""klick"")"`);
  });

  it('a programme year’s overview and export hold that year’s needs only', async () => {
    // No round was open so far: every need went to next year's programme (2027). A 2028 round takes the next one.
    clock = new Date('2026-03-03T09:00:00Z');
    const opened = await h.invoke(demo.leader, needsVerbs.openRound, { year: '2028', closingDate: '2026-12-31' });
    validCard(opened);
    const later = await submit(demo.vasterasDirector, 'vasteras', 'Behov för 2028', 'framtida-valfarden');
    const card = validCard(await h.invoke(demo.leader, needsVerbs.overview, { overviewRound: '2028' }));
    expect(textOf(card)).toContain(sv.overview.total({ count: 1 }));
    const xlsx = nodes(card).find((n) => n.type === 'Action.OpenUrl')!;
    const rows = await sheetRows(await fetch(`${h.bot.url}${new URL(String(xlsx.url)).pathname}`));
    expect(rows.map((r) => r[c.number])).toEqual([later]);
  });

  it('is refused to directors outside Programgrupp, in chat and through a link', async () => {
    expect((await h.say(demo.vasterasDirector, 'behovsöversikt')).replies.map((r) => r.text)).toEqual([sv.refusals.export]);
    const token = h.services.links.sign({ k: 'needs-export', p: { format: 'csv', round: 'all' }, u: demo.vasterasDirector, e: clock.getTime() + 60_000 });
    expect((await fetch(`${h.bot.url}/downloads/${token}`)).status).toBe(403);
  });
});

describe('after a restart', () => {
  it('the needs are read back from the store with their dates, and similar needs are found again', async () => {
    await h.close();
    h = await Harness.start({ now: () => clock, dataDir });
    const card = validCard(await h.say(demo.eskilstunaDirector, `behov #${byTitle.get('Sörmlandsbehov Flen')}`));
    expect(textOf(card)).toContain('2026-03-02');
    expect(h.services.store.doc.needs.needs[0]?.submittedAt).toBeInstanceOf(Date);
    const similar = validCard(
      await h.invoke(demo.eskilstunaDirector, needsVerbs.submit, { title: 'Västmanlandsbehov', description: 'Beskrivning av Västmanlandsbehov 3.', area: 'framtida-valfarden', organisationId: 'eskilstuna', contactName: 'A', urgency: 'low' }),
    );
    expect(textOf(similar)).toContain(sv.similar.heading);
  });
});
