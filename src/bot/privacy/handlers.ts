import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applyRetention } from '../../app/privacy/apply-retention.js';
import { personCaller } from '../../app/privacy/caller.js';
import { erasePerson } from '../../app/privacy/erase-person.js';
import { exportPersonData } from '../../app/privacy/export-person-data.js';
import { removePerson } from '../../app/privacy/remove-person.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { plain } from '../../cards/adaptive-card.js';
import { eraseConfirmCard } from '../../cards/erase-confirm-card.js';
import { myDataCard } from '../../cards/my-data-card.js';
import { privacyNoticeCard } from '../../cards/privacy-notice-card.js';
import { PRIVACY_PICK_INPUT, removePersonPickerCard } from '../../cards/remove-person-picker-card.js';
import { exportSections } from '../../domain/privacy/inventory.js';
import { aadObjectIdSchema, type Person } from '../../domain/people.js';
import { catalogueFor } from '../../i18n/catalogue.js';
import { fileBackupEraser } from '../../store/backup-erasure.js';
import { fileUnitOfWork } from '../../store/unit-of-work.js';
import type { ActionResult, DownloadFile, DownloadRoute, Services, Turn } from '../feature.js';
import { MY_DATA_DOWNLOAD, myDataFile, myDataParamsSchema } from './export-file.js';

/*
 * Thin handlers for personal data (#14): parse, call the use case in src/app/privacy, render. Everything they decide
 * is decided there; everything they show comes from the catalogue.
 */

const actorOf = (services: Services, person: Person) => {
  const organisation = services.store.doc.organisations.find((o) => o.id === person.organisationId);
  return organisation ? { person, organisation } : null;
};

/** "mina uppgifter": the parts stored and the files, in personal chat. */
export async function showMyData(turn: Turn): Promise<void> {
  const { t } = turn;
  const out = exportPersonData({ uow: fileUnitOfWork(turn.services.store) }, personCaller({ person: turn.person, organisation: turn.organisation }), { personId: turn.person.aadObjectId }, turn.now);
  if (!out.ok) return turn.reply(out.reason === 'nothingStored' ? t.privacy.myData.nothing : t.core.notAllowed);
  const parts = exportSections.filter((s) => out.value.sections[s].length > 0).map((s) => ({ label: t.privacy.myData.sections[s], count: out.value.sections[s].length }));
  const records = parts.reduce((n, p) => n + p.count, 0);
  await turn.reply(
    myDataCard({
      title: t.privacy.myData.title,
      intro: t.privacy.myData.intro,
      counts: t.privacy.myData.counts({ records, sections: parts.length }),
      parts,
      downloads: [
        { title: t.privacy.myData.json, link: turn.link(MY_DATA_DOWNLOAD, { format: 'json' }) },
        { title: t.privacy.myData.xlsx, link: turn.link(MY_DATA_DOWNLOAD, { format: 'xlsx' }) },
        { title: t.privacy.myData.csv, link: turn.link(MY_DATA_DOWNLOAD, { format: 'csv' }) },
      ],
      note: t.privacy.myData.linkNote,
    }),
  );
}

/** The file behind a "mina uppgifter" link: only ever the person's own data (the link is bound to them). */
export const myDataDownload: DownloadRoute = {
  kind: MY_DATA_DOWNLOAD,
  async produce({ services, person, params, locale }): Promise<DownloadFile | null> {
    const parsed = myDataParamsSchema.safeParse(params);
    const actor = actorOf(services, person);
    if (!parsed.success || !actor) return null;
    const out = exportPersonData({ uow: fileUnitOfWork(services.store) }, personCaller(actor), { personId: person.aadObjectId }, services.now());
    if (!out.ok) return null;
    return myDataFile({ data: out.value, t: catalogueFor(locale), format: parsed.data.format });
  },
};

