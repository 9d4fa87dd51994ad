import { describe, expect, it } from 'vitest';
import { adaptiveCard, execute, plain, textBlock, userText } from './adaptive-card.js';
import { validateCard } from '../../tests/helpers/card-validator.js';

describe('card builders', () => {
  it('plain() escapes markdown so a typed **bold** or [link](x) is shown literally', () => {
    expect(plain('**fet** [länk](http://x) <b>')).toBe('\\*\\*fet\\*\\* \\[länk\\]\\(http://x\\) \\<b\\>');
    expect(plain('- punkt\n1. lista')).toBe('\\- punkt\n1\\. lista');
  });
  it('plain() and userText() drop control characters', () => {
    expect(plain('a\u0007b')).toBe('ab');
    expect(JSON.stringify(userText('a\u0000b'))).not.toContain('\\u0000');
  });
  it('execute() carries its verb in the data too, so a redelivered invoke can be routed', () => {
    expect(execute('Ja', 'rsvp', { id: 1 }).data).toEqual({ id: 1, verb: 'rsvp' });
  });
  it('a card built from the helpers validates at 1.5 without warnings', () => {
    expect(validateCard(adaptiveCard([textBlock('Hej'), userText('x')], [execute('OK', 'ok')]))).toEqual([]);
  });
  it('the validator reports an unknown element and a verb-less Action.Execute', () => {
    const bad = { ...adaptiveCard([{ type: 'Bogus' }]), actions: [{ type: 'Action.Execute', title: 'x' }] };
    const problems = validateCard(bad);
    expect(problems.some((p) => p.includes('Bogus'))).toBe(true);
    expect(problems.some((p) => p.includes('without a verb'))).toBe(true);
  });
});
