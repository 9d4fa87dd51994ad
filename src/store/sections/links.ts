import { z } from 'zod';

/**
 * Download links work once: the id of every link that was used is kept until the link would have expired anyway
 * (then the signature check refuses it and the id is no longer needed). Links live ten minutes at most, and
 * downloads are limited per person, so the list stays short.
 */
export const usedLinkSchema = z.object({ id: z.string().min(8).max(64), until: z.number().int().positive() }).strict();

export const linksSectionSchema = z
  .object({ used: z.array(usedLinkSchema).default([]) })
  .strict()
  .default({});
export type LinksSection = z.infer<typeof linksSectionSchema>;

/** Marks a link used (dropping ids past their expiry); false when it was used before. Call inside a store update. */
export function consumeLink(section: LinksSection, { id, until, now }: { id: string; until: number; now: number }): boolean {
  if (section.used.some((u) => u.id === id)) return false;
  const live = section.used.filter((u) => u.until > now);
  if (live.length !== section.used.length) section.used = live;
  section.used.push({ id, until });
  return true;
}
