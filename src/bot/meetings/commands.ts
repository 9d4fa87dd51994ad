/**
 * The meetings feature's chat commands, in Swedish and English. Matching ignores case, extra spaces and a missing
 * ring or dots ("mote" for "möte"), since people type fast.
 */
export type MeetingCommand = { kind: 'schedule' } | { kind: 'overview' } | { kind: 'cadence'; year?: number };

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const SCHEDULE = new Set(['boka mote', 'boka ett mote', 'nytt mote', 'schedule meeting', 'schedule a meeting', 'new meeting']);
const OVERVIEW = new Set(['moten', 'mina moten', 'kommande moten', 'meetings', 'my meetings', 'upcoming meetings']);
const CADENCE = /^(?:motesplan|motesplanen|meeting plan)(?: (\d{4}))?$/;

export function matchMeetingCommand(text: string): MeetingCommand | undefined {
  const s = fold(text);
  if (SCHEDULE.has(s)) return { kind: 'schedule' };
  if (OVERVIEW.has(s)) return { kind: 'overview' };
  const c = CADENCE.exec(s);
  if (c) return c[1] ? { kind: 'cadence', year: Number(c[1]) } : { kind: 'cadence' };
  return undefined;
}
