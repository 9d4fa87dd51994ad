/**
 * The Action.Execute verbs of the meetings cards, shared by the cards that send them and the bot routes that
 * receive them (whose payload schemas live in src/bot/meetings/payloads.ts).
 */
export const meetingVerbs = {
  /** Open the scheduling form (data: `type?` to preselect, `meetingId?` to change a meeting). */
  form: 'meeting.form',
  /** Submit the scheduling form (data: the inputs, `meetingId?` when changing, `override?` to book anyway). */
  schedule: 'meeting.schedule',
  /** Answer Ja/Nej/Kanske (data: `meetingId`, `answer`, `start` as shown on the card, input `comment`). */
  rsvp: 'meeting.rsvp',
  /** Universal Actions refresh: the viewer's own view of an invitation (data: `meetingId`). */
  refresh: 'meeting.refresh',
  /** Show a meeting's invitation card to the viewer (data: `meetingId`). */
  open: 'meeting.open',
  /** Leadership overview with one meeting's answers expanded (data: `meetingId?`). */
  overview: 'meeting.overview',
  /** Cancel a meeting (data: `meetingId`, `confirm: 'yes'` on the second click). */
  cancel: 'meeting.cancel',
  /** Leadership adds or removes an invitee (data: `meetingId`, `op: 'add' | 'remove'`, inputs `addPersonId` / `removePersonId`). */
  invitees: 'meeting.invitees',
} as const;
export type MeetingVerb = (typeof meetingVerbs)[keyof typeof meetingVerbs];
