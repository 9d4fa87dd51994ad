/**
 * Teams takes card payloads of about 28 KB on its strictest clients (the same figure as the test validator's).
 * The needs cards shorten long texts to stay below it, with room to spare for what Teams wraps around a card.
 */
export const MAX_CARD_BYTES = 27 * 1024;
