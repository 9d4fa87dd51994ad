/** Every object in a card (elements, actions, inputs, inline runs), depth first: for finding what a test asserts on. */
export type CardNode = Record<string, unknown>;

export function cardNodes(card: unknown): CardNode[] {
  const out: CardNode[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object') {
      out.push(n as CardNode);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
