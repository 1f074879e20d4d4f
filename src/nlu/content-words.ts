/**
 * Extracts the content words of a normalised text: jieba words and English
 * words minus function words, plus numbers. Objection handling compares the
 * content words of an objection with the rep's reply to judge whether the
 * reply addresses it.
 */

import { tokenise } from './tokenise.js';

const STOPWORDS = new Set([
  // Mandarin function words and fillers that carry no topic.
  '我们', '你们', '您们', '他们', '她们', '这个', '那个', '这些', '那些', '就是', '然后', '因为', '所以', '但是',
  '可以', '没有', '什么', '怎么', '还是', '已经', '一下', '一个', '现在', '目前', '这样', '那样', '如果', '的话',
  '觉得', '感觉', '其实', '比较', '还有', '而且', '不过', '时候', '这边', '那边', '东西', '问题', '知道', '一些',
  '有点', '真的', '主要', '应该', '可能', '需要', '不是', '是不是', '我们的', '你们的', '您的',
  // English function words.
  'the', 'and', 'but', 'for', 'with', 'that', 'this', 'these', 'those', 'you', 'your', 'yours', 'our', 'ours',
  'are', 'was', 'were', 'have', 'has', 'had', 'just', 'really', 'would', 'could', 'should', 'about', 'what',
  'when', 'which', 'there', 'their', 'they', 'them', 'then', 'than', 'also', 'very', 'much', 'more', 'some',
  'any', 'been', 'being', 'into', 'from', 'over', 'only', 'even', 'still', 'like', 'know', 'think', 'does',
  "doesn't", "don't", "it's", "that's", "we're", "i'm", "we've", "i've", "you're", "they're", 'not', 'all',
  'can', 'will', "can't", "won't", 'get', 'got', 'going', 'gonna', 'well', 'okay', 'yeah', 'right', 'sure',
  'honestly', 'actually', 'maybe', 'something', 'anything', 'thing', 'things', 'one', 'most', 'what\'s',
  'how', 'why', 'who', 'where', 'here', 'now', 'its', 'him', 'her', 'his', 'she', 'too', 'though', 'again',
  'own', 'year', 'years', 'time', 'way', 'lot', 'said', 'say', 'see', 'look', 'good', 'need', 'want', 'make',
]);

/** Returns the distinct content words of normalised text, in order of first appearance. */
export function contentWords(text: string): string[] {
  const words = new Set<string>();
  for (const token of tokenise(text)) {
    if (token.kind === 'symbol' || STOPWORDS.has(token.text)) {
      continue;
    }
    if (token.kind === 'han' && token.text.length < 2) {
      continue;
    }
    if (token.kind === 'latin' && token.text.length < 3) {
      continue;
    }
    words.add(token.text);
  }
  return [...words];
}
