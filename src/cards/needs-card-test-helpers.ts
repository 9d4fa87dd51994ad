/** Small walkers over card JSON for the needs card tests (not used by production code). */
import { cardNodes, type CardNode } from '../../tests/helpers/card-nodes.js';

export type { CardNode };
export const all = cardNodes;
export const byId = (card: unknown, id: string): CardNode | undefined => all(card).find((n) => n.id === id);
export const executes = (card: unknown): CardNode[] => all(card).filter((n) => n.type === 'Action.Execute');
/** TextBlock texts (markdown) and TextRun texts (literal). */
export const texts = (card: unknown): string[] => all(card).flatMap((n) => (n.type === 'TextBlock' || n.type === 'TextRun' ? [String(n.text)] : []));
export const textRuns = (card: unknown): string[] => all(card).flatMap((n) => (n.type === 'TextRun' ? [String(n.text)] : []));
export const textBlocks = (card: unknown): string[] => all(card).flatMap((n) => (n.type === 'TextBlock' ? [String(n.text)] : []));
export const factValues = (card: unknown): string[] => all(card).flatMap((n) => (n.type === 'FactSet' ? (n.facts as Array<{ value: string }>).map((f) => f.value) : []));
export const size = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
