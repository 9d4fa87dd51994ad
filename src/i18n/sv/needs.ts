/**
 * Swedish strings for the needs feature. Strings may carry markdown (cards' TextBlocks and chat messages render
 * it), so a parameter that a person typed (a title, a name, an answer) must be escaped with plain() first, or shown
 * with userText() beside the string instead.
 */
export const needs = {
  commands: {
    newNeed: { command: 'nytt behov', text: 'Lämna in ett behov av kunskapsutveckling eller kunskapsutbyte. Du kan också skriva ”Behov: …”.' },
    myNeeds: { command: 'mina behov', text: 'Se din organisations behov och vad som har hänt med dem.' },
    allNeeds: { command: 'alla behov', text: 'Se alla behov, t.ex. ”alla behov sörmland inkomna 2027”.' },
    overview: { command: 'behovsöversikt', text: 'Antal behov per område, län och status, med export till Excel och CSV.' },
    openRound: { command: 'öppna behovsomgång', text: 'Öppna en behovsomgång för ett programår.' },
  },

  areas: {
    'framtida-valfarden': 'Den framtida välfärden',
    'resilienta-organisationen': 'Den resilienta organisationen',
    'mojliggorande-byrakratin': 'Den möjliggörande byråkratin',
  },
  urgencies: { low: 'Låg', medium: 'Medel', high: 'Hög' },
  statuses: {
    inkommen: 'Inkommen',
    'under-beredning': 'Under beredning',
    'ingar-i-programplan': 'Ingår i programplan',
    avslagen: 'Avslagen',
    sammanslagen: 'Sammanslagen',
    tillbakadragen: 'Tillbakadragen',
  },
  counties: { vastmanland: 'Västmanland', sormland: 'Sörmland', none: 'MDU (inget län)' },

  needNumber: (p: { number: number }) => `#${p.number}`,
  /** The status with what belongs to it, e.g. in lists and notifications. */
  state: {
    plan: (p: { area: string; year: number }) => `Ingår i programplanen för ${p.year}, ${p.area}`,
    merged: (p: { number: number }) => `Sammanslaget med behov #${p.number}`,
  },
  programYear: (p: { year: number }) => `Programår ${p.year}`,
  supportCount: (p: { count: number }) =>
    p.count === 0 ? 'Ingen annan organisation står bakom' : p.count === 1 ? '1 organisation står bakom' : `${p.count} organisationer står bakom`,

  form: {
    headingNew: 'Nytt behov',
    headingEdit: (p: { number: number }) => `Ändra behov #${p.number}`,
    intro: 'Beskriv ett behov av kunskapsutveckling eller kunskapsutbyte inom styrning och ledning. Programgruppen bereder behoven inför programplanen.',
    prefilled: 'Jag har fyllt i formuläret från ditt meddelande. Kontrollera, komplettera och skicka.',
    title: 'Rubrik',
    titlePlaceholder: 'Kort rubrik, högst 120 tecken',
    description: 'Beskrivning',
    descriptionPlaceholder: 'Vad behöver ni veta mer om, och varför? Högst 4 000 tecken.',
    area: 'Programområde',
    areaPlaceholder: 'Välj programområde',
    organisation: 'Organisation',
    contactName: 'Kontaktperson',
    contactEmail: 'Kontaktpersonens e-post (frivillig)',
    urgency: 'Angelägenhet',
    submit: 'Skicka behovet',
    save: 'Spara ändringarna',
    errorsIntro: 'Något behöver rättas – se markeringarna nedan. Inget är sparat ännu.',
    errors: {
      required: 'Fyll i det här.',
      tooLong: (p: { max: number }) => `Högst ${p.max} tecken – korta gärna texten.`,
      invalidArea: 'Välj ett av de tre programområdena.',
      invalidOrganisation: 'Du kan lämna in behov för din egen organisation.',
      invalidEmail: 'Det ser inte ut som en e-postadress.',
      invalidUrgency: 'Välj låg, medel eller hög.',
    },
  },

  similar: {
    heading: 'Det finns liknande behov',
    intro: 'Innan ert behov sparas: de här behoven liknar det. Ställ er bakom ett av dem, eller skicka ert ändå.',
    yourNeed: 'Ert behov',
    support: 'Ställ er bakom',
    alreadySupported: 'Ni står redan bakom det här behovet.',
    ownNeed: 'Det här är er egen organisations behov.',
    submitAnyway: 'Skicka ändå',
    edit: 'Ändra mitt behov',
    show: 'Visa',
  },

  receipt: {
    heading: (p: { number: number }) => `Tack! Behov #${p.number} är registrerat`,
    inRound: (p: { year: number; closingDate: string }) => `Det ingår i behovsomgången för programår ${p.year}, som tar emot behov till och med ${p.closingDate}.`,
    lateToOpen: (p: { missedYear: number; missedClosingDate: string; year: number; closingDate: string }) =>
      `Omgången för programår ${p.missedYear} stängde ${p.missedClosingDate}. Behovet går därför till nästa omgång: programår ${p.year} (tar emot behov till och med ${p.closingDate}).`,
    lateToFollowing: (p: { missedYear: number; missedClosingDate: string; year: number }) =>
      `Omgången för programår ${p.missedYear} stängde ${p.missedClosingDate}. Behovet går därför till nästa omgång: programår ${p.year}, som inte har öppnats ännu.`,
    noRound: (p: { year: number }) =>
      `Ingen behovsomgång är öppnad ännu. Behovet registreras för programår ${p.year}. (Antagande: avtalet säger inte när behov samlas in; programledningen kan öppna omgången senare.)`,
    whatNext: 'Programgruppen och programledningen bereder behoven. Du får besked här i chatten när något händer med behovet.',
    show: 'Visa behovet',
    edit: 'Ändra',
    withdraw: 'Dra tillbaka',
  },

  detail: {
    heading: (p: { number: number }) => `Behov #${p.number}`,
    area: 'Programområde',
    organisation: 'Organisation',
    contact: 'Kontaktperson',
    urgency: 'Angelägenhet',
    status: 'Status',
    round: 'Programår',
    submitted: 'Inlämnat',
    submittedBy: 'Inlämnat av',
    description: 'Beskrivning',
    motivation: 'Motivering',
    supportsHeading: (p: { count: number }) => `Står bakom (${p.count})`,
    noSupports: 'Ingen annan organisation står bakom behovet ännu.',
    supportLine: (p: { organisation: string; name: string; date: string }) => `${p.organisation} – ${p.name}, ${p.date}`,
    historyHeading: 'Historik',
    history: {
      submitted: 'Inlämnat',
      edited: 'Ändrat',
      transition: (p: { from: string; to: string }) => `${p.from} → ${p.to}`,
      mergedFrom: (p: { number: number }) => `Behov #${p.number} slogs samman med detta`,
      mergedInto: (p: { number: number }) => `Sammanslaget med behov #${p.number}`,
    },
    historyLine: (p: { date: string; name: string; what: string }) => `${p.date} · ${p.name} · ${p.what}`,
    olderHistory: (p: { count: number }) => (p.count === 1 ? '1 tidigare händelse visas inte här.' : `${p.count} tidigare händelser visas inte här.`),
    clipped: 'Långa texter är förkortade här så att kortet ryms i Teams.',
    support: 'Ställ er bakom',
    alreadySupported: 'Er organisation står bakom behovet.',
    edit: 'Ändra',
    withdraw: 'Dra tillbaka',
    withdrawConfirm: 'Vill du dra tillbaka behovet? De som står bakom det får besked.',
    withdrawYes: 'Ja, dra tillbaka',
    review: {
      heading: 'Beredning',
      to: {
        'under-beredning': 'Ta upp till beredning',
        'ingar-i-programplan': 'Ingår i programplan',
        avslagen: 'Avslå',
        sammanslagen: 'Slå samman',
      },
      answer: 'Svar till den som lämnat in och de som står bakom (frivilligt)',
      motivation: 'Motivering (skickas till den som lämnat in och de som står bakom)',
      answerPlaceholder: 'Det här får de läsa.',
      planArea: 'Programområde i planen',
      planYear: 'Programår',
      mergeInto: 'Slå samman med behov nummer',
      mergePlaceholder: 'T.ex. 12',
      confirm: 'Spara och meddela',
    },
  },

  list: {
    headingMine: (p: { organisation: string }) => `Behov från ${p.organisation}`,
    headingAll: 'Alla behov',
    emptyMine: 'Er organisation har inte lämnat in några behov ännu. Skriv **nytt behov** för att lämna ett.',
    empty: 'Inga behov matchar urvalet.',
    range: (p: { from: number; to: number; total: number }) => `Visar ${p.from}–${p.to} av ${p.total}`,
    filterArea: 'Programområde',
    filterCounty: 'Län',
    filterStatus: 'Status',
    filterRound: 'Programår',
    any: 'Alla',
    apply: 'Visa urvalet',
    next: 'Nästa sida',
    prev: 'Föregående sida',
    rowMeta: (p: { organisation: string; status: string; round: number }) => `${p.organisation} · ${p.status} · ${p.round}`,
  },

  overview: {
    heading: 'Behovsöversikt',
    allRounds: 'Alla programår',
    total: (p: { count: number }) => `${p.count} behov totalt`,
    none: 'Inga behov ännu.',
    status: 'Status',
    sum: 'Summa',
    downloadXlsx: 'Ladda ned (Excel)',
    downloadCsv: 'Ladda ned (CSV)',
    linkNote: 'Nedladdningslänkarna gäller en begränsad tid och bara för dig.',
    showRound: 'Visa programår',
  },

  round: {
    heading: 'Öppna behovsomgång',
    intro: 'Behov som kommer in efter sista dagen går till nästa omgång, och den som lämnar in behovet får veta vilken.',
    year: 'Programår',
    closingDate: 'Sista dag att lämna in behov',
    closingHint: 'Omgången tar emot behov till och med den dagen (svensk tid).',
    submit: 'Öppna omgången',
    errorsIntro: 'Något behöver rättas – se markeringarna nedan.',
    errors: {
      required: 'Fyll i det här.',
      invalid: 'Ogiltigt värde.',
      yearOutOfRange: (p: { from: number; to: number }) => `Välj ett programår mellan ${p.from} och ${p.to}.`,
      inThePast: 'Sista dagen har redan passerat.',
      roundExists: 'Det finns redan en omgång för det programåret.',
    },
    existing: 'Omgångar',
    existingLine: (p: { year: number; closingDate: string; open: boolean }) =>
      p.open ? `Programår ${p.year}: öppen till och med ${p.closingDate}` : `Programår ${p.year}: stängde ${p.closingDate}`,
    opened: (p: { year: number; closingDate: string }) => `Behovsomgången för programår ${p.year} är öppen och tar emot behov till och med ${p.closingDate}.`,
  },

  notification: {
    heading: (p: { number: number }) => `Nytt besked om behov #${p.number}`,
    changed: (p: { from: string; to: string }) => `Status: ${p.from} → ${p.to}`,
    answer: 'Svar från beredningen',
    motivation: 'Motivering',
    withdrawn: 'Behovet har dragits tillbaka av organisationen som lämnade in det.',
    supporterNote: 'Du får det här beskedet eftersom din organisation står bakom behovet.',
    show: 'Visa behovet',
  },

  /** Short answers in chat after an action. */
  messages: {
    supported: (p: { number: number }) => `Er organisation står nu bakom behov #${p.number}.`,
    withdrawn: (p: { number: number }) => `Behov #${p.number} är tillbakadraget.`,
    saved: (p: { number: number }) => `Behov #${p.number} är uppdaterat.`,
    unchanged: 'Inget ändrades.',
    alreadyRecorded: 'Det här är redan registrerat.',
    reviewed: (p: { number: number; status: string; count: number }) =>
      `Behov #${p.number}: ${p.status}. ${p.count === 1 ? '1 person får besked.' : `${p.count} personer får besked.`}`,
  },

  refusals: {
    submit: 'Behov lämnas in av kommundirektörer, regiondirektörer, länsråd och programledningen. Be din direktör lämna in behovet, eller hör av dig till programledningen.',
    viewAll: 'Alla behov visas för Programgruppen och programledningen. Skriv **mina behov** för din organisations behov.',
    review: 'Behov bereds av Programgruppen och programledningen.',
    manageRounds: 'Behovsomgångar öppnas av programledningen.',
    export: 'Översikten och exporten är till för Programgruppen och programledningen.',
    otherOrganisation: 'Du kan lämna in behov för din egen organisation.',
    ownOrganisation: 'Det här är er egen organisations behov – ni står redan bakom det.',
    alreadySupported: 'Er organisation står redan bakom det här behovet.',
    closed: 'Behovet är avslutat och kan inte få fler som står bakom det.',
    merged: (p: { number: number }) => `Behovet är sammanslaget med behov #${p.number}. Ställ er bakom det i stället.`,
    notInkommen: 'Ett behov kan ändras eller dras tillbaka bara medan det har status Inkommen.',
    editForbidden: 'Bara organisationen som lämnade in behovet kan ändra eller dra tillbaka det.',
    illegalTransition: (p: { from: string; to: string }) => `Ett behov med status ${p.from} kan inte få status ${p.to}.`,
    motivationRequired: 'Skriv en motivering – den skickas till den som lämnade in behovet.',
    planRequired: 'Välj programområde och programår för planen.',
    planInvalid: 'Programområdet eller programåret är ogiltigt.',
    mergeTargetRequired: 'Ange numret på behovet att slå samman med.',
    mergeIntoSelf: 'Ett behov kan inte slås samman med sig självt.',
    mergeTargetClosed: 'Behovet att slå samman med är tillbakadraget eller redan sammanslaget.',
    textTooLong: (p: { max: number }) => `Texten får vara högst ${p.max} tecken.`,
    noSuchNeed: (p: { number: number }) => `Det finns inget behov #${p.number}.`,
  },

  chat: {
    /** Words in "alla behov …" that were not understood as a filter, quoted back. */
    unknownFilter: (p: { words: string }) => `Jag förstod inte ”${p.words}” som ett urval, så det är inte med.`,
  },

  export: {
    sheetName: 'Behov',
    filename: (p: { round: string }) => `stark-behov-${p.round}`,
    allRounds: 'alla',
    columns: {
      number: 'Nr',
      title: 'Rubrik',
      organisation: 'Organisation',
      county: 'Län',
      area: 'Programområde',
      status: 'Status',
      round: 'Programår',
      supports: 'Organisationer som står bakom',
      submitted: 'Inlämnat',
    },
  },
};
