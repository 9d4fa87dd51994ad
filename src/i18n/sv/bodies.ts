/** Swedish strings for the governance bodies' seats: names, assumptions, quorum, composition, terms of office. */
export const bodies = {
  names: { programrad: 'Programrådet', programgrupp: 'Programgruppen' },
  constituencies: { mdu: 'MDU', vastmanland: 'Västmanland', sormland: 'Sörmland' },
  /** "Västmanland 2": an ordinary seat. */
  seat: (p: { constituency: string; ordinal: number }) => `${p.constituency} ${p.ordinal}`,
  /** "Ersättare Västmanland 1": a substitute's place. */
  substituteSeat: (p: { constituency: string; ordinal: number }) => `Ersättare ${p.constituency} ${p.ordinal}`,
  vacant: 'vakant',
  /** Put after a figure or rule that rests on an assumption; the assumptions are listed below it. */
  assumptionMark: '*',
  assumptionsHeading: '* Antaganden – avtalet säger inget om detta:',
  assumptions: {
    sormlandProgramradSeats: 'Programrådets två platser utöver MDU:s tre och Västmanlands två antas vara Sörmlands. Avtalet säger inte vem som utser dem.',
    programradSubstitutesElsewhere: 'Avtalet nämner en ersättare bara för Västmanland. Om MDU och Sörmland har ersättare i Programrådet anges inte.',
    programgruppSubstitutes: 'Avtalet säger inget om ersättare i Programgruppen.',
    quorumDefault: 'Avtalet anger ingen beslutsförhet. Tills programledningen bestämmer något annat räknas mer än hälften av platserna.',
  },

  quorum: {
    label: 'Beslutsförhet',
    rules: {
      moreThanHalf: 'mer än hälften av platserna',
      atLeast: (p: { seats: number }) => `minst ${p.seats} platser`,
      allSeats: 'alla platser',
    },
    everyConstituency: 'och minst en plats från MDU, Västmanland och Sörmland',
    met: (p: { covered: number; required: number }) => `uppnådd (${p.covered} platser täckta, ${p.required} krävs)`,
    notMet: (p: { covered: number; required: number }) => `inte uppnådd (${p.covered} platser täckta, ${p.required} krävs)`,
    missing: (p: { constituencies: string }) => `Ingen plats täckt för ${p.constituencies}.`,
  },

  /** The composition check over seats (src/domain/bodies/seat-composition.ts), one line per deviation. */
  deviations: {
    seatCount: (p: { body: string; constituency: string; kind: string; expected: number; actual: number }) =>
      `${p.body}: ${p.constituency} ska ha ${p.expected} ${p.kind}, har ${p.actual}`,
    vacant: (p: { body: string; seat: string }) => `${p.body}: ${p.seat} är vakant`,
    wrongConstituency: (p: { body: string; seat: string; name: string }) => `${p.body}: ${p.name} på platsen ${p.seat} hör inte till den parten`,
    notDirector: (p: { body: string; seat: string; name: string }) => `${p.body}: ${p.name} på platsen ${p.seat} är inte kommundirektör eller regiondirektör`,
    heldTwice: (p: { body: string; name: string; seats: string }) => `${p.body}: ${p.name} har flera platser (${p.seats})`,
    unknownPerson: (p: { body: string; seat: string }) => `${p.body}: platsen ${p.seat} innehas av någon som inte finns i förteckningen`,
    termEnds: (p: { body: string; seat: string; name: string; lastDay: string; inDays: number }) =>
      `${p.body}: mandatet för ${p.name} på platsen ${p.seat} går ut ${p.lastDay}; platsen blir vakant om ${p.inDays} dagar`,
  },
  kinds: { ordinary: 'ordinarie platser', substitute: 'ersättare' },

  /** Term-end reminders (issue #15): to the holder and to programme leadership. */
  termEnd: {
    toHolder: (p: { body: string; seat: string; lastDay: string; daysLeft: number }) =>
      `Påminnelse: ditt mandat i ${p.body} (${p.seat}) går ut ${p.lastDay}, om ${p.daysLeft} dagar.`,
    toLeadership: (p: { body: string; seat: string; name: string; lastDay: string; daysLeft: number }) =>
      `Påminnelse: mandatet för ${p.name} i ${p.body} (${p.seat}) går ut ${p.lastDay}, om ${p.daysLeft} dagar.`,
    successor: (p: { name: string }) => `${p.name} tar över dagen efter.`,
    noSuccessor: 'Ingen efterträdare är utsedd: platsen blir vakant.',
  },
};
