/**
 * Context rules shared by the phrase detectors: negation and hedging before
 * a trigger, conditions and sources in its sentence, approval mentions in
 * its turn, and who the subject of its clause is. Each check returns the
 * phrase it found, or null, so detectors can cite it.
 */

import { clauseAround, isQuestion, sentenceAround } from '../nlu/clauses.js';

// Negators, with lookaheads for words that start like a negator but are not
// one: 不管 (no matter), 不错 (good), 不过 (but), 没问题 (no problem),
// "don't worry", "not only".
const NEGATION = new RegExp(
  [
    // 用不了两年 (within two years) bounds a time, it does not negate what follows.
    '不(?!管|论|断|错|少|久|仅|只|过|同|光|但|然|如|用担心|要担心|必担心|用怕|怕|好意思|止|得不|一定要|[了到](?=[几多半\\d一二两三四五六七八九十]))',
    '没(?!问题|得说|事)',
    '无法|未必|难以|谈不上|并非|绝非|拒绝|别(?!担心|怕|急|家|人|的)',
    "\\b(?:not(?! only| just)|never(?! mind)|no(?! problem| doubt| matter| worries| one (?:beats|comes close|can))|cannot|can't|won't|don't(?! worry)|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|nobody(?! comes close| beats| can)|nothing|neither|nor|hardly|unable|refuse)\\b",
  ].join('|'),
  'g',
);

const HEDGE =
  /尽量|争取|尽可能|可能|也许|大概|估计|应该|一般(?:来说|情况下)|通常|原则上|理论上|基本上|大部分|多数情况|我觉得|我想|\b(?:try(?:ing)? to|hopefully|probably|maybe|might|perhaps|usually|typically|generally|normally|in most cases|aim to|expect to|should|i think|i believe)\b/g;

const CONDITION = new RegExp(
  [
    '如果|假如|要是|只要|前提是|在[^,，。]{0,12}(?:前提|条件|情况)下|按(?:照)?(?:合同|协议|sla|约定)',
    '合同(?:里|中|上)?(?:约定|规定|写明|写了|明确|条款)|根据(?:合同|协议|sla)|以合同为准|符合[^,，。]{0,8}条件|满足[^,，。]{0,10}(?:条件|要求)',
    '\\b(?:if|unless|as long as|provided(?: that)?|subject to|contractually|on condition)\\b',
    '\\b(?:per|under|in|according to) (?:the |our |your |a )?(?:contract|agreement|sla|service agreement|terms)\\b',
    '\\bas (?:stated|written|specified|agreed) in\\b|\\bin writing\\b|\\bsection \\d+',
  ].join('|'),
  'g',
);

const APPROVAL = new RegExp(
  [
    '(?:经理|领导|总监|老板|公司|总部|上面|财务|他|她)(?:已经)?(?:批准|批了|同意了|审批通过|特批|签字|授权)|审批(?:单|邮件)|批准了',
    '申请(?:下来|到了|好了|通过)|已经(?:报批|审批|批下来)|(?:公司|集团)(?:的)?(?:政策|规定|统一)|(?:优惠|活动|团购|团租|促销)?政策',
    '(?:按|按照|根据)(?:公司|官方|我们的)?(?:政策|规定|标准|价目表|价格表|报价单|官方价|活动|促销)',
    '价目表|价格表|官网(?:价|价格|活动|公示)|标准(?:方案|价|价格|政策|折扣|报价|流程)|统一(?:价格|政策|折扣|销售价)|活动价|促销(?:政策|活动)|(?:赠送|优惠|促销)的?活动|公开(?:价|报价)|协议里(?:有)?写',
    '\\b(?:price (?:list|sheet)|list price|approved|authori[sz]ed|signed off|published|company policy|volume tier|promotion|official)\\b',
    '合同(?:里|中|上)(?:有|写|约定|规定)|条款(?:第|里|中)|写(?:在|进)[^,，。]{0,6}(?:合同|条款)|\\b(?:written into|written in|stated in|per) the (?:\\w+ )?(?:contract|terms)\\b|\\b(?:got|have|has) (?:the )?(?:sign-?off|approval)\\b|\\bstandard (?:pricing|discount|terms|offer|option|rate|tier|lease|package|for)\\b|\\bour standard\\b',
  ].join('|'),
);

