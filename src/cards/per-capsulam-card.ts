import type { DecisionBody } from '../domain/records/common.js';
import type { DecisionRef } from '../domain/records/decision.js';
import type { PerCapsulamAnswerValue, PerCapsulamRule } from '../domain/records/per-capsulam.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { cut, refText } from './records-card-parts.js';
import { recordsVerbs } from './records-verbs.js';

/** Teams gives user-specific views to at most 60 listed users per card. */
const MAX_REFRESH_USERS = 60;

export interface PerCapsulamCardModel {
  procedureId: string;
  body: DecisionBody;
  proposal: string;
  needs: ReadonlyArray<{ number: number; title: string }>;
  /** Pre-formatted deadline, Stockholm time. */
  deadline: string;
  /** Answers are still taken (before the deadline, no result yet). */
  open: boolean;
  rule: PerCapsulamRule['adoptWhen'];
  /** The viewer answers for a seat: which, and their current answer. */
  viewer?: { seatId: string; seatLabel: string; answer?: PerCapsulamAnswerValue | undefined } | undefined;
  /** Counts so far (for leadership), or the final counts. */
  tally?: { yes: number; no: number; notAnswered: number } | undefined;
  result?: { outcome: 'adopted' | 'rejected'; ref?: DecisionRef | undefined; notAnsweredSeats: readonly string[] } | undefined;
  refreshUserIds?: readonly string[] | undefined;
  notice?: string | undefined;
}

const ANSWERS: readonly PerCapsulamAnswerValue[] = ['yes', 'no'];

/**
 * A decision between meetings: the proposal, the needs it concerns, the deadline and the rule (shown as the assumption
 * it is); the seat's holder answers Ja or Nej and may change it until the deadline. After it: the result, with the
 * seats that did not answer.
 */
export function perCapsulamCard(model: PerCapsulamCardModel, t: Catalogue): AdaptiveCard {
  const p = t.records.perCapsulam;
  const body: CardElement[] = [];
  if (model.notice) body.push({ type: 'Container', style: 'emphasis', items: [textBlock(model.notice, { weight: 'Bolder' })] });
  body.push(textBlock(p.heading({ body: t.records.bodies[model.body] }), { size: 'Medium', weight: 'Bolder', style: 'heading' }));
  body.push(textBlock(p.intro, { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(textBlock(p.proposal, { weight: 'Bolder', spacing: 'Medium' }), { ...userText(model.proposal), spacing: 'Small' });
  if (model.needs.length > 0) {
    body.push(textBlock(p.needs, { weight: 'Bolder', spacing: 'Medium' }));
    for (const n of model.needs) body.push(textBlock(t.records.decision.need({ number: n.number, title: plain(cut(n.title, 120)) }), { spacing: 'None' }));
  }
  body.push(textBlock(p.rule[model.rule], { spacing: 'Medium' }), textBlock(p.ruleAssumption, { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(textBlock(plain(p.deadline({ date: model.deadline })), { weight: 'Bolder', spacing: 'Medium' }));
  if (model.viewer) body.push(textBlock(plain(p.yourSeat({ seat: model.viewer.seatLabel })), { spacing: 'Small' }));

  const answer = model.viewer?.answer;
  if (model.viewer && !model.result) {
    body.push(
      answer
        ? textBlock(p.yourAnswer({ answer: p[answer] }), { weight: 'Bolder', color: answer === 'yes' ? 'Good' : 'Attention' })
        : textBlock(p.noAnswerYet, { isSubtle: true }),
    );
  }
  if (model.tally) body.push(textBlock(p.tally(model.tally), { spacing: 'Small' }));
  if (!model.open && !model.result) body.push(textBlock(p.closed, { isSubtle: true }));
  if (model.result) {
    const r = model.result;
    body.push(
      r.outcome === 'adopted' && r.ref
        ? textBlock(p.adopted({ ref: refText(t, r.ref) }), { weight: 'Bolder', color: 'Good', spacing: 'Medium' })
        : textBlock(p.rejected, { weight: 'Bolder', color: 'Attention', spacing: 'Medium' }),
    );
    if (r.notAnsweredSeats.length > 0) body.push(textBlock(plain(p.notAnswered({ seats: r.notAnsweredSeats.join(', ') })), { spacing: 'Small' }));
  }

  const actions: CardElement[] = [];
  if (model.viewer && model.open && !model.result) {
    for (const value of ANSWERS) {
      actions.push(
        execute(answer === value ? p.chosen({ answer: p[value] }) : p[value], recordsVerbs.answerPerCapsulam, { procedureId: model.procedureId, seatId: model.viewer.seatId, value }, value === 'yes' ? { style: 'positive' } : {}),
      );
    }
  }
  const userIds = (model.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  const refresh = userIds.length > 0 ? { refresh: { action: execute(t.meetings.invitation.refresh, recordsVerbs.refresh, { kind: 'perCapsulam', id: model.procedureId }), userIds } } : {};
  return adaptiveCard(body, actions, refresh);
}
