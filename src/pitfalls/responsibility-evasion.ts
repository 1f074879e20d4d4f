/**
 * Detects `responsibility_evasion`: the rep pushes a problem onto another
 * party (another team, the manufacturer, the customer) and offers no path to
 * a fix (这不归我们管, 那是厂家的问题, "not my department"). When the same
 * turn routes the issue onward (我帮您联系物流的王经理, "I've opened a ticket
 * with Dana"), it is not evasion.
 */

import type { Finding } from '../domain/pitfalls.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { inQuestion, negationBefore } from './scope.js';

const OTHER_PARTY =
  '(?:厂家|厂商|原厂|物流|快递|供应商|总部|技术部|研发|财务|售后|第三方|运营商|他们|别的部门|其他部门|你们自己|您自己|你们那边|您那边|客户自己)';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'not-our-job',
    pattern:
      /(?:不归|不属于)(?:我们|我|咱们|销售|我们部门)(?:管|负责)?|不是(?:我们|我|咱们|销售)[^,，。]{0,8}?(?:的|这边的?)?(?:问题|原因|责任|负责的|管的|能管的|的事|事|范围|错)|不能怪(?:我们)?|(?:我们|我)(?:这边)?(?:也)?(?:没办法|没法处理|没法管)|(?:我|我们)(?:这边)?也不(?:太)?(?:清楚|知道)|已经离职|不是我能(?:决定|管|做主)的?|不是我们(?:做|装|卖|负责|生产)的|(?:我们|我)只(?:提供|负责|卖)|(?:跟|和|与)(?:我们|我|咱们)[^,，。]{0,4}(?:没|没有|无)(?:关系|关)|不关(?:我们|我|咱们)(?:的)?事|(?:我们|我)(?:这边|那边)?(?:也)?(?:管不了|管不着|负责不了|控制不了|左右不了|决定不了)|(?:我|我们)(?:只|就)负责[^,，。]{0,8}(?:这块|这部分|业务|销售)|不在我们(?:的)?[^,，。]{0,8}范围|爱莫能助|无能为力/g,
    confidence: 0.8,
  },
  {
    rule: 'blames-other-party',
    pattern: new RegExp(
      `(?:是|属于|那是|这是|都是)[^,，。]{0,6}${OTHER_PARTY}(?:那边)?(?:的)?(?:问题|责任|事|锅)|(?:你们|您)自己[^,，。]{0,10}的问题|属于(?:使用|操作)不当|归(?!我们|我)[^,，。]{1,8}管|(?:您|你)[^,，。]{0,4}自己(?:去)?(?:找|联系|问|打给|核对|处理|解决|查)|(?:您|你)[^,，。]{0,6}(?:问一下|问问|咨询一下|找一下)(?:你们|您们)的?|(?:是|都是)[^,，。]{1,12}(?:导致|造成|引起)的|(?:是|也是|都是)(?:您们|你们)(?:自己)?负责的?|(?<!帮)(?:您|你)(?:得|要|需要|可以)?(?:直接)?(?:去)?找(?!我)[^,，。]{1,8}(?:索赔|处理|投诉|问|说)?|(?:这个?|那|都)是(?!我们|我|咱们)[^,，。]{1,8}的问题|找(?:厂家|物流|他们|总部)去`,
      'g',
    ),
    confidence: 0.75,
  },
  {
    rule: 'not-our-job',
    pattern:
      /\bnot (?:really )?(?:my|our) (?:department|problem|responsibility|area|call|fault|job|issue|thing)\b|\bnot (?:really )?on (?:me|us)\b|\bout of (?:my|our) hands\b|\b(?:nothing|not much) (?:i|we) can do\b|\babove my pay grade\b|\b(?:sales|we|i) (?:doesn't|don't|do not|does not|can't|cannot) (?:touch|handle|deal with|cover) (?:that|this|firmware|those|it)\b/g,
    confidence: 0.8,
  },
  {
    rule: 'blames-other-party',
    pattern:
      /\b(?:that's|it's|that is|it is) (?:more |really |all )?(?:their|the manufacturer's|the vendor's|the carrier's|your|the factory's|the other team's) (?:issue|problem|fault|responsibility|thing|call)\b|\bmore their (?:issue|problem|fault) than ours\b|\b(?:you'll|you will|you'd|you) (?:have|need) to (?:call|contact|talk to|take it up with|ask) (?:them|the manufacturer|the vendor|the carrier|the factory) (?:yourself|directly)\b|\bthe \w+ team handles (?:all )?(?:that|this|it)\b|\b(?:that's|that one's|it's) (?:really )?(?:on|up to) (?:them|the \w+)\b|\b(?:fault|problem|issue|responsibility|side|doing),? not (?:ours|mine)\b|\bnot (?:really )?(?:our|my) (?:\w+'s )?fault\b|\b(?:supplier|vendor|partner|carrier|manufacturer) (?:messed up|screwed up|dropped the ball)\b|\btake (?:it|that) up with (?:them|the \w+)\b|\bon (?:the|your) \w+,? not (?:on )?(?:us|me|the \w+)\b|\bbetween you and (?:them|the \w+)\b|\bnothing to do with (?:us|me)\b|\boutside (?:of )?(?:what we can control|our control|our (?:scope|responsibility|system))\b/g,
    confidence: 0.75,
  },
  {
    rule: 'passes-to-third-party',
    pattern:
      /\b(?:that's|it's|that is) (?:between you and|up to) (?:the|your) \w+\b|\b(?:you'd|you'll|you will|you would) (?:have|need) to (?:ask|check with|contact|call|email|talk to) (?:the|your|their) \w+\b|\b(?:we|i) (?:just|only) (?:sell|resell|distribute|supply|install) (?:it|them|the \w+)\b|\b(?:blame|fault of) (?:the|their|your) \w+\b|\b(?:it|that) (?:wasn't|isn't) (?:us|our doing|on our end)\b|\bnot (?:our|my) (?:concern|headache|area)\b|(?:那|这)(?:是|属于)(?:厂家|物流|快递|供应商|原厂|总部|银行|第三方|合作方|外包)(?:那边)?的?(?:事|问题|责任)|(?:我们)?(?:只是|只管|就是)(?:代理|经销|卖货|销售|负责卖|卖设备)的?|(?:您|你)(?:去)?(?:问|找)(?:厂家|物流|快递|原厂|银行|第三方|他们)(?:吧|去吧)|(?:不是|并非)(?:我们|我们公司)(?:自己)?的(?:员工|人)|(?:我们)?(?:去)?问(?:了)?也(?:不一定|没)(?:有)?(?:结果|用)|(?:我这边|我)(?:也)?定不了|[,，]\s*(?:就|只能)?看(?:船公司|厂家|物流|快递|银行|海关|他们|对方|上面)(?:的)?(?:意思|安排)?\s*[。.!]?\s*$|(?:您|你)(?:可能|只能|还是)(?:得|要)?(?:自己)?(?:去)?找[^,，。]{1,8}(?:索赔|处理|投诉|问)/g,
    confidence: 0.75,
  },
];

// A concrete path to a fix in the same turn: the rep acts, or names who will.
const FOLLOW_UP = new RegExp(
  [
    '我(?:来|去|会|马上|立刻|这边|现在)[^,，。]{0,6}(?:联系|协调|跟进|对接|处理|转给|转交|反馈|催|申请|安排|确认|沟通|解决)',
    '帮(?:您|你)(?:联系|协调|跟进|对接|处理|转|反馈|催|问|查)|负责人|对接人|联系人|工单',
    "\\b(?:i'll|i will|let me|i've|i have|we'll|we will|i'm going to)\\s+(?:\\w+\\s+){0,3}(?:connect|loop in|escalate|follow up|open(?:ed)?|raise|chase|handle|find out|check with|put you in touch|introduce|get (?:\\w+ ){0,2}to (?:call|contact|email))",
    "\\b(?:opened|raised|logged) a (?:ticket|case)\\b|\\b(?:she|he|they)'ll (?:call|contact|email) you\\b",
  ].join('|'),
);

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  if (inQuestion(text, match.start)) {
    return null;
  }
  if (match.trigger.rule === 'blames-other-party' && negationBefore(text, match.start) !== null) {
    return null;
  }
  if (FOLLOW_UP.test(text)) {
    return null;
  }
  return { confidence: match.trigger.confidence, evidence: [triggerEvidence(turn, match)] };
}

/** Finds rep turns that push a problem onto another party without a path to a fix. */
export function detectResponsibilityEvasion(context: DetectionContext): Finding[] {
  return detectPhrasePitfall(context, 'responsibility_evasion', TRIGGERS, judge);
}
