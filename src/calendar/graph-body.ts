import { createHash } from 'node:crypto';

// The event body: the agenda (and a link leadership gave), as HTML. Exchange adds the Teams join information to the
// body of an online meeting. Microsoft's "Update event" page warns that a PATCH of the body must keep that "meeting
// blob", or the event stops being an online meeting (and issue reports show the join link vanishing after such a PATCH).
// So the body is only written when the agenda or link changed, and then around the blob Exchange put there.

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** What leadership wrote, escaped (it is typed text, never markup), line breaks kept. */
export function agendaHtml({ agenda, onlineUrl }: { agenda: string; onlineUrl?: string | undefined }): string {
  const parts: string[] = [];
  const text = agenda.replace(/\r\n/g, '\n').trim();
  if (text) parts.push(`<div>${escapeHtml(text).replace(/\n/g, '<br>')}</div>`);
  if (onlineUrl) parts.push(`<p><a href="${escapeHtml(onlineUrl)}">${escapeHtml(onlineUrl)}</a></p>`);
  return parts.join('');
}

/** Identifies the agenda and link last written, since the body Exchange returns is rewritten HTML. */
export const bodyDigest = ({ agenda, onlineUrl }: { agenda: string; onlineUrl?: string | undefined }): string =>
  createHash('sha256').update(JSON.stringify([agenda.replace(/\r\n/g, '\n').trim(), onlineUrl ?? ''])).digest('hex');

// Exchange opens the Teams block with a line of underscores (a plain <div> in older invitations, a styled <span> in a
// <div> in newer ones) and closes it with another.
const SEPARATOR_ALL = /_{20,}/g;

/**
 * The body to PATCH so that the agenda changes and the Teams block stays: our new agenda, then everything from the
 * element that opens Exchange's block to the end, inside the document Exchange returned. Null when the body has the
 * join link but no recognisable block: then the body is left alone (the agenda goes stale in Outlook, the meeting
 * stays joinable) and the caller records that. A body without a join link is simply replaced.
 */
export function bodyKeepingTeamsBlock({ liveHtml, newAgendaHtml, joinUrl }: { liveHtml: string; newAgendaHtml: string; joinUrl?: string | undefined }): string | null {
  const open = /<body[^>]*>/i.exec(liveHtml);
  const innerStart = open ? open.index + open[0].length : 0;
  const close = liveHtml.search(/<\/body>/i);
  const innerEnd = close >= innerStart ? close : liveHtml.length;
  const inner = liveHtml.slice(innerStart, innerEnd);
  // The block's separator is the last one before the join link (an agenda may contain a line of underscores too).
  const linkAt = joinUrl === undefined ? -1 : Math.max(inner.indexOf(joinUrl), inner.indexOf(escapeHtml(joinUrl)));
  const separators = [...inner.matchAll(SEPARATOR_ALL)].map((m) => m.index);
  const separator = linkAt >= 0 ? separators.filter((i) => i < linkAt).pop() : separators[0];
  if (separator !== undefined) {
    const blockStart = inner.lastIndexOf('<div', separator);
    const from = blockStart >= 0 ? blockStart : separator;
    return liveHtml.slice(0, innerStart) + newAgendaHtml + inner.slice(from) + liveHtml.slice(innerEnd);
  }
  const hasJoinLink = joinUrl !== undefined && (liveHtml.includes(joinUrl) || liveHtml.includes(escapeHtml(joinUrl)));
  return hasJoinLink ? null : newAgendaHtml;
}
