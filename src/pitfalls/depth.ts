/**
 * Follows the exchange after a customer objection and rates how deeply the
 * rep handled it, after the LAER model. The levels are 0 ignored, 1
 * acknowledged, 2 explored (a probing question), 3 responded (numbers, a
 * case, an alternative or evidence) and 4 resolved (after a response the
 * customer accepts or agrees to a step). The exchange ends when a rep turn no
 * longer addresses the objection, when the customer raises another type of
 * objection or repeats this one, or after a few rep turns.
 */

import type { Evidence, HandlingDepth, ObjectionType, PitfallType, Span } from '../domain/pitfalls.js';
import { isQuestion, sentenceSpans } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { TOPIC_WORDS } from './objection-cues.js';
import { originalPhrase } from './phrase-detector.js';

/**
 * Pitfall types whose turn cannot count as exploring or answering an
 * objection, because pressure, disparagement, evasion and bribes are no
 * substance. Such a turn counts at most as an acknowledgement.
 */
export const NON_SUBSTANTIVE_PITFALLS: readonly PitfallType[] = [
  'pressure_tactic',
  'competitor_disparagement',
  'responsibility_evasion',
  'improper_benefit',
];

/**
 * Pitfall types whose turn addresses the objection without substance: an
 * unconditional guarantee or a vague promise counts as an acknowledgement.
 */
export const ASSURANCE_PITFALLS: readonly PitfallType[] = ['over_commitment', 'vague_commitment'];

/** Limit that the pitfalls of a rep turn put on the handling level it can reach. */
export type TurnLimit = 'none' | 'acknowledge-if-cued' | 'acknowledge';

/** A customer turn that repeats an earlier objection ("like I said", 我刚才说了) or points out that the reply missed it (我是问, "you haven't answered"). */
export const REPEAT_MARKER =
  /[我俺](?:刚才?|刚刚|是)说(?![服明到])|[我俺]说了(?!算|不算)|[我俺](?:刚才)?说的是|[我俺](?:问的是|问的问题|是问(?!一下|问|下|过))|还是那个|你还没(?:回答|回复)|(?:你|您)[^,，。]{0,4}答非所问|\b(?:again|did you hear me|as i said|like i said|my question was|you still (?:haven't|didn't|did not|have not) (?:told|answered|said|addressed)|you (?:haven't|didn't|did not|have not) (?:answered|addressed)|not what i asked(?! for)|back to my question)\b/;

