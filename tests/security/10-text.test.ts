import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, cardOf, demo, invokeCard, textOf } from '../helpers/harness.js';
import { hasInvisibleCharacters } from '../../src/domain/text.js';
import { NOW, bookMeeting, meetingForm, needForm, rsvp } from './security-fixtures.js';

/*
 * Issue 11, point 10: text tricks. Free text is normalised where it comes in — NFC; control, bidi-override and
 * zero-width characters removed — so a need cannot render as another, and what is stored is what a reader sees.
 */

const RLO = '\u202e';
const PDF = '\u202c';
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const BOM = '\ufeff';
const LRI = '\u2066';
const PDI = '\u2069';

let h: Harness;
let meetingId: string;
beforeAll(async () => {
  h = await Harness.start({ now: () => NOW });
  meetingId = await bookMeeting(h, 'Möte för texttrick');
});
afterAll(async () => {
  await h.close();
});

const everyStoredString = (): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(JSON.stringify(h.services.store.doc)));
  return out;
};

describe('10. free text is normalised at the edge', () => {
  it('a need title with a right-to-left override and zero-width characters is stored as the text a reader sees', async () => {
    // Renders as "Behov #12 fodral" in a client that honours the override; stored, it is what it is.
    const typed = `Behov${ZWSP} om${ZWJ} styrning ${RLO}21# vohe${PDF}${BOM}`;
    const card = invokeCard(await h.invoke(demo.vasterasDirector, 'needs.submit', needForm(typed, 'vasteras', { description: `Text${LRI}med isolat${PDI} och${ZWSP} nollbredd.` })));
    expect(card).toBeDefined();
    const need = h.services.store.doc.needs.needs.at(-1)!;
    expect(need.title).toBe('Behov om styrning 21# vohe');
    expect(need.description).toBe('Textmed isolat och nollbredd.');
  });

  it('text typed with combining marks is stored composed (NFC): "Va\\u0308stera\\u030as" is "Västerås"', async () => {
    await h.invoke(demo.vasterasDirector, 'needs.submit', needForm('Behov i Va\u0308stera\u030as', 'vasteras'));
    expect(h.services.store.doc.needs.needs.at(-1)!.title).toBe('Behov i Västerås');
  });

  it('an RSVP comment, a meeting\'s title and agenda and a review answer are stored without the tricks', async () => {
    await rsvp(h, demo.vasterasDirector, meetingId, 'nej', `Kan${RLO} inte${PDF} komma\u0007${ZWSP}`);
    const invitee = h.services.store.doc.meetings.meetings.find((m) => m.id === meetingId)!.invitees.find((i) => i.personId === demo.vasterasDirector)!;
    expect(invitee.answer?.comment).toBe('Kan inte komma');
    await h.invoke(demo.leader, 'meeting.schedule', meetingForm(`Dialog${ZWSP} ${RLO}tset${PDF}`, { agenda: `Punkt 1${BOM}\nPunkt 2${LRI}` }));
    const booked = h.services.store.doc.meetings.meetings.at(-1)!;
    expect(booked.title).toBe('Dialog tset');
    expect(booked.agenda).toBe('Punkt 1\nPunkt 2');
    const number = h.services.store.doc.needs.needs[0]!.number;
    await h.invoke(demo.leader, 'needs.review', { number, to: 'under-beredning', 'reviewText-under-beredning': `Vi${ZWJ} bereder${RLO}` });
    expect(h.services.store.doc.needs.needs[0]!.history.at(-1)!.text).toBe('Vi bereder');
  });

  it('a chat command with invisible characters in it is read as the command', async () => {
    const help = await h.say(demo.vasterasDirector, `hj${ZWSP}älp${BOM}`);
    expect(textOf(cardOf(help.replies[0]))).toContain('Erik Demoberg');
    const prefilled = cardOf((await h.say(demo.vasterasDirector, `Behov: Styr${ZWSP}ning ${RLO}och ledning`)).replies[0]);
    expect(JSON.stringify(prefilled)).not.toMatch(/[\u200b\u202e]/);
  });

  it('a display name with bidi controls is stored clean in the conversation reference', async () => {
    const a = h.activity(demo.salaEconomist, { type: 'message', text: 'hej' });
    (a.from as Record<string, unknown>).name = `Karin ${RLO}névitkiF${PDF}`;
    await h.post(a);
    expect(h.services.store.doc.conversationRefs[demo.salaEconomist]?.user?.name).toBe('Karin névitkiF');
  });

  it('after all of the above, no stored string holds an invisible or direction-changing character', () => {
    expect(everyStoredString().filter(hasInvisibleCharacters)).toEqual([]);
  });
});
