import { BODY_RULES, type Assumption } from '../domain/bodies/body-rules.js';
import type { Availability, CoveredSeat, SeatCoverage } from '../domain/bodies/coverage.js';
import type { SlotId } from '../domain/polls/poll.js';
import type { LeadershipPollView } from '../domain/polls/views.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, execute, factSet, plain, textBlock, userText, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { answersBySlot, commentsBlock, fitted, nameOf, type Detail } from './poll-card-parts.js';
import { pollVerbs } from './poll-verbs.js';

export interface PollOverviewCardModel {
  /** Leadership's view from `leadershipPollView` (src/domain/polls/views.ts). */
  view: LeadershipPollView;
  /** Each slot pre-formatted in Stockholm time in the viewer's language. */
  slotWhen: Readonly<Record<string, string>>;
  /** Pre-formatted answer-by date. */
  answerBy: string;
  /** Names by person id: holders, substitutes and everyone who answered. */
  names: Readonly<Record<string, string>>;
  /** The slot whose "choose" was clicked once: ask before finalising. */
  confirmSlotId?: SlotId | undefined;
  /** "Call off" was clicked once: ask before cancelling. */
  confirmCancel?: boolean | undefined;
  /** What just happened (everyone answered, a time chosen…), already escaped. */
  notices?: readonly string[] | undefined;
}

/**
 * Leadership's overview of a date poll (issue #16 point 3): the times ranked best first; per time how many seats are
 * covered and by whom — each seat's holder or the substitute standing in, by a yes or an "if need be" — the count per
 * party, quorum, and the answers; a button to choose each time that has not begun (asked twice: it books the meeting
 * and tells everyone), and one to call the poll off. Figures that rest on what the memo does not say (Sörmland's
 * seats, the default quorum) carry a mark, and the assumptions are spelled out at the end. Everyone's answers are
 * shown even in an anonymous poll: anonymity is towards the other invitees.
 */
export function pollOverviewCard(model: PollOverviewCardModel, t: Catalogue): AdaptiveCard {
  return fitted((detail) => build(model, t, detail));
}

