/** The roster card's verbs (src/bot/roster parses their data). */
export const rosterVerbs = {
  end: 'roster.end',
  handover: 'roster.handover',
} as const;
