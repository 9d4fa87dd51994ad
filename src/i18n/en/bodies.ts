import type { Catalogue } from '../shape.js';

/** English strings for the governance bodies' seats; same keys as the Swedish section. */
export const bodies: Catalogue['bodies'] = {
  names: { programrad: 'the Programme Council', programgrupp: 'the Programme Group' },
  constituencies: { mdu: 'MDU', vastmanland: 'Västmanland', sormland: 'Sörmland' },
  seat: (p) => `${p.constituency} ${p.ordinal}`,
  substituteSeat: (p) => `Substitute ${p.constituency} ${p.ordinal}`,
  vacant: 'vacant',
  assumptionMark: '*',
  assumptionsHeading: '* Assumptions – the agreement does not say:',
  assumptions: {
    sormlandProgramradSeats: 'The Programme Council’s two seats besides MDU’s three and Västmanland’s two are taken to be Sörmland’s. The agreement does not say who appoints them.',
    programradSubstitutesElsewhere: 'The agreement names a substitute for Västmanland only. Whether MDU and Sörmland have substitutes on the Programme Council is not stated.',
    programgruppSubstitutes: 'The agreement says nothing about substitutes in the Programme Group.',
    quorumDefault: 'The agreement states no quorum. Until programme leadership decides otherwise, more than half of the seats counts.',
  },

  quorum: {
    label: 'Quorum',
    rules: {
      moreThanHalf: 'more than half of the seats',
      atLeast: (p) => `at least ${p.seats} seats`,
      allSeats: 'every seat',
    },
    everyConstituency: 'and at least one seat each from MDU, Västmanland and Sörmland',
    met: (p) => `reached (${p.covered} seats covered, ${p.required} required)`,
    notMet: (p) => `not reached (${p.covered} seats covered, ${p.required} required)`,
    missing: (p) => `No seat covered for ${p.constituencies}.`,
  },

  deviations: {
    seatCount: (p) => `${p.body}: ${p.constituency} should have ${p.expected} ${p.kind}, has ${p.actual}`,
    vacant: (p) => `${p.body}: ${p.seat} is vacant`,
    wrongConstituency: (p) => `${p.body}: ${p.name} in seat ${p.seat} does not belong to that party`,
    notDirector: (p) => `${p.body}: ${p.name} in seat ${p.seat} is not a municipal or regional chief executive`,
    heldTwice: (p) => `${p.body}: ${p.name} holds several seats (${p.seats})`,
    unknownPerson: (p) => `${p.body}: seat ${p.seat} is held by someone not in the roster`,
    termEnds: (p) => `${p.body}: ${p.name}’s term in seat ${p.seat} ends ${p.lastDay}; the seat falls vacant in ${p.inDays} days`,
  },
  kinds: { ordinary: 'ordinary seats', substitute: 'substitutes' },

  termEnd: {
    toHolder: (p) => `Reminder: your term on ${p.body} (${p.seat}) ends ${p.lastDay}, in ${p.daysLeft} days.`,
    toLeadership: (p) => `Reminder: ${p.name}’s term on ${p.body} (${p.seat}) ends ${p.lastDay}, in ${p.daysLeft} days.`,
    successor: (p) => `${p.name} takes over the next day.`,
    noSuccessor: 'No successor has been appointed: the seat falls vacant.',
  },
};
