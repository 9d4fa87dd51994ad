import { describe, expect, it } from 'vitest';
import { contentWords, foldText, isStopWord, stem, wordInfo, words } from './swedish-text.js';

describe('Swedish text for similarity', () => {
  it('folds case, å/ä/ö and other diacritics to base letters', () => {
    expect(foldText('ÅÄÖ åäö Émile Müller Ærø')).toBe('aao aao emile muller aero');
  });

  it('splits into words of letters and digits, dropping one-letter words and bare numbers', () => {
    expect(words('E-hälsa 2027: AI-stöd, i 3 kommuner (v2)!')).toEqual(['hälsa', 'ai', 'stöd', 'kommuner', 'v2']);
  });

  it('stop words are recognised with or without diacritics and in any case', () => {
    expect(isStopWord('FÖR')).toBe(true);
    expect(isStopWord('for')).toBe(true);
    expect(isStopWord('behöver')).toBe(true);
    expect(isStopWord('välfärd')).toBe(false);
    expect(contentWords('Vi behöver kunskap om välfärden och dess finansiering')).toEqual(['kunskap', 'välfärden', 'finansiering']);
  });

  it('inflected forms share a stem, whether typed with å/ä/ö or without', () => {
    expect(stem('kommunerna')).toBe(stem('kommuner'));
    expect(stem('välfärden')).toBe(stem('valfarden'));
    expect(stem('organisationer')).toBe(stem('organisationen'));
  });

  it('an accent Swedish does not use does not change the stem', () => {
    expect(wordInfo('kvalitén').stem).toBe(wordInfo('kvaliten').stem);
  });
});
