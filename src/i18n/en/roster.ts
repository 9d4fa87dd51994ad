import type { Catalogue } from '../shape.js';

/** English strings of the roster (issue #15); same keys as the Swedish section. */
export const roster: Catalogue['roster'] = {
  termEnd: {
    toPerson: (p) =>
      `Reminder: your term in STARK ends on ${p.lastDay}, in ${p.daysLeft} days. After that you will no longer receive invitations from me. Please contact programme leadership if the term is to be extended.`,
    toLeadership: (p) => `Reminder: the term of ${p.name} (${p.organisation}) ends on ${p.lastDay}, in ${p.daysLeft} days.`,
    gapsIntro: 'This opens these gaps in the composition:',
    noGaps: 'The composition is not affected.',
  },
  composition: {
    upcomingIntro: 'Gaps that open when terms end:',
    gap: (p) => `${p.name} leaves on ${p.lastDay} – ${p.deviation}`,
  },
  admin: {
    command: { command: 'roster', text: 'The roster of members by body and organisation; end or hand over a seat.' },
    title: 'Members of STARK',
    groups: { programrad: 'The Programme Council', programgrupp: 'The Programme Group', leadership: 'Programme leadership', others: 'Others in the roster' },
    ordinary: 'ordinary',
    substitute: 'substitute',
    until: (p) => `until ${p.date}`,
    formIntro: 'Change a seat',
    person: 'Person',
    lastDay: 'Last day of the term',
    successor: 'Successor (for a handover)',
    successorNone: 'None',
    end: 'End the term',
    handover: 'Hand over',
    confirmEndTitle: 'End the term?',
    confirmEndIntro: 'After the last day the person gets no invitations and no rights in the bot, and a polite answer if they write.',
    confirmHandoverTitle: 'Hand over the seat?',
    confirmHandoverIntro: 'The successor takes the seat the next day, and invitations to meetings from that day pass to the successor.',
    factPerson: 'Person',
    factLastDay: 'Last day',
    factSuccessor: 'Successor',
    confirm: 'Yes, go ahead',
    cancel: 'Cancel',
    cancelled: 'Nothing was changed.',
    ended: (p) => `The term of ${p.name} ends on ${p.date}. The change is logged.`,
    handedOver: (p) => `${p.successor} takes over from ${p.name} from ${p.date}. ${p.meetings === 0 ? 'No invitations needed to move.' : `${p.meetings} invitation(s) moved.`} The change is logged.`,
    needSuccessor: 'Choose a successor to hand over.',
    refused: {
      notAllowed: 'Only programme leadership changes the roster.',
      unknownPerson: 'That person is not in the roster.',
      duplicate: 'That was already done.',
      inPast: 'The last day cannot be before today.',
      beforeStart: 'The last day is before the first day of the term.',
      samePerson: 'The successor must be someone else.',
      successorNotInOffice: "The successor's own term ends before the handover.",
    },
  },
};
