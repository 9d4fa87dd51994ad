import { describe, expect, it } from 'vitest';
import { hasInvisibleCharacters, normaliseDeep, normaliseFreeText } from './text.js';

describe('free text normalisation', () => {
  it('removes bidi overrides, isolates and marks, zero-width characters and controls; keeps line breaks', () => {
    expect(normaliseFreeText('a\u202eb\u202cc\u2066d\u2069e\u200ef\u200fg')).toBe('abcdefg');
    expect(normaliseFreeText('x\u200by\u200cz\u200d\u2060\ufeff\u00ad!')).toBe('xyz!');
    expect(normaliseFreeText('rad 1\r\nrad 2\u2028rad 3\u0007\u001b[31m')).toBe('rad 1\nrad 2\nrad 3[31m');
    expect(normaliseFreeText('tab\there')).toBe('tab\there');
  });

  it('composes to NFC, also across removed characters', () => {
    expect(normaliseFreeText('Va\u0308stera\u030as')).toBe('Västerås');
    expect(normaliseFreeText('a\u200b\u0308')).toBe('ä');
  });

  it('says whether text holds what it removes', () => {
    expect(hasInvisibleCharacters('vanlig text, åäö 👩‍👩‍👧')).toBe(true); // the emoji's joiners
    expect(hasInvisibleCharacters('vanlig text, åäö')).toBe(false);
    expect(hasInvisibleCharacters(normaliseFreeText('a\u202eb'))).toBe(false);
  });

  it('normalises every string in card data, keys too, without touching the prototype', () => {
    const data = JSON.parse('{"title":"a\\u202eb","list":["c\\u200bd",1,null],"__proto__":{"polluted":"x\\u200b"},"k\\u200bey":true}') as Record<string, unknown>;
    const out = normaliseDeep(data) as Record<string, unknown>;
    expect(out.title).toBe('ab');
    expect(out.list).toEqual(['cd', 1, null]);
    expect(out.key).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
