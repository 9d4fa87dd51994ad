/** The date poll's chat command, in Swedish and English; case, extra spaces and a missing ring/dots are forgiven. */
const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const POLL = new Set(['tidsforslag', 'tidsforslagen', 'nytt tidsforslag', 'date poll', 'date polls', 'new date poll', 'find a date']);

export const matchPollCommand = (text: string): { kind: 'polls' } | undefined => (POLL.has(fold(text)) ? { kind: 'polls' } : undefined);
