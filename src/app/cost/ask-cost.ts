import type { Organisation } from '../../domain/organisations.js';
import { interpretCostQuestion, type CostQuestion } from '../../domain/cost/cost-question.js';
import { normalise } from '../../domain/cost/text-match.js';
import { can } from '../../domain/permissions.js';
import { stockholmYear } from '../../domain/time.js';
import { done, refused, type Actor, type Outcome } from '../kernel.js';

/**
 * What a chat message asks of the cost feature, or null when it is not for it. The cost route is tried before
 * the needs and meetings routes, so it must leave their texts alone: a message that starts like one of their
 * commands ("Behov: …", "nytt behov", "möten", "boka möte", "mötesplan") is theirs even when it mentions money.
 */
export type CostChat =
  /** "kostnad" / "cost": the question card. */
  | { kind: 'questionCard' }
  /** "kostnadsöversikt" / "cost overview": the whole table. */
  | { kind: 'overview' }
  /** A question in words, already read. */
  | { kind: 'question'; question: Exclude<CostQuestion, { kind: 'notUnderstood' }> };

// The command names Teams shows (appPackage), Swedish and English, and the plurals people type.
const QUESTION_CARD = new Set(['kostnad', 'kostnader', 'kostnaden', 'cost', 'costs']);
const OVERVIEW = new Set(['kostnadsoversikt', 'kostnadsoversikten', 'oversikt kostnad', 'oversikt kostnader', 'cost overview', 'costs overview', 'overview of costs']);

/** First words of the needs and meetings features' commands (folded). */
const OTHER_FEATURES =
  /^(nytt behov|nya behov|behov|behovet|behovs\w*|mina behov|vara behov|alla behov|lamna in|new need|needs?|my needs|all needs|submit( a)? need|boka( ett)? mote|nytt mote|mote|moten|motet|mina moten|kommande moten|motesplan\w*|schedule( a)? meeting|new meeting|meetings?|my meetings|upcoming meetings|meeting plan)( |$)/;

export interface CostChatInput {
  text: string;
  askerOrganisationId: string | null;
  organisations: readonly Organisation[];
  period: { firstYear: number; lastYear: number };
  /** The Stockholm year now ("i år", "nästa år"). */
  currentYear: number;
}

export function matchCostChat(input: CostChatInput): CostChat | null {
  const folded = normalise(input.text);
  if (folded === '') return null;
  if (QUESTION_CARD.has(folded)) return { kind: 'questionCard' };
  if (OVERVIEW.has(folded)) return { kind: 'overview' };
  if (OTHER_FEATURES.test(folded)) return null;
  // The reader decides: a money word, or a text made only of names it knows ("Köping 2027?", "sörmlandskommunerna").
  const question = interpretCostQuestion(input);
  // Not understood: let the routes after this one try it; the bot answers "not understood" if none does.
  return question.kind === 'notUnderstood' ? null : { kind: 'question', question };
}

/**
 * Someone asks what STARK costs, in words ("Vad kostar STARK för oss?") or by name: the text read (null when it is
 * not a cost question, so the other features may try it), and the asker checked. Nothing is saved, what-ifs included;
 * the channel answers from the agreement's figures (src/domain/cost).
 */
export function askCost(deps: { organisations: readonly Organisation[]; period: { firstYear: number; lastYear: number } }, actor: Actor, command: { text: string }, now: Date): Outcome<CostChat, 'notAllowed'> | null {
  const chat = matchCostChat({ text: command.text, askerOrganisationId: actor.person.organisationId, organisations: deps.organisations, period: deps.period, currentYear: stockholmYear(now) });
  if (!chat) return null;
  return can(actor.person, 'cost.view') ? done(chat) : refused('notAllowed');
}
