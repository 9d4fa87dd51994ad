import { createRequire } from 'node:module';

// adaptivecards' lib/ is extension-less ESM that Node cannot resolve; its UMD bundle loads fine.
const require = createRequire(import.meta.url);
interface AcEvent { phase: number; event: number; message: string }
interface AcModule {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new () => { targetVersion: unknown; eventCount: number; getEventAt(i: number): AcEvent };
  Versions: Record<string, unknown>;
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AcModule;

/** Teams' limit on a card payload, sized for the strictest clients (about 28 KB). */
export const MAX_CARD_BYTES = 28 * 1024;

/**
 * Parses a card with the Adaptive Cards SDK targeting schema 1.5 and returns every warning or error it
 * reports (unknown element types, invalid enum values, features newer than 1.5), plus our own checks:
 * version ≤ 1.5, size, Action.Execute verbs, ChoiceSet dropdowns of at most 15 options unless filtered.
 */
export function validateCard(card: unknown): string[] {
  const problems: string[] = [];
  const ctx = new AC.SerializationContext();
  ctx.targetVersion = AC.Versions.v1_5;
  new AC.AdaptiveCard().parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);

  const c = card as { type?: unknown; version?: unknown };
  if (c.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (typeof c.version !== 'string' || Number(c.version) > 1.5) problems.push(`version ${String(c.version)} is above 1.5`);
  const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (size > MAX_CARD_BYTES) problems.push(`card is ${size} bytes, over ${MAX_CARD_BYTES}`);

  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && (typeof n.verb !== 'string' || n.verb.length === 0)) problems.push('an Action.Execute without a verb never reaches the bot');
    if (n.type === 'Action.Submit') problems.push('Action.Submit is not used here: use Action.Execute');
    if (n.type === 'Input.ChoiceSet' && n.style !== 'filtered' && n.style !== 'expanded' && Array.isArray(n.choices) && n.choices.length > 15) {
      problems.push(`ChoiceSet ${String(n.id)} has ${n.choices.length} options; Teams shows 15 in a dropdown (use style "filtered")`);
    }
    Object.values(n).forEach(walk);
  };
  walk(card);
  return problems;
}
