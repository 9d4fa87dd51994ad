import { endTerm, handOverSeat, type RosterChangeRefusal } from '../../app/roster/change-term.js';
import { plain } from '../../cards/adaptive-card.js';
import { rosterCard } from '../../cards/roster-card.js';
import { rosterConfirmCard } from '../../cards/roster-confirm-card.js';
import { rosterVerbs } from '../../cards/roster-verbs.js';
import { hasRole, type Person } from '../../domain/people.js';
import { stockholmDate } from '../../domain/time.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { ActionResult, Turn } from '../feature.js';
import { deliverPending } from '../meetings/delivery.js';
import type { RosterChangePayload } from './payloads.js';

type Group = 'programrad' | 'programgrupp' | 'leadership' | 'others';
const groupOf = (p: Person): Group => (p.programrad ? 'programrad' : hasRole(p, 'programgrupp') ? 'programgrupp' : hasRole(p, 'leadership') ? 'leadership' : 'others');

/** `ledamöter` / `roster`: leadership's roster card. */
export async function handleRosterCommand(turn: Turn): Promise<void> {
  if (!turn.can('roster.manage')) return turn.reply(turn.t.roster.admin.refused.notAllowed);
  const { people, organisations } = turn.services.store.doc;
  const a = turn.t.roster.admin;
  const orgName = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const line = (p: Person) =>
    [
      `${p.name} – ${p.title}`,
      p.programrad ? `${p.programrad.membership === 'ordinary' ? a.ordinary : a.substitute} ${p.programrad.seat === 'mdu' ? 'MDU' : turn.t.core.counties[p.programrad.seat]}` : null,
      p.term?.end ? a.until({ date: p.term.end }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const groups = (['programrad', 'programgrupp', 'leadership', 'others'] as const).flatMap((g) => {
    const members = people.filter((p) => groupOf(p) === g);
    if (members.length === 0) return [];
    const orgIds = [...new Set(members.map((p) => p.organisationId))].sort((x, y) => orgName(x).localeCompare(orgName(y), 'sv'));
    return [{ title: a.groups[g], organisations: orgIds.map((id) => ({ name: orgName(id), lines: members.filter((p) => p.organisationId === id).map(line) })) }];
  });
  const choices = [...people].sort((x, y) => x.name.localeCompare(y.name, 'sv')).map((p) => ({ title: `${p.name} (${orgName(p.organisationId)})`, value: p.aadObjectId }));
  await turn.reply(
    rosterCard({
      title: a.title,
      groups,
      choices,
      today: stockholmDate(turn.now),
      labels: { person: a.person, lastDay: a.lastDay, successor: a.successor, successorNone: a.successorNone, end: a.end, handover: a.handover, formIntro: a.formIntro },
    }),
  );
}

const refusalText = (turn: Turn, reason: RosterChangeRefusal): string => turn.t.roster.admin.refused[reason];

/** "Avsluta uppdrag" and "Lämna över": a confirmation first, then the use case, audited. */
export function rosterChangeHandler(kind: 'end' | 'handover') {
  return async (turn: Turn, data: RosterChangePayload): Promise<ActionResult> => {
    const a = turn.t.roster.admin;
    if (!turn.can('roster.manage')) return { message: a.refused.notAllowed };
    const people = turn.services.store.doc.people;
    const person = people.find((p) => p.aadObjectId === data.personId);
    const successorId = data.successorId ? data.successorId : undefined;
    const successor = successorId ? people.find((p) => p.aadObjectId === successorId) : undefined;
    if (!person || (successorId && !successor)) return { message: a.refused.unknownPerson };
    if (kind === 'handover' && !successor) return { message: a.needSuccessor };
    if (data.confirm === 'no') return { message: a.cancelled };
    if (data.confirm !== 'yes') {
      return {
        card: rosterConfirmCard({
          title: kind === 'end' ? a.confirmEndTitle : a.confirmHandoverTitle,
          intro: kind === 'end' ? a.confirmEndIntro : a.confirmHandoverIntro,
          facts: [[a.factPerson, person.name], [a.factLastDay, data.lastDay], ...(kind === 'handover' && successor ? [[a.factSuccessor, successor.name] as const] : [])],
          verb: kind === 'end' ? rosterVerbs.end : rosterVerbs.handover,
          data: { personId: person.aadObjectId, lastDay: data.lastDay, ...(successor ? { successorId: successor.aadObjectId } : {}) },
          confirm: a.confirm,
          cancel: a.cancel,
        }),
      };
    }
    const deps = { uow: fileUnitOfWork(turn.services.store) };
    const actor = { person: turn.person, organisation: turn.organisation };
    if (kind === 'end') {
      const r = await endTerm(deps, actor, { personId: person.aadObjectId, lastDay: data.lastDay }, turn.now, turn.activityId);
      return { message: r.ok ? a.ended({ name: plain(person.name), date: data.lastDay }) : refusalText(turn, r.reason) };
    }
    if (!successor) return { message: a.needSuccessor };
    const r = await handOverSeat(deps, actor, { personId: person.aadObjectId, successorId: successor.aadObjectId, lastDay: data.lastDay }, turn.now, turn.activityId);
    if (!r.ok) return { message: refusalText(turn, r.reason) };
    if (r.value.meetings > 0) await deliverPending(turn.services);
    return { message: a.handedOver({ name: plain(person.name), successor: plain(successor.name), date: r.value.firstDay, meetings: r.value.meetings }) };
  };
}