function build(model: PollOverviewCardModel, t: Catalogue, detail: Detail): AdaptiveCard {
  const o = t.polls.overview;
  const v = model.view;
  const mark = t.bodies.assumptionMark;
  const name = (id: string | undefined) => (id === undefined ? t.bodies.vacant : nameOf(t, model.names, id));
  const answerOf = (personId: string | undefined, slotId: SlotId): string => {
    const a: Availability | undefined = personId === undefined ? undefined : v.responses.find((r) => r.personId === personId)?.answers[slotId];
    return a ? t.polls.answers[a] : t.polls.notAnswered;
  };

  const body: CardElement[] = [];
  if (model.notices && model.notices.length > 0) {
    body.push({ type: 'Container', style: 'emphasis', items: model.notices.map((n) => textBlock(n, { weight: 'Bolder', spacing: 'Small' })) });
  }
  body.push(textBlock(plain(`${o.heading} · ${t.meetings.types[v.type]}`), { isSubtle: true, size: 'Small' }), userText(v.title, { size: 'Medium', weight: 'Bolder' }));
  const finalWhen = v.finalSlotId ? model.slotWhen[v.finalSlotId] : undefined;
  if (v.status === 'cancelled') body.push(textBlock(o.cancelled, { color: 'Attention', weight: 'Bolder' }));
  if (v.status === 'finalised' && finalWhen) body.push(textBlock(plain(o.chosen({ when: finalWhen })), { color: 'Good', weight: 'Bolder' }));
  body.push(
    textBlock(o.deadline({ date: model.answerBy }), { spacing: 'Small' }),
    textBlock(v.everyoneAnswered ? o.everyoneAnswered : o.answered({ answered: v.invited - v.notAnswered.length, invited: v.invited }), { spacing: 'None' }),
  );
  if (v.status === 'open') body.push(textBlock(o.auto[v.autoFinalise], { isSubtle: true, size: 'Small', spacing: 'None' }));

  body.push(textBlock(o.ranked, { weight: 'Bolder', spacing: 'Large' }));
  for (const r of v.ranked) {
    const slotId = r.slot.id;
    const when = model.slotWhen[slotId] ?? `${r.slot.date} ${r.slot.start}–${r.slot.end}`;
    const items: CardElement[] = [textBlock(plain(o.rank({ rank: r.rank, when })), { weight: 'Bolder' })];
    if (r.coversEverySeat) items.push(textBlock(`✅ ${o.coversAll}`, { color: 'Good', spacing: 'None', size: 'Small' }));
    if (r.coverage) items.push(...coverageBlock(r.coverage, slotId));
    else items.push(...answersBySlot(t, model.names, v.responses, slotId, detail));
    items.push(textBlock(o.counts(r.counts), { size: 'Small', isSubtle: true, spacing: 'Small' }));

    if (v.choosable.includes(slotId)) {
      if (model.confirmSlotId === slotId) {
        items.push(
          textBlock(plain(o.confirmChoose({ when })), { weight: 'Bolder', spacing: 'Small' }),
          {
            type: 'ActionSet',
            actions: [
              execute(o.confirmChooseYes, pollVerbs.finalise, { pollId: v.pollId, slotId, confirm: 'yes' }, { style: 'positive' }),
              execute(o.keepOpen, pollVerbs.overview, { pollId: v.pollId }),
            ],
          },
        );
      } else {
        items.push({ type: 'ActionSet', actions: [execute(o.choose, pollVerbs.finalise, { pollId: v.pollId, slotId })] });
      }
    }
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }

  if (v.notAnswered.length > 0) {
    const shown = v.notAnswered.slice(0, detail.namesPerAnswer).map((id) => plain(name(id)));
    const rest = v.notAnswered.length - shown.length;
    const list = shown.length === 0 ? String(v.notAnswered.length) : rest > 0 ? `${shown.join(', ')} ${t.polls.card.more({ count: rest })}` : shown.join(', ');
    body.push(textBlock(o.notAnswered({ names: list }), { spacing: 'Medium' }));
  }
  body.push(...commentsBlock(t, model.names, v.responses, o.comments, detail));
  if (v.assumptions.length > 0) {
    body.push(
      textBlock(t.bodies.assumptionsHeading, { isSubtle: true, size: 'Small', spacing: 'Large' }),
      ...v.assumptions.map((a: Assumption) => textBlock(t.bodies.assumptions[a], { isSubtle: true, size: 'Small', spacing: 'None' })),
    );
  }

  const actions: CardElement[] = [execute(o.refresh, pollVerbs.overview, { pollId: v.pollId })];
  if (v.status === 'open') {
    if (model.confirmCancel) {
      body.push(textBlock(o.confirmCancel, { weight: 'Bolder', spacing: 'Medium' }));
      actions.push(execute(o.confirmCancelYes, pollVerbs.cancel, { pollId: v.pollId, confirm: 'yes' }, { style: 'destructive' }), execute(o.keepOpen, pollVerbs.overview, { pollId: v.pollId }));
    } else {
      actions.push(execute(o.cancel, pollVerbs.cancel, { pollId: v.pollId }));
    }
  }
  return adaptiveCard(body, actions);

  function coverageBlock(coverage: SeatCoverage, slotId: SlotId): CardElement[] {
    const rules = BODY_RULES[coverage.body].ordinary;
    const seatLine = (s: CoveredSeat): [string, string] => {
      const label = t.bodies.seat({ constituency: t.bodies.constituencies[s.constituency], ordinal: s.ordinal });
      const c = s.coveredBy;
      // Names are what people typed: escaped one by one, so the catalogue's own text stays as written.
      const value = !c
        ? s.holderId === undefined
          ? o.uncoveredVacant
          : o.uncovered({ holder: plain(name(s.holderId)), answer: answerOf(s.holderId, slotId) })
        : c.as === 'holder'
          ? o.holder({ name: plain(name(c.personId)), answer: t.polls.answers[c.via] })
          : o.substitute({ name: plain(name(c.personId)), holder: plain(name(s.holderId)), answer: t.polls.answers[c.via] });
      return [label, `${c ? '✅' : '⚠️'} ${value}`];
    };
    const q = coverage.quorum;
    const quorumText = (q.met ? t.bodies.quorum.met : t.bodies.quorum.notMet)({ covered: q.covered, required: q.required });
    const parts = coverage.byConstituency
      .filter((c) => c.seats > 0)
      .map((c) => o.constituencyCount({ constituency: t.bodies.constituencies[c.constituency], covered: c.covered, seats: c.seats, mark: rules[c.constituency].basis === 'memo' ? '' : mark }));
    const out: CardElement[] = [
      textBlock(o.covered({ covered: coverage.covered, total: coverage.total, viaYes: coverage.coveredViaYes }), { spacing: 'Small' }),
      textBlock(`${o.byConstituency}: ${parts.join(' · ')}`, { spacing: 'None', size: 'Small' }),
      textBlock(o.quorum({ mark: q.assumption ? mark : '', text: quorumText }), { spacing: 'None', size: 'Small', ...(q.met ? {} : { color: 'Attention' }) }),
    ];
    if (q.missingConstituencies.length > 0) {
      const missing = q.missingConstituencies.map((c) => t.bodies.constituencies[c]).join(', ');
      out.push(textBlock(t.bodies.quorum.missing({ constituencies: missing }), { spacing: 'None', size: 'Small', color: 'Attention' }));
    }
    out.push(factSet(coverage.seats.map(seatLine)));
    return out;
  }
}
