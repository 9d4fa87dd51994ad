import { describe, expect, it } from 'vitest';
import { validateCard } from '../../tests/helpers/card-validator.js';
import { cardNodes } from '../../tests/helpers/card-nodes.js';
import { catalogueFor } from '../i18n/catalogue.js';
import { eraseConfirmCard, PRIVACY_CANCEL_VERB, PRIVACY_REMOVE_VERB } from './erase-confirm-card.js';
import { myDataCard } from './my-data-card.js';
import { privacyNoticeCard } from './privacy-notice-card.js';

const sv = catalogueFor('sv').privacy;

describe('the my-data card', () => {
  const card = myDataCard({
    title: sv.myData.title,
    intro: sv.myData.intro,
    counts: sv.myData.counts({ records: 7, sections: 2 }),
    parts: [{ label: sv.myData.sections.roster, count: 1 }, { label: sv.myData.sections.meetingsInvited, count: 6 }],
    downloads: [{ title: sv.myData.json, link: 'http://localhost/downloads/abc' }, { title: sv.myData.xlsx, link: { verb: 'file.send', data: { file: 'my-data', format: 'xlsx' } } }],
    note: sv.myData.linkNote,
  });
  it('is a valid Adaptive Card 1.5', () => expect(validateCard(card)).toEqual([]));
  it('lists the parts with their counts and offers both files', () => {
    const facts = cardNodes(card).filter((n) => n.type === 'FactSet').flatMap((n) => (n.facts as Array<{ title: string; value: string }>));
    expect(facts).toEqual([{ title: 'Registret', value: '1' }, { title: sv.myData.sections.meetingsInvited, value: '6' }]);
    const actions = card.actions ?? [];
    expect(actions.map((a) => a.type)).toEqual(['Action.OpenUrl', 'Action.Execute']);
    expect(actions[1]).toMatchObject({ verb: 'file.send', data: { file: 'my-data', format: 'xlsx' } });
  });
});

describe('the privacy notice card', () => {
  it('is valid and says what, why, how long and whom to ask, in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const n = catalogueFor(locale).privacy.notice;
      const card = privacyNoticeCard({ title: n.title, paragraphs: [n.what, n.why, n.howLong({ rsvpComments: 90, deliveryLog: 30, closedNeedYears: '2', formerMembers: 30 }), n.rights, n.contact({ contact: 'dataskydd@example.org' })] });
      expect(validateCard(card)).toEqual([]);
      const text = JSON.stringify(card);
      expect(text).toContain('dataskydd@example.org');
      expect(text).toContain('90');
    }
  });
});

describe('the erase confirmation card', () => {
  const card = eraseConfirmCard({
    title: sv.remove.confirmTitle({ name: 'Anna *Provström*' }),
    intro: sv.remove.confirmIntro,
    personId: '00000000-0000-0000-0000-000000000020',
    facts: [['Namn', 'Anna *Provström*'], ['E-post', 'anna@example.org']],
    removeOnly: { title: sv.remove.removeOnly, explain: sv.remove.removeOnlyExplain },
    erase: { title: sv.remove.erase, explain: sv.remove.eraseExplain },
    cancel: sv.remove.cancel,
  });
  it('is a valid Adaptive Card 1.5', () => expect(validateCard(card)).toEqual([]));
  it('offers erase, remove only and cancel, each carrying the person and the choice; names are shown literally', () => {
    const actions = card.actions ?? [];
    expect(actions.map((a) => [a.verb, (a.data as Record<string, unknown>).mode])).toEqual([
      [PRIVACY_REMOVE_VERB, 'erase'],
      [PRIVACY_REMOVE_VERB, 'remove'],
      [PRIVACY_CANCEL_VERB, undefined],
    ]);
    expect(actions[0]).toMatchObject({ style: 'destructive', data: { personId: '00000000-0000-0000-0000-000000000020' } });
    expect(JSON.stringify(card)).toContain('Anna \\\\*Provström\\\\*');
  });
});
