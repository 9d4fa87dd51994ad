/**
 * The Action.Execute verbs of the date-poll cards, shared by the cards that send them and the bot routes that will
 * receive them. Payload shapes: the form's is `pollFormInputSchema` (src/domain/polls/poll-form.ts) plus `draftId`;
 * the answer card's is `pollAnswerInputSchema` (src/domain/polls/answer.ts).
 */
export const pollVerbs = {
  /** Open the poll form (leadership; data: `type?` to preselect). */
  form: 'poll.form',
  /** Submit the poll form (data: the inputs, `draftId`, `override?` to send despite weekend/holiday warnings). */
  create: 'poll.create',
  /** Send one's answers (data: `pollId`; inputs `answer-s1` … `answer-s8`, `comment`). */
  answer: 'poll.answer',
  /** Universal Actions refresh: the viewer's own view of the answer card (data: `pollId`). */
  refresh: 'poll.refresh',
  /** Show a poll's answer card to the viewer (data: `pollId`). */
  open: 'poll.open',
  /** Leadership's overview of a poll (data: `pollId`). */
  overview: 'poll.overview',
  /** Choose a time (data: `pollId`, `slotId`, `confirm: 'yes'` on the second click). */
  finalise: 'poll.finalise',
  /** Call the poll off (data: `pollId`, `confirm: 'yes'` on the second click). */
  cancel: 'poll.cancel',
} as const;
export type PollVerb = (typeof pollVerbs)[keyof typeof pollVerbs];
