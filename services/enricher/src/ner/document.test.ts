import { describe, expect, it } from 'vitest';
import { propagate } from './document.js';

const never = () => false;

describe('propagate (one sense per discourse)', () => {
  it('tags the repeats of a name the tagger found once in the article', () => {
    const bares = [
      ['قال', 'ايهود', 'اولمرت', 'ان'],
      ['ورد', 'اولمرت', 'علي', 'ايهود', 'اولمرت'],
    ];
    const tags = [
      ['O', 'B-PERS', 'I-PERS', 'O'],
      ['O', 'O', 'O', 'O', 'O'],
    ];
    expect(propagate(bares, tags, never)[1]).toEqual(['O', 'O', 'O', 'B-PERS', 'I-PERS']);
  });

  it('gives a single-word name the type most of its mentions have', () => {
    const bares = [['اسيك'], ['اسيك'], ['اسيك'], ['اسيك']];
    const tags = [['B-ORG'], ['B-ORG'], ['B-PERS'], ['O']];
    expect(propagate(bares, tags, never).map((t) => t[0])).toEqual(['B-ORG', 'B-ORG', 'B-PERS', 'B-ORG']);
  });

  it('never carries a common word, and never rewrites what the tagger tagged', () => {
    const bares = [
      ['امس', 'صين'],
      ['امس', 'صين', 'شعبيه'],
    ];
    const tags = [
      ['B-LOC', 'B-LOC'],
      ['O', 'B-ORG', 'I-ORG'],
    ];
    const common = (bare: string) => bare === 'امس';
    expect(propagate(bares, tags, common)[1]).toEqual(['O', 'B-ORG', 'I-ORG']);
  });

  it('does not cut into a longer name that follows', () => {
    const bares = [['صين'], ['صين', 'تايبيه']];
    const tags = [['B-LOC'], ['O', 'I-LOC']];
    expect(propagate(bares, tags, never)[1]).toEqual(['O', 'I-LOC']);
  });
});
