import { describe, expect, it } from 'vitest';

import { negationBefore } from '../src/pitfalls/scope.js';

// The index of the word a negator may govern, in the text.
function at(text: string, word: string): number {
  return text.indexOf(word);
}

describe('negationBefore', () => {
  it('finds a negator in the clause', () => {
    const text = '我们不保证交期';
    expect(negationBefore(text, at(text, '保证'))).toBe('不');
  });

  it('skips the 不 of an A-not-A question', () => {
    const text = '你们能不能保证交期';
    expect(negationBefore(text, at(text, '保证'))).toBeNull();
  });

  it('keeps a plain 不 after an A-not-A question', () => {
    const text = '是不是不保证交期';
    expect(negationBefore(text, at(text, '保证'))).toBe('不');
  });

  it('stops at a space between Chinese characters', () => {
    const text = '你别这样 我们保证交期';
    expect(negationBefore(text, at(text, '保证'))).toBeNull();
  });

  it('reads across spaces in English', () => {
    const text = "we don't guarantee delivery";
    expect(negationBefore(text, at(text, 'guarantee'))).toBe("don't");
  });
});
