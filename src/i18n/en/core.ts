import type { Catalogue } from '../catalogue.js';

/** English strings shared by every feature. */
export const core: Catalogue['core'] = {
  unknownPerson: (p) =>
    `Hello! You are not registered with the STARK bot yet, so I'm afraid I can't help you. Please contact the programme leadership at Mälardalen University (${p.contact}) to get access.`,
  notUnderstood: "I didn't quite understand that. Type **help** to see what I can do.",
  somethingWentWrong: 'Something went wrong on my side. Please try again in a moment – nothing you sent has been lost.',
  invalidInput: "I couldn't read what you sent. Please try again from the card or type **help**.",
  notAllowed: "I'm sorry, your role in STARK does not allow this.",
  alreadyRecorded: 'This is already recorded.',
  helpTitle: (p) => `Hello ${p.name}!`,
  helpIntro: "I'm the STARK bot. Here is what you can do:",
  helpRoles: (p) => `You are registered as ${p.roles} at ${p.organisation}.`,
  helpFooter: 'Type a command or click a row.',
  otherLanguageButton: 'På svenska',
  languageSet: "I'll answer you in English from now on. (Skriv **svenska** för svenska.)",
  roleNames: {
    director: 'director',
    chair: 'chair',
    staff: 'staff member',
    leadership: 'programme leadership',
    programgrupp: 'member of the Programme Group',
    programrad: 'member of the Programme Council',
  },
  programradMembership: { ordinary: 'ordinary member', substitute: 'substitute' },
  counties: { vastmanland: 'Västmanland', sormland: 'Sörmland', mdu: 'MDU' },
  and: 'and',
  help: {
    composition: { command: 'composition', text: 'Check that the Programme Council and Programme Group follow the agreement.' },
    help: { command: 'help', text: 'Show this card.' },
    language: { command: 'svenska', text: 'Byt botten till svenska.' },
  },
  composition: {
    title: 'Composition under the agreement',
    allGood: 'The Programme Council and the Programme Group are composed as the agreement says.',
    deviationsIntro: 'Deviations from the agreement:',
    rules: {
      mduSeats: 'Programme Council: MDU has 3 representatives',
      otherSeats: 'Programme Council: the other parties have 4 representatives',
      vastmanlandOrdinary: 'Programme Council: Västmanland has 2 ordinary members',
      vastmanlandSubstitute: 'Programme Council: Västmanland has 1 substitute',
      mduMembers: 'Programme Group: MDU has 4 representatives',
      municipalMembers: 'Programme Group: the municipalities have 4 representatives',
      perCounty: 'Programme Group: each county appoints 2 representatives',
      notDirector: "Programme Group: the municipalities' representatives are municipal or regional chief executives",
    },
    expectedActual: (p) => `should be ${p.expected}, is ${p.actual}`,
  },
  downloadExpired: 'The link has expired or is not valid. Ask for a new link in the chat.',
};