const APPROVAL_PENDING = new RegExp(
  [
    '我(?:去|来|帮您|帮你|这边)?(?:申请|请示|问问|问一下|报批)|(?:需要|得|要)(?:经理|领导|公司|上面|总部)?(?:审批|批准|请示)',
    '(?:跟|向|和)(?:经理|领导|公司|老板|总监)(?:申请|请示|汇报|确认|商量)',
    "\\blet me (?:check|ask|talk|speak|see)\\b|\\b(?:i'll|i will|i need to|i have to|i'd have to|i'd need to) (?:ask|check with|run (?:it|this) by|get (?:it |this )?approved|get approval|talk to)\\b",
    '\\b(?:needs?|pending|subject to) (?:approval|sign-?off)\\b',
  ].join('|'),
);

const SOURCE = new RegExp(
  [
    '根据[^,，。]{0,20}(?:报告|数据|统计|排名|榜单|测评|调研|白皮书|评测|认证)|(?:报告|数据|统计|测评|调研)(?:显示|表明)',
    'idc|gartner|forrester|赛迪|艾瑞|信通院|工信部|第三方(?:机构|测评|认证|数据|报告)|质控中心|检测中心|研究院|协会',
    '(?:评估|测评|评测|报告|调研|统计|白皮书|榜单|参评)(?:里|中|显示|表明|结果)',
    '\\b(?:according to|report|survey|study|ranking|benchmark|audit|magic quadrant|klas|published|public(?:ly)? (?:data|benchmark))\\b',
    '\\bspec(?:ification)?s? (?:sheet|lists?|shows?)\\b',
  ].join('|'),
);

// 跟您说 means "tell you", so only 您说 without 跟/和/给/对/向 before it quotes the customer.
const ECHO = /(?<![跟和给对向])(?:您|你)(?:刚才|刚刚)?(?:说|提到|讲)(?!实话|一下|个|明)(?:的)?|\b(?:you (?:said|mentioned|say)|as you (?:said|put it))\b/;

const PRONOUN = /我们|咱们|我|咱|您|你们|你|\b(?:i|i'll|i'm|i've|i'd|we|we'll|we're|we've|we'd|us|you|you'll|you're|you've|you'd)\b/;
const SECOND_PERSON = /^(?:您|你们|你|you|you'll|you're|you've|you'd)$/;

const NEGATION_WINDOW = 32;

// Returns the last match that ends by `to` and that `accept`, when given, takes.
// `accept` receives the text and `to` as arguments, so callers pass a module-level function rather than a new closure per call.
function lastMatchIn(
  pattern: RegExp,
  text: string,
  from: number,
  to: number,
  accept?: (text: string, index: number, to: number) => boolean,
): string | null {
  let found: string | null = null;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match !== null && match.index < to; match = pattern.exec(text)) {
    if (match.index + match[0].length <= to && (accept === undefined || accept(text, match.index, to))) {
      found = match[0];
    }
    if (match[0].length === 0) {
      pattern.lastIndex++;
    }
  }
  return found;
}

// Unpunctuated transcripts separate clauses with a space between Chinese characters.
const SPOKEN_CLAUSE_BREAK = /[\u4e00-\u9fa5] +[\u4e00-\u9fa5]/;

// The 不 of an A-not-A question (能不能, 是不是, 续不续) forms a question, not a negation.
function isQuestionNot(text: string, index: number): boolean {
  return text.charAt(index) === '不' && index > 0 && text.charAt(index - 1) === text.charAt(index + 1);
}

// True when the negator at `index` governs the words up to `at`.
function governs(text: string, index: number, at: number): boolean {
  return !isQuestionNot(text, index) && !SPOKEN_CLAUSE_BREAK.test(text.slice(index, at));
}

/**
 * Returns the negator closest before `at` in the same clause (within 32
 * characters), or null. The 不 of an A-not-A question is no negator, and a
 * space between Chinese characters ends a clause as unpunctuated speech
 * recognition output writes it.
 */
export function negationBefore(text: string, at: number): string | null {
  const clause = clauseAround(text, at);
  return lastMatchIn(NEGATION, text, Math.max(clause.start, at - NEGATION_WINDOW), at, governs);
}

