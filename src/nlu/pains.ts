/**
 * Finds the pains a customer voices: sentences that state a problem or its
 * cost, tagged with the level they most likely belong to (industry, role or
 * scenario) by the words around the problem.
 */

import type { ExtractedPain, PainLevel } from '../domain/deal.js';
import { isQuestion, sentenceSpans } from './clauses.js';
import type { NormalisedText } from './normalise.js';

const PROBLEM =
  /问题|麻烦|头疼|头痛|困扰|痛点|难受|吃力|成本高|成本太高|太贵|太慢|很慢|太低|很低|太高|很高|低下|不够|跟不上|经常|老是|总是|停机|宕机|故障|损失|浪费|投诉|返工|延误|拖延|扯皮|看不到|不透明|没办法|靠人工|人工|加班|压力|\b(?:problem|problems|issue|issues|pain|struggle|struggles|struggling|headache|costly|expensive|too slow|slow|downtime|outage|outages|losing|lose|lost|waste|wasting|delay|delays|complain|complaints|manual|overtime|pressure|can't see|no visibility|behind)\b/;

// Cues that place a pain at a level. Role cues name a person or their targets; industry cues the market as a whole.
const LEVEL_CUES: ReadonlyArray<{ level: PainLevel; pattern: RegExp }> = [
  { level: 'industry', pattern: /行业|同行|整个市场|市场上|政策|监管|大家都|这个领域|制造业|\b(?:industry|sector|market|regulation|regulators|everyone in)\b/ },
  { level: 'role', pattern: /考核|kpi|老板|领导|我这个岗位|我们部门|我的团队|我手下|我负责|我得|作为.{0,6}(?:经理|总监|主管)|\b(?:my team|my boss|my kpi|my job|i'm responsible|i am responsible|as a manager|as the manager|my department|my targets?)\b/ },
  { level: 'scenario', pattern: /产线|车间|现场|每次|一到|高峰|夜班|停机|仓库|门店|出差|\b(?:every time|whenever|on the line|on the floor|during|at peak|night shift|warehouse|store)\b/ },
];

/**
 * Returns the pains of one customer turn, one per sentence that states a
 * problem. A question is skipped, because asking about a problem is not
 * stating one. A sentence without a level cue is tagged `scenario`, the
 * level closest to what one call can show.
 */
export function extractPains(turnIndex: number, normalised: NormalisedText): ExtractedPain[] {
  const text = normalised.text;
  const pains: ExtractedPain[] = [];

  for (const sentence of sentenceSpans(text)) {
    const body = text.slice(sentence.start, sentence.end);
    if (!PROBLEM.test(body) || isQuestion(text, sentence)) continue;

    const level = LEVEL_CUES.find((cue) => cue.pattern.test(body))?.level ?? 'scenario';
    const span = normalised.toOriginal(sentence.start, sentence.end);
    pains.push({ level, turnIndex, span, text: normalised.original.slice(span.start, span.end).trim() });
  }
  return pains;
}
