import { z } from 'zod';
import { pollSchema } from '../../domain/polls/poll.js';

/**
 * The date polls section (issue #16). Every field has a default, so stores from before it load unchanged.
 * `sentReminderKeys`: poll reminders already handed to the messenger (`dueReminders`' keys: one per person per day).
 * `leadershipKeys`: what leadership was told once (everyone answered, the deadline passed undecided).
 */
export const pollsSectionSchema = z
  .object({
    polls: z.array(pollSchema).default([]),
    sentReminderKeys: z.array(z.string().max(400)).default([]),
    leadershipKeys: z.array(z.string().max(400)).default([]),
  })
  .strict()
  .default({});
export type PollsSection = z.infer<typeof pollsSectionSchema>;