/** "integritet": the privacy notice, public (it says nothing about anyone). */
export function showPrivacyNotice(turn: Turn): Promise<void> {
  const n = turn.t.privacy.notice;
  const r = turn.services.config.privacy.retention;
  const years = r.closedNeedContacts / 365;
  return turn.reply(
    privacyNoticeCard({
      title: n.title,
      paragraphs: [
        n.what,
        n.why,
        n.howLong({ rsvpComments: r.rsvpComments, deliveryLog: r.deliveryLog, closedNeedYears: Number.isInteger(years) ? String(years) : years.toFixed(1), formerMembers: r.formerMembers }),
        n.rights,
        n.contact({ contact: turn.services.config.privacy.contact }),
      ],
    }),
  );
}

const fold = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** The people a leader meant by "ta bort <query>": an exact name or e-mail first, else those whose name contains it. */
export function findPeople(people: readonly Person[], query: string): Person[] {
  const q = fold(query);
  const exact = people.filter((p) => fold(p.name) === q || (p.email !== undefined && fold(p.email) === q));
  if (exact.length > 0) return exact;
  return q.length >= 3 ? people.filter((p) => fold(p.name).includes(q)) : [];
}

/** The help entry's placeholder typed as it stands ("ta bort <namn>", "remove [name]"): no name at all. */
const PLACEHOLDER = /^[<[({].*[>\])}]$/;

/**
 * "ta bort <namn>" (leadership): the confirmation card for the one person the roster recognises; otherwise (no name,
 * the help entry's placeholder, nobody or several matching) a card to pick the person from the roster. Never removes.
 */
export async function askToRemove(turn: Turn, command: { query: string }): Promise<void> {
  const { t } = turn;
  if (!turn.can('roster.remove')) return turn.reply(t.core.notAllowed);
  const query = command.query.trim();
  const people = turn.services.store.doc.people;
  if (query === '' || PLACEHOLDER.test(query)) return turn.reply(pickerCard(turn, people));
  const found = findPeople(people, query);
  const shown = plain(query.slice(0, 100));
  if (found.length === 0) return turn.reply(pickerCard(turn, people, t.privacy.remove.notFound({ query: shown })));
  if (found.length > 1) return turn.reply(pickerCard(turn, found, t.privacy.remove.ambiguous({ query: shown })));
  return turn.reply(confirmationCard(turn, found[0]!));
}