/** Returns a hedge (尽量, 可能, probably, try to) before `at` in the same clause, or null. */
export function hedgeBefore(text: string, at: number): string | null {
  const clause = clauseAround(text, at);
  return lastMatchIn(HEDGE, text, clause.start, at);
}

// "If you give it to us" (要是交给我们) only restates the sale, so it does not limit a guarantee.
const PURCHASE_CONDITION =
  /^[^,，。]{0,4}(?:交给我们|选(?:择)?我们|用我们|跟我们合作|签(?:约|了|合同)?|买|\b(?:you sign|you choose us|you go with us|you pick us|you buy)\b)/;

/**
 * Returns a condition or contract reference (如果, 按合同, subject to) in the
 * sentence around `at`, or null. A condition that only restates the purchase
 * (要是交给我们, "if you sign") is not one.
 */
export function conditionInSentence(text: string, at: number): string | null {
  const sentence = sentenceAround(text, at);
  CONDITION.lastIndex = sentence.start;
  let found: string | null = null;
  for (let match = CONDITION.exec(text); match !== null && match.index < sentence.end; match = CONDITION.exec(text)) {
    if (!PURCHASE_CONDITION.test(text.slice(match.index + match[0].length, sentence.end))) {
      found = match[0];
    }
  }
  return found;
}

/** Returns a cited approval or published price (经理批准, 价目表, price list) in the text, or null. */
export function approvalMention(text: string): string | null {
  return APPROVAL.exec(text)?.[0] ?? null;
}

/** Returns a request for approval still to be made (我去申请, let me check with my manager), or null. */
export function pendingApproval(text: string): string | null {
  return APPROVAL_PENDING.exec(text)?.[0] ?? null;
}

/** Returns a cited source (根据IDC报告, according to Gartner) in the sentence around `at`, or null. */
export function sourceInSentence(text: string, at: number): string | null {
  const sentence = sentenceAround(text, at);
  return SOURCE.exec(text.slice(sentence.start, sentence.end))?.[0] ?? null;
}

/** True when the speaker is repeating the customer's words (您刚才说, you mentioned) before `at` in its sentence. */
export function echoesCustomer(text: string, at: number): boolean {
  const sentence = sentenceAround(text, at);
  return ECHO.test(text.slice(sentence.start, at));
}

/** True when a negator governs the match: before it in its clause, with no spoken clause break in between. */
export function negatedInSpokenClause(text: string, at: number): boolean {
  return negationBefore(text, at) !== null;
}

/**
 * True when the speaker repeats the customer's words before `at`. The Cantonese
 * 同你讲 means "let me tell you", so it is read like 跟你讲. Both are one character
 * long, so the replacement keeps offsets.
 */
export function echoesCustomerSpeech(text: string, at: number): boolean {
  return echoesCustomer(text.replace(/同(你|您)讲/g, '跟$1讲'), at);
}

/** True when the first personal pronoun of the clause around `at`, before it, addresses the listener (您, you). */
export function addressesListener(text: string, at: number): boolean {
  const clause = clauseAround(text, at);
  const subject = PRONOUN.exec(text.slice(clause.start, at));
  return subject !== null && SECOND_PERSON.test(subject[0]);
}

/** True when the clause around `at` is a question. */
export function inQuestion(text: string, at: number): boolean {
  return isQuestion(text, clauseAround(text, at));
}

/** Returns the first match of a glossary pattern in the sentence around `at`, or null when none or no pattern. */
export function findInSentence(pattern: RegExp | null, text: string, at: number): string | null {
  if (pattern === null) {
    return null;
  }
  const sentence = sentenceAround(text, at);
  pattern.lastIndex = sentence.start;
  const match = pattern.exec(text);
  return match !== null && match.index < sentence.end ? match[0] : null;
}

/** Returns the first match of a glossary pattern anywhere in the text, or null when none or no pattern. */
export function findInTurn(pattern: RegExp | null, text: string): string | null {
  if (pattern === null) {
    return null;
  }
  pattern.lastIndex = 0;
  return pattern.exec(text)?.[0] ?? null;
}