const ACKNOWLEDGE =
  /理解|明白(?:您|你)|我懂|确实|(?:您|你)说得(?:对|有道理)|有道理|顾虑(?:很)?正常|可以理解|能理解|抱歉|不好意思|谢谢您(?:告诉|反馈)|感谢您(?:坦诚|提出|反馈)|\b(?:i understand|understood|understand|i hear you|hear you|i hear that|that's fair|fair point|good point|makes sense|i get (?:it|that)|get it|appreciate|sorry|that must have been|fair question|good question|i know|thanks for (?:telling|letting) me|absolutely|that's (?:often|usually) the case|(?:that )?happens a lot|that's (?:very )?common)\b|^(?:明白|了解|懂了|好的[,，]?明白)(?![\u4e00-\u9fa5])|^(?:sure|of course|right)\b|很常见|经常遇到|这(?:个|点|一点)?(?:很|非常|确实|特别)重要|\bthat's (?:really |very |so )?important\b/;
const PROBE =
  /那[^,，。]{0,12}呢|比如|具体|主要(?:是|卡在)|哪(?:方面|部分|些|个|块)|为什么|能(?:不能)?(?:说说|讲讲)|方便(?:说|透露)|是指|意思是|怎么(?:考虑|看|理解)|多少|什么时候|\b(?:what|which|how (?:do|does|did|would|much|many|long)|help me understand|tell me more|can you (?:say|tell|walk)|is (?:it|the problem|that)|why)\b/;
// A question about the customer's own situation (您车间是单层的还是有夹层的？, "does your team work shifts?") probes too,
// unless it closes or pitches (您是刷卡还是转账？, "are you free on Thursday?").
const SITUATION_PROBE =
  /(?:您|你)[^,，。?]{0,8}(?:还是|有没有|是不是)|多久|什么(?:原因|情况)|几(?:个|次|场|年|月|天|台|家|位)|\b(?:how often|(?:do|does|did|are|were|have|has) (?:you|your|they)\b(?! (?:free|available|want|like|interested|ready|seen|heard)\b))/;
const CLOSING_QUESTION = /签|下单|付款|刷卡|转账|兴趣|要几|\b(?:sign|order|buy|purchase)\b/;
// The sentence and the mark after it end as a question, so 有没有 or 是不是 in a statement does not count.
const QUESTION_END = /(?:[?？]|[吗呢][?？。]?)\s*$/;
const SPECIFIC =
  /(?<![a-z])\d|案例|比如|例如|像[^,，。]{1,8}(?:公司|集团|医院|学校|工厂)|可以(?:先|做|用|改|换|分|折)|分期|换成|另一种|方案|或者|试用|试点|poc|数据|报告|认证|资质|iso|等保|修复|解决方案|对比|以旧换新|替代|政策|审批|批了|建议|\b(?:for example|for instance|case study|one of our (?:\w+ )?(?:clients|customers)|customers? like|we have (?:it )?live|instead|alternatively|option|phased|pilot|trial|lease|we could|what i can do|separate module|leave it out|benchmark|survey|certified|reference|proof|published|spec|fix|workaround|side by side|comparison|approv(?:ed|al)|it helps if|what works is|i'd suggest|i recommend)\b|\b(?:for free|free of charge|at no (?:extra )?cost|waive|throw in|keep it at|bring (?:it|that|the \w+) down to|cut (?:it|that|the \w+) to|match (?:their|that|the) price)\b|(?:送|赠|免)(?:您|你)?[^,，。]{0,6}(?:个|份|套|年|月|次)|(?:降|减)到|免了|免费|不收(?:钱|费)|打\d+(?:\.\d+)?折|\d+折/;
const EVIDENCE = /案例|客户|数据|报告|调研|统计|\b(?:clients?|customers?|survey|study|report|data|on average|based on|case)\b/;
// Calendar points (下周二、3点、by friday) schedule a follow-up, so they are not the figures of an answer.
// Durations ("2周就能放款", "ten days") stay, because they answer timing objections.
const CALENDAR_POINT =
  /(?:下|这|本|上)?个?(?:周|星期|礼拜)[一二三四五六日天\d]|今天|明天|后天|今晚|明早|上午|下午|中午|晚上|早上|\d+:\d+|\d{1,2}点(?:半|钟|\d{1,2}分)?(?![\d个])|\d+月(?:\d+(?:号|日))?|\d+(?:号|日)|(?:月底|月初|年底|年初)前|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|next week|this week|end of (?:the )?(?:day|week|month))\b|\b\d{1,2}(?::\d\d)? ?(?:am|pm|o'clock)\b|\bat \d{1,2}(?::\d\d)?(?=$|[,.]| (?:on|tomorrow|today|tonight|next))|\b(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?\b/g;
// "1份报价", "1个会": the normaliser writes 一 as a digit before a measure word, which is no figure.
const LONE_ONE = /(?<![\d.])1(?=个|份|下|次|家|位|种|起|样|场|封|张|遍)/g;
// A clause that only arranges a later step (sending a file, a call, a visit) is no answer by itself.
const FOLLOW_UP =
  /发(?:给)?(?:您|你)|发过去|(?:给|跟)(?:您|你)(?:们)?(?:发|打|回|确认|答复|联系)|约(?:个|一下)?(?:时间|会)|开(?:个|1个|一个|一次|1次)?(?:线上)?会|通(?:个|一下)?电话|打(?:个)?电话|整理|准备(?:一下|好)?|(?:回去|回头)(?:问|查|确认)|拜访|来现场|\b(?:send|sending|email|forward|get back to|follow up|circle back|set up a (?:call|meeting)|schedule|book|arrange|put together|pull together|loop in|drop by|come (?:by|over|out)|call you|give you a call|(?:a|the) (?:call|meeting|session))\b/;
// A trial or test of the product is an alternative, even when it is arranged for a later day.
const TRIAL = /试用|试点|试扫|试制|试产|试运行|试一下|试试|测试|样机|样品|演示|\b(?:pilot|trial|proof of concept|poc|demo|test (?:run|it|on))\b/;
const CLAUSE_MARK = /[,，、;:]/;
// A stated duration ("2小时就能到现场", "within 4 hours") answers the objection even in a follow-up clause.
const DURATION = /\d+ ?(?:个)?(?:小时|分钟|天|周|个?工作日|个?月)|\b\d+ (?:hours?|minutes?|days?|weeks?|business days)\b/;
// A step that the rep's side takes to fix a complaint (我已经安排师傅上门, "I've escalated it to"), as opposed to a policy.
const REMEDY =
  /(?:我|我们|俺)[^,，。]{0,8}(?:安排|派(?:人|了|个|师傅|工程师|技术)|让[^,，。]{1,8}(?:联系|打电话|上门|处理|跟进)|联系|通知|(?:给您?|帮您?)(?:换|补发|退|重新发)|换货|补发|退款|上门|报单|说了)|\b(?:i'?ve|i have|we'?ve|we have|i'?ll|we'?ll|i will|we will|i'?m|we'?re|i am|we are)(?: \w+){0,3} (?:escalated|escalating|raised it with|paged|forwarded|assigned|arranged|booked|overnight|ship|shipping|replace|replacing|refund|refunding|credit)\b/;
// A refusal or a deferral to someone else's timetable is no fix, whatever times it names.
const NO_REMEDY =
  /不能|不行|没办法|无法|办不到|说不好|不退|不换|过了|超过|下班|\b(?:can'?t|cannot|unfortunately|(?:isn'?t|not) possible|not us|no longer|won'?t)\b/;
// The calendar points without the global flag, so that `test` does not depend on an earlier call.
const TIME_POINT = new RegExp(CALENDAR_POINT.source);
// Transcripts without punctuation come as one long clause, and dropping it would drop the answer too.
const MAX_FOLLOW_UP_CLAUSE_CHARS = 60;

/**
 * Returns the part of a sentence that can carry an answer: clauses that only arrange a later
 * step are dropped unless they offer a trial, and calendar points are blanked.
 */
function answerPart(body: string): string {
  const clauses = body
    .split(CLAUSE_MARK)
    .filter((clause) => clause.length > MAX_FOLLOW_UP_CLAUSE_CHARS || TRIAL.test(clause) || DURATION.test(clause) || !FOLLOW_UP.test(clause));
  return clauses.join(',').replace(CALENDAR_POINT, ' ').replace(LONE_ONE, ' ');
}

// A question that proposes something concrete answers the objection rather than probing it.
const PROPOSAL =
  /^\s*(?:can i|could i|can we|could we|shall i|shall we|should we|would you like|how about|what if we|why don't we|let's)\b|要不|不如|(?:您|你)看[^,，。]{0,20}(?:怎么样|行吗|可以吗)|我们(?:可以|先)[^,，。]{0,20}(?:吗|怎么样)/;
const TOPIC_CHANGE =
  /^(?:anyway|so,? the (?:next|other) thing|moving on|另外|接下来|换个话题|对了)|\b(?:the (?:next|other) thing (?:i want to show|we've|is)|moving on|anyway|let me show you the other|show you (?:the )?other features)\b|给您介绍一下(?:我们的)?(?:其他|另外)/;
const STRONG_ACCEPT =
  /可以接受|这样可以|这样挺好|那就这样|那就这么定|没问题了|有道理|那行|那好|那可以|好办|可以试试|可以先[^,，。]{0,10}试|那我们试|确实是(?:个)?痛点|差不多了|(?:你|您)(?:发|转)(?:个|一下)?[^,，。]{0,8}给?我|(?:发|转)我|(?:你|您)把[^,，。]{0,12}(?:发|转)过来|拿去跟|约个时间|\b(?:that works|works for me|that could (?:actually )?work|sounds good|fair enough|makes sense|that's helpful|that helps|that would settle it|settle(?:s|d)? it|i'm comfortable|that's fine|that's good|is fine|fine by me|even better|i'll take (?:it|that)|solves|let's write it up|i didn't (?:check|know) that|good to know|that's a (?:real|good|fair) point|we could try|let's (?:do|plan|try|go|set)|put it in|send me (?:that|the)|i'll take it to|please do)\b/;
// The customer judges the answer good enough: 还不错、能接受、划算, "that's reasonable", "I can live with that".
const ACCEPT_VERDICT =
  /(?<![不没]|哪个|是否|不太|不怎么|不够|谈不上|算不上)(?:挺好|不错|还行|还可以|划算|合理|靠谱|省事|省心|能省|够用|够了|可行|放心了|管用)|(?<![不没能难法])接受(?!不)|(?<![不没])(?:能|可以)接受|(?:^|[,，。])[^,，。?]{1,8}(?<![不没])可以(?=[,，。!]|$)|那(?:应该|也)?(?:没问题|可以|行|差不多)|应该(?:能|可以)(?:解决|接受|用)|说得(?:对|在理)|(?<!怎么|哪)(?:也|就)好(?:解释|交代|说服)(?![吗?？])|\b(?:that's (?:reasonable|fair|helpful|useful|reassuring|encouraging|more like it|a relief|better|more concrete)|(?:i|we) can (?:live|work) with (?:that|it)|that (?:answers|addresses|covers|changes) (?:it|that|my|things|the)|that's covered|not bad|i'm (?:happy|satisfied|convinced|sold)|(?:that|this) (?:could|would|might) work|sounds (?:reasonable|fair|better|great|interesting))\b/;
// The customer decides on the answer: 那就按这个走、还是报你们吧, "let's go with that".
const ACCEPT_DECISION =
  /那(?:我们)?就(?:按|定|用|选|报|买|签|走|这么|先(?:换|做|上|试|装|按|签|买|用))|(?:就|还是)(?:定|选|用|报|买)(?:你们|您们|这个)|定你们的|我们(?:先)?(?:试试|试1下)|\b(?:let's (?:go|do|book|start|move|try)|go ahead|we'll (?:go with|take|try)|count (?:me|us) in|deal)\b/;
// The customer agrees to a step or requests what follows from the answer: 下周二可以、你发吧、报告发我、能来做个测试吗.
const ACCEPT_STEP =
  /(?:周|星期|礼拜|明天|后天|\d+号|\d+点)[^,，。?]{0,6}(?<![不没])(?:可以|行|没问题|有空|见|方便)|^(?:好|行|可以)[^,，。?]{0,2}[,，]?\s*(?:下|这|本)?(?:周|星期|明天|后天)|我(?:来|去)(?:约|安排|申请|问|对接|联系)|我让[^,，。]{1,8}(?:发|导|给|准备|联系|安排)|我(?:拿|转|带)(?:到|给|去)|(?:你|您)(?:们)?(?:就|先)?(?:发|约|报|安排)(?:1下|一下|个|吧)|(?:你|您)(?:们)?(?:先)?(?:把|给我|帮我|重新)[^,，。?]{0,12}(?:报价|合同|方案|报告|资料|材料|样品|样机|测试|试用|清单|链接|协议|模板|价)|(?:报价|合同|方案|报告|资料|材料|清单)[^,，。?]{0,6}(?:我要看|发我|给我)|(?:做|安排|来)(?:个|1个|1次)?(?:现场)?(?:测试|试用|演示|试点)|\b(?:send (?:it|me|us|that|over)|email (?:it|me)|forward (?:it|me)|can (?:you|we) (?:send|put that in|set up|schedule|arrange|book|do a (?:trial|pilot|test))|put (?:that|it) in (?:writing|the (?:contract|quote|agreement))|i'll (?:set (?:it|that) up|book|arrange|loop in|take (?:it|this|that) to)|(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week)[^,.?]{0,12}(?:works|is fine|suits|is good)|(?:works|fine|sure|yes|okay|ok)[,.]? (?:monday|tuesday|wednesday|thursday|friday|saturday|tomorrow|next week))\b/;
// Words where a customer turn moves to a new concern, so that "可以。还有返利的事" still accepts the answer.
const TURN_MOVES_ON = /但|不过|可是|另外|还有|对了|\b(?:but|however|though|also|another|one more|other thing|separately)\b/;
const WEAK_ACCEPT = /^(?:(?:ok|okay|alright|all right|sure|fine|good|great|yes|yeah|oh|got it)\b|好|行|可以|那好|没问题|明白了|哦)|谢谢|\bthanks?\b/;
const STILL_OBJECTING = /但是|不过|还是(?:太|有点|觉得)|不行|不能接受|再考虑|再说吧|\b(?:but|however|still|not sure|i don't know)\b/;

const MAX_REP_TURNS = 5;
const MAX_CUSTOMER_TURNS_AFTER_RESPONSE = 2;
// A response sits at the start of a rep turn; a long pitch later in the turn does not answer.
const SENTENCES_RATED = 4;

/** The exchange after one objection, as the depth rating needs it. */
export interface ExchangeInput {
  turnIndex: number;
  type: ObjectionType;
  /** Content words of the objection and of the customer turns that continue it. */
  topicWords: Set<string>;
}

/** Outcome of following an objection's exchange. */
export interface ExchangeOutcome {
  depth: HandlingDepth;
  /** The first rep turn after the objection, or null when none follows. */
  firstRepTurn: number | null;
  /** Index of the last turn that belongs to the exchange. */
  endTurn: number;
  evidence: Evidence[];
}

/** Callbacks into the objection scan, so depth rating does not depend on how cues are found. */
export interface ExchangeHooks {
  /** Type of the objection cue in a customer turn, or null. */
  cueTypeAt(turnIndex: number): ObjectionType | null;
  /** Content words of a turn. */
  contentWordsAt(turnIndex: number): readonly string[];
  /** Limit that the pitfalls found on a rep turn put on its handling level. */
  limitAt(turnIndex: number): TurnLimit;
  /** Pitfall types that the call's findings put on a turn. */
  pitfallsAt(turnIndex: number): readonly PitfallType[];
}

// Latin words must match whole, so "lab" in the objection does not make "labs" in a pitch relevant.
function containsWord(text: string, word: string): boolean {
  if (!/^[a-z0-9]/.test(word)) {
    return text.includes(word);
  }
  return containsWholeWord(text, word) || containsStem(text, word);
}

function containsWholeWord(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at >= 0) {
    const before = at === 0 ? '' : (text[at - 1] as string);
    const after = text[at + word.length] ?? '';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) {
      return true;
    }
    at = text.indexOf(word, at + 1);
  }
  return false;
}

function findRelevance(text: string, exchange: ExchangeInput): string | null {
  const topic = TOPIC_WORDS[exchange.type].exec(text);
  if (topic !== null) {
    return topic[0];
  }
  for (const word of exchange.topicWords) {
    if (containsWord(text, word)) {
      return word;
    }
  }
  return null;
}

interface RepLevel {
  level: HandlingDepth;
  evidence: Evidence[];
  /** True when the turn explores only by the form of a question, without the objection's words. */
  formOnly?: boolean;
}

/** Tells whether a question sentence of a rep turn has the form of a probing question. */
function hasProbingForm(text: string, sentence: Span): boolean {
  const body = text.slice(sentence.start, sentence.end);
  const ending = text.slice(sentence.start, sentence.end + 1);
  return PROBE.test(body) || (SITUATION_PROBE.test(body) && QUESTION_END.test(ending) && !CLOSING_QUESTION.test(body));
}

function rateSentences(text: string, exchange: ExchangeInput): RepLevel {
  const typeAcceptsEvidence = exchange.type === 'competitor' || exchange.type === 'need' || exchange.type === 'trust';
  let explored: Evidence | null = null;
  let exploredByForm = false;
  let addressed: Evidence | null = null;

  let previousRelevant: string | null = null;
  for (const sentence of sentenceSpans(text, SENTENCES_RATED)) {
    const body = text.slice(sentence.start, sentence.end);
    const ownRelevance = findRelevance(body, exchange);
    // "Ours is quarterly with parts included. Let me put both side by side." answers across two sentences.
    const relevant = ownRelevance ?? previousRelevant;
    previousRelevant = ownRelevance;
    const question = isQuestion(text, sentence);
    const probing = question && !PROPOSAL.test(body);

    if (!probing) {
      // Numbers or options inside a probing question ("is 60 days a hard rule?") do not answer.
      const answer = answerPart(body);
      const specific = SPECIFIC.exec(answer);
      const evidenceBased = specific !== null && /(?<![a-z])\d/.test(answer) && EVIDENCE.test(answer);
      if (specific !== null && (relevant !== null || (evidenceBased && typeAcceptsEvidence))) {
        return { level: 3, evidence: [{ rule: 'responded', detail: specific[0] }] };
      }
    } else if (explored === null && (relevant !== null || hasProbingForm(text, sentence))) {
      explored = { rule: 'explored', detail: relevant ?? 'probing question' };
      exploredByForm = relevant === null;
    }
    if (addressed === null && relevant !== null) {
      addressed = { rule: 'addressed-without-substance', detail: relevant };
    }
  }

  if (explored !== null) {
    return { level: 2, evidence: [explored], formOnly: exploredByForm };
  }
  return addressed === null ? { level: 0, evidence: [] } : { level: 1, evidence: [addressed] };
}

function rateRepTurn(turn: TurnView, exchange: ExchangeInput, limit: TurnLimit): RepLevel {
  const text = turn.text;
  const acknowledged = ACKNOWLEDGE.exec(text);
  const ackEvidence: Evidence[] = acknowledged === null ? [] : [{ rule: 'acknowledged', detail: acknowledged[0] }];
  if (limit === 'acknowledge-if-cued') {
    // Disparaging the competitor the customer named still addresses the objection, without substance.
    if (acknowledged === null && findRelevance(text, exchange) === null) {
      return { level: 0, evidence: [] };
    }
    return { level: 1, evidence: [...ackEvidence, { rule: 'addressed-without-substance' }] };
  }
  if (limit === 'acknowledge') {
    return { level: 1, evidence: [...ackEvidence, { rule: 'assurance-without-substance' }] };
  }

  // A fix that the rep's side commits to with a time rates a trust objection as responded, even a fix arranged for later.
  const remedy = exchange.type === 'trust' && !NO_REMEDY.test(text) ? REMEDY.exec(text) : null;
  if (remedy !== null && (TIME_POINT.test(text) || DURATION.test(text))) {
    return { level: 3, evidence: [...ackEvidence, { rule: 'remedy-with-time', detail: remedy[0] }] };
  }
  const rated = rateSentences(text, exchange);
  // A question that only has the form of a probe ("对了，您有没有看过新配件？") still changes the topic.
  if ((rated.level <= 1 || rated.formOnly === true) && acknowledged === null && TOPIC_CHANGE.test(text)) {
    return { level: 0, evidence: [{ rule: 'topic-changed' }] };
  }
  if (rated.level <= 1 && acknowledged !== null) {
    return { level: 1, evidence: ackEvidence };
  }
  return { level: rated.level, evidence: [...ackEvidence, ...rated.evidence] };
}

function acceptance(turn: TurnView, customerTurnsAfterResponse: number): string | null {
  if (REPEAT_MARKER.test(turn.text)) {
    return null;
  }
  // Only the part before the customer moves on can accept the answer; doubts after "but" do not undo it.
  const movesOn = TURN_MOVES_ON.exec(turn.text);
  const lead = movesOn === null ? turn.text : turn.text.slice(0, movesOn.index);
  for (const pattern of [STRONG_ACCEPT, ACCEPT_VERDICT, ACCEPT_DECISION, ACCEPT_STEP]) {
    const match = pattern.exec(lead);
    if (match !== null) {
      return match[0];
    }
  }
  // A bare "OK" only counts right after the answer, and not when it comes with doubts or a question.
  if (customerTurnsAfterResponse > 0 || turn.text.includes('?') || STILL_OBJECTING.test(turn.text)) {
    return null;
  }
  return WEAK_ACCEPT.exec(turn.text)?.[0] ?? null;
}

function addWords(target: Set<string>, words: readonly string[]): void {
  for (const word of words) {
    target.add(word);
  }
}

// Marks of a turn that bargains rather than accepts: a condition of its own (要是…, "if…"), a request for more (再便宜), a question.
const RESERVED_ACCEPTANCE = /如果|要是|假如|只要|能不能|再(?:便宜|降|少)|[?？]\s*$|\bif\b/;

/** Follows the turns after an objection and returns its handling depth. */
export function followExchange(context: DetectionContext, exchange: ExchangeInput, hooks: ExchangeHooks): ExchangeOutcome {
  let depth: HandlingDepth = 0;
  let firstRepTurn: number | null = null;
  let endTurn = exchange.turnIndex;
  let repTurns = 0;
  let customerTurnsAfterResponse = 0;
  let lastRepLevel: HandlingDepth = 0;
  let bareReply: number | null = null;
  let customerEndMs = (context.turns[exchange.turnIndex] as TurnView).endMs;
  const evidence: Evidence[] = [];

  for (let index = exchange.turnIndex + 1; index < context.turns.length; index++) {
    const turn = context.turns[index] as TurnView;

    if (turn.speaker !== 'rep') {
      customerEndMs = turn.endMs;
      const cueType = hooks.cueTypeAt(index);
      if (cueType !== null && cueType !== exchange.type) {
        // "首年包含的话，那差不多。那价格呢？" accepts the answer before raising the next objection.
        const accepted = depth >= 3 ? acceptance(turn, customerTurnsAfterResponse) : null;
        if (accepted !== null) {
          depth = 4;
          evidence.push({ rule: 'customer-accepted', detail: originalPhrase(turn, 0, turn.text.length) });
        }
        break;
      }
      if (depth < 3 && REPEAT_MARKER.test(turn.text)) {
        break;
      }
      // A customer who presses the same concern after the rep replied raises it again, as a new objection,
      // unless the turn answers the rep's probing question.
      if (cueType === exchange.type && (repTurns > 0 || bareReply !== null) && lastRepLevel !== 2) {
        // A turn like "能写进合同的话，我回去也好交代" accepts the response. It joins the exchange unless it moves on (另外, "the other thing").
        const reserved = STILL_OBJECTING.test(turn.text) || RESERVED_ACCEPTANCE.test(turn.text);
        const accepted = depth >= 3 && !reserved ? acceptance(turn, customerTurnsAfterResponse) : null;
        if (accepted !== null) {
          depth = 4;
          if (!TURN_MOVES_ON.test(turn.text)) {
            endTurn = index;
          }
          evidence.push({ rule: 'customer-accepted', detail: originalPhrase(turn, 0, turn.text.length) });
        }
        break;
      }
      endTurn = index;
      // The customer's answer to a probing question shows what the objection is about.
      if (cueType === exchange.type || lastRepLevel === 2) {
        addWords(exchange.topicWords, hooks.contentWordsAt(index));
      }
      if (cueType === exchange.type) {
        continue;
      }
      if (depth >= 3) {
        const accepted = acceptance(turn, customerTurnsAfterResponse);
        if (accepted !== null) {
          depth = 4;
          evidence.push({ rule: 'customer-accepted', detail: originalPhrase(turn, 0, turn.text.length) });
          break;
        }
        customerTurnsAfterResponse++;
        if (customerTurnsAfterResponse >= MAX_CUSTOMER_TURNS_AFTER_RESPONSE) {
          break;
        }
      }
      continue;
    }

    if (turn.backchannel) {
      // A backchannel that overlaps the customer's turn is listening, not a reply.
      const overlaps = turn.startMs !== undefined && customerEndMs !== undefined && turn.startMs < customerEndMs;
      if (bareReply === null && firstRepTurn === null && !overlaps) {
        bareReply = index;
      }
      continue;
    }
    firstRepTurn ??= index;
    repTurns++;
    if (depth >= 3) {
      endTurn = index;
      continue;
    }
    const rated = rateRepTurn(turn, exchange, hooks.limitAt(index));
    if (rated.level === 0) {
      break;
    }
    endTurn = index;
    lastRepLevel = rated.level;
    if (rated.level > depth) {
      depth = rated.level;
    }
    evidence.push(...rated.evidence.map((item) => ({ ...item, detail: `turn ${index}: ${item.detail ?? item.rule}` })));
    if (repTurns >= MAX_REP_TURNS) {
      break;
    }
  }

  // A bare 嗯，好的 that no rep turn of substance follows is the whole reply: it takes the concern in without substance.
  if (bareReply !== null && firstRepTurn === null) {
    depth = 1;
    endTurn = Math.max(endTurn, bareReply);
    evidence.push({ rule: 'bare-acknowledgement', detail: `turn ${bareReply}` });
  }
  return { depth, firstRepTurn, endTurn, evidence };
}

// A rep turn that opens by going on with the pitch ("而且", "我们这款", "we've also got") talks past the objection.
const CONTINUES_PITCH =
  /^(?:而且|另外|还有|并且|再说|对了|顺便|我们(?:这|的|家|公司|系统|产品|今年|最近|新|还|也))|^(?:(?:and|also|plus|so|by the way|anyway|listen|well|oh),? )?(?:our\b|we (?:also|actually|now|just) (?:have|offer|got|launched)\b|we've (?:also )?got\b|the (?:best|great|cool) (?:part|thing)\b|let me show\b|on top of that\b|another\b)/;
// An address or a one-word opener before a comma ("主任，", "Mike, ", "honestly, ") does not change how the reply opens.
const LEADING_ADDRESS =
  /^(?:[\u4e00-\u9fa5]{0,4}(?:总|经理|主任|老板|姐|哥|先生|女士|小姐|老师|师傅|医生|院长|科长|厂长|社长|书记|局长|处长|部长|阿姨|叔)|您好|你好|是的|好的|(?:hi|hello|mr|ms|mrs)\.? [a-z]+|[a-z]+)[,，]\s*/;
const MAX_OVERLAP_SIGNAL = 3;

/**
 * Returns flags for the depth model that describe a rep reply against the objection before it.
 * The flags mark an acknowledgement, the type's topic words, a change of topic and a pitch that
 * goes on, and give how many of the objection's content words the reply repeats, up to 3.
 */
export function replySignals(reply: string, type: ObjectionType, objectionWords: readonly string[]): string[] {
  const signals: string[] = [];
  if (ACKNOWLEDGE.test(reply)) {
    signals.push('ack');
  }
  const topic = TOPIC_WORDS[type].test(reply);
  if (topic) {
    signals.push('topic');
  }
  const shared = objectionWords.filter((word) => containsWord(reply, word)).length;
  signals.push(`overlap:${Math.min(shared, MAX_OVERLAP_SIGNAL)}`);
  if (TOPIC_CHANGE.test(reply)) {
    signals.push('topic-change');
  }
  // An opening like a pitch that stays on the topic (我们的合同可以改成月付) gets its own flag, apart from one off the topic.
  if (CONTINUES_PITCH.test(reply) || CONTINUES_PITCH.test(reply.replace(LEADING_ADDRESS, ''))) {
    signals.push(topic || shared > 0 ? 'continues-pitch' : 'continues-pitch-off-topic');
  }
  return signals;
}

// Tells whether the text has a word of the same stem ("pump" for "pumps", "delivery" for "deliveries").
function containsStem(text: string, word: string): boolean {
  const stem = stemOf(word);
  // Every word with this stem contains it, less a final y ("deliver" in "deliveries"), so most texts are rejected without tokenising.
  if (!text.includes(stem.endsWith('y') ? stem.slice(0, -1) : stem)) {
    return false;
  }
  return (text.match(/[a-z][a-z'-]*/g) ?? []).some((other) => other.length > 2 && stemOf(other) === stem);
}

// Strips the plural ending of an English word. Other endings stay, because stripping them joins unrelated words (really, real).
function stemOf(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) {
    return word;
  }
  if (word.endsWith('ies')) {
    return `${word.slice(0, -3)}y`;
  }
  if (/(?:s|x|z|ch|sh)es$/.test(word)) {
    return word.slice(0, -2);
  }
  return word.endsWith('s') ? word.slice(0, -1) : word;
}