/** The roster (or the people who matched) to pick from: everyone but the leader asking, by name. */
function pickerCard(turn: Turn, people: readonly Person[], note?: string): AdaptiveCard {
  const r = turn.t.privacy.remove;
  const organisations = new Map(turn.services.store.doc.organisations.map((o) => [o.id, o.name]));
  const choices = people
    .filter((p) => p.aadObjectId !== turn.person.aadObjectId)
    .map((p) => ({ id: p.aadObjectId, label: `${p.name}, ${organisations.get(p.organisationId) ?? p.organisationId}` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  return removePersonPickerCard({ title: r.pickTitle, intro: r.pickIntro, note, label: r.pickLabel, placeholder: r.pickPlaceholder, people: choices, next: r.pickNext, cancel: r.cancel });
}

/** The confirmation before removing `person`: remove only, remove and erase, or cancel. */
function confirmationCard(turn: Turn, person: Person): AdaptiveCard | string {
  const { t } = turn;
  if (person.aadObjectId === turn.person.aadObjectId) return t.privacy.remove.self;
  const organisation = turn.services.store.doc.organisations.find((o) => o.id === person.organisationId);
  const label = turn.locale === 'sv' ? { name: 'Namn', org: 'Organisation', title: 'Titel', email: 'E-post' } : { name: 'Name', org: 'Organisation', title: 'Title', email: 'E-mail' };
  return eraseConfirmCard({
    title: t.privacy.remove.confirmTitle({ name: plain(person.name) }),
    intro: t.privacy.remove.confirmIntro,
    personId: person.aadObjectId,
    facts: [[label.name, person.name], [label.org, organisation?.name ?? person.organisationId], [label.title, person.title], ...(person.email ? [[label.email, person.email] as const] : [])],
    removeOnly: { title: t.privacy.remove.removeOnly, explain: t.privacy.remove.removeOnlyExplain },
    erase: { title: t.privacy.remove.erase, explain: t.privacy.remove.eraseExplain },
    cancel: t.privacy.remove.cancel,
  });
}

/** The picker's data: the chosen person (an id from the roster; anything else is refused by the schema). */
export const pickSchema = z.object({ [PRIVACY_PICK_INPUT]: aadObjectIdSchema });

/** A person was picked: their confirmation card (rights checked again here, and on the confirmation's press). */
export async function pickToRemove(turn: Turn, data: z.infer<typeof pickSchema>): Promise<ActionResult> {
  const { t } = turn;
  if (!turn.can('roster.remove')) return { message: t.core.notAllowed };
  const person = turn.services.store.doc.people.find((p) => p.aadObjectId === data.personId.toLowerCase());
  if (!person) return { message: t.privacy.remove.gone };
  const card = confirmationCard(turn, person);
  return typeof card === 'string' ? { message: card } : { card };
}

/** The confirmation card's buttons; anything else in the data is ignored, a bad id or choice is refused by the schema. */
export const removeSchema = z.object({ personId: aadObjectIdSchema, mode: z.enum(['remove', 'erase']) });

/** The confirmation was pressed: remove, or remove and erase (rights checked again in the use case). */
export async function confirmRemove(turn: Turn, data: z.infer<typeof removeSchema>): Promise<ActionResult> {
  const { t, services } = turn;
  const actor = { person: turn.person, organisation: turn.organisation };
  const uow = fileUnitOfWork(services.store);
  const refusal = (reason: 'notAllowed' | 'notFound' | 'self' | 'duplicate'): ActionResult => ({
    message: reason === 'notAllowed' ? t.core.notAllowed : reason === 'self' ? t.privacy.remove.self : reason === 'duplicate' ? t.core.alreadyRecorded : t.privacy.remove.gone,
  });
  if (data.mode === 'remove') {
    const name = services.store.doc.people.find((p) => p.aadObjectId === data.personId.toLowerCase())?.name ?? '';
    const out = await removePerson({ uow }, actor, { personId: data.personId, ...(turn.activityId ? { activityId: turn.activityId } : {}) }, turn.now);
    if (!out.ok) return refusal(out.reason);
    services.log.info('privacy.removed', { actorId: turn.person.aadObjectId });
    return { message: t.privacy.remove.removed({ name }) };
  }
  // Erasing someone who is no longer in the roster is what the command line is for: here only a roster member.
  if (!services.store.doc.people.some((p) => p.aadObjectId === data.personId.toLowerCase())) return refusal(turn.can('privacy.erase') ? 'notFound' : 'notAllowed');
  const out = await erasePerson(
    { uow, newId: randomUUID, backups: fileBackupEraser({ dataDir: services.store.dataDir, quiet: () => services.store.snapshotsSettled(), rewriteLive: () => services.store.rewriteWhole() }), outbound: services.messenger },
    personCaller(actor),
    { personId: data.personId, ...(turn.activityId ? { activityId: turn.activityId } : {}) },
    turn.now,
  );
  if (!out.ok) return refusal(out.reason);
  // Counts and the pseudonym only: nothing of what was erased reaches the log.
  services.log.info('privacy.erased', { actorId: turn.person.aadObjectId, pseudonym: out.value.pseudonym, ...out.value.counts, backups: out.value.backups, dropped: out.value.dropped });
  return { message: t.privacy.remove.erased({ needs: out.value.counts.needs, meetings: out.value.counts.meetings, backups: out.value.backups }) };
}

/** The daily retention run (the job ticks hourly; the use case runs once per Stockholm day). */
export async function runRetention(services: Services): Promise<void> {
  const out = await applyRetention({ uow: fileUnitOfWork(services.store), policy: services.config.privacy.retention }, services.now());
  if (out.ok && out.value.ran && out.value.counts) services.log.info('privacy.retention', { ...out.value.counts });
}
