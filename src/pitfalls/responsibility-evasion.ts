/**
 * Detects `responsibility_evasion`: the rep pushes a problem onto another
 * party (another team, the manufacturer, the customer) and offers no path to
 * a fix (这不归我们管, 那是厂家的问题, "not my department"). When the same
 * turn routes the issue onward (我帮您联系物流的王经理, "I've opened a ticket
 * with Dana"), it is not evasion.
 */

import type { Finding } from '../domain/pitfalls.js';
import { clauseAround } from '../nlu/clauses.js';
import type { DetectionContext, TurnView } from './context.js';
import { detectPhrasePitfall, triggerEvidence } from './phrase-detector.js';
import type { MatchVerdict, PhraseTrigger, TriggerMatch } from './phrase-detector.js';
import { echoesCustomer, inQuestion, negationBefore } from './scope.js';

const OTHER_PARTY =
  '(?:厂家|厂商|原厂|物流|快递|供应商|总部|技术部|研发|财务|售后|第三方|运营商|他们|别的部门|其他部门|你们自己|您自己|你们那边|您那边|客户自己|船公司|银行|海关|物业|开发商|施工队|保险公司|核赔|客服|热线|学校|上游|合作方|外包|卖家|您那|你那|您的|你的|您家|你们的|你们那个|承运商|承运人|分包|甲方|平台|仓库|风控|贵司|supplier|vendor|manufacturer|carrier|hq|headquarters)';

// Words for a fault or a burden that a speaker can put on someone else.
const FAULT = '(?:问题|责任|事|锅|毛病|problem|issue|fault|headache)';

const TRIGGERS: readonly PhraseTrigger[] = [
  {
    rule: 'not-our-job',
    pattern:
      /(?:不归|不属于)(?:我们|我|咱们|销售|我们部门)(?:管|负责)?|不是(?:我们|我|咱们|销售)[^,，。]{0,8}?(?:的|这边的?)?(?:问题|原因|责任|负责的|管的|能管的|的事|事|范围|错)|不能怪(?:我们)?|(?:我|我们)(?:这边)?也不(?:太)?(?:清楚|知道)|已经离职|不是我能(?:决定|管|做主)的?|不是我们(?:做|装|卖|负责|生产)的|(?:我们|我)只(?:提供|负责|卖)|(?:跟|和|与)(?:我们|我|咱们)[^,，。]{0,4}(?:没|没有|无)(?:关系|关)|不关(?:我们|我|咱们)(?:的)?事|(?:我们|我)(?:这边|那边)?(?:也)?(?:管不了|管不着|负责不了|控制不了|左右不了|决定不了)|(?:我|我们)(?:只|就)负责[^,，。]{0,8}(?:这块|这部分|业务|销售)|不在我们(?:的)?[^,，。]{0,8}范围|爱莫能助|无能为力/g,
    confidence: 0.8,
  },
  {
    rule: 'blames-other-party',
    pattern: new RegExp(
      `(?:是|属于|那是|这是|都是|系)[^,，。]{0,6}${OTHER_PARTY}(?:那边|本身|自己)?[^,，。]{0,8}?(?:的|嘅)?${FAULT}|(?:你们|您)自己[^,，。]{0,10}的问题|属于(?:使用|操作)不当|归(?!我们|我)[^,，。]{1,8}管|(?:您|你)[^,，。]{0,4}自己(?:去)?(?:找|联系|问|打给|核对|处理|解决|查)|(?:您|你)[^,，。]{0,6}(?:问一下|问问|咨询一下|找一下)(?:你们|您们)的?|(?:是|都是)(?!担心|怕|觉得|想)[^,，。]{1,12}(?:导致|造成|引起)的|(?:是|也是|都是)(?:您们|你们)(?:自己)?负责的?|(?<!帮)(?:您|你)(?:得|要|需要|可以)?(?:直接)?(?:去)?找(?!我|不|遍|得到|到|他(?!们)|她|个|一下)[^,，。]{1,8}(?:索赔|处理|投诉|问|说)?|(?:这个?|那|都)是(?!我们|我|咱们)[^,，。]{1,8}的(?:问题|毛病|锅)|找(?:厂家|物流|他们|总部)去|(?:是|归|由)(?![^,，。]{0,8}?(?:您|你))[^,，。]{0,8}${OTHER_PARTY}(?:那边)?(?:自己)?(?:负责|定|审|排|决定|说了算)的|(?:是|都是)[^,，。]{1,8}让(?:我们|我)(?:这样|这么)?(?:讲|说|做)的|(?:跟|和|与)(?:我们的?|咱们的?)?(?:卡|产品|设备|系统|软件|机器|施工|工程|服务)[^,，。]{0,4}(?:没|没有|无|冇)(?:啥|什么)?(?:关系|关)|唔关(?:我们|我哋|我)[^,，。]{0,10}事|的(?:故障|问题|原因)(?:不算|不包括|不在)`,
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
      /\b(?:that's|it's|that is|it is) (?:more |really |all )?(?:their|the manufacturer's|the vendor's|the carrier's|your|the factory's|the other team's) (?:issue|problem|fault|responsibility|thing|call(?<!your call))\b|\bmore their (?:issue|problem|fault) than ours\b|\b(?:you'll|you will|you'd|you) (?:have|need) to (?:call|contact|talk to|take it up with|ask) (?:them|the manufacturer|the vendor|the carrier|the factory) (?:yourself|directly)\b|\bthe \w+ team handles (?:all )?(?:that|this|it)\b|\b(?:that's|that one's|it's) (?:really )?(?:on|up to) (?:them|the \w+)\b|\b(?:fault|problem|issue|responsibility|side|doing),? not (?:ours|mine)\b|\bnot (?:really )?(?:our|my) (?:\w+'s )?fault\b|\b(?:supplier|vendor|partner|carrier|manufacturer) (?:messed up|screwed up|dropped the ball)\b|\btake (?:it|that) up with (?:them|the \w+)\b|\bon (?:the|your) \w+,? not (?:on )?(?:us|me|the \w+)\b|\bbetween you and (?:them|the \w+)\b|\bnothing to do with (?:us|me)\b|\boutside (?:of )?(?:what we can control|our control|our (?:scope|responsibility|system))\b/g,
    confidence: 0.75,
  },
  {
    rule: 'passes-to-third-party',
    pattern:
      /\b(?:that's|it's|that is) (?:between you and|up to) (?:the|your) \w+\b|\b(?:you'd|you'll|you will|you would) (?:have|need) to (?:ask|check with|contact|call|email|talk to) (?:the|your|their) \w+\b|\b(?:we|i) (?:just|only) (?:sell|resell|distribute|supply|install) (?:it|them|the \w+)\b|\b(?:blame|fault of) (?:the|their|your) \w+\b|\b(?:it|that) (?:wasn't|isn't) (?:us|our doing|on our end)\b|\bnot (?:our|my) (?:concern|headache|area)\b|(?:那|这)(?:是|属于)(?:厂家|物流|快递|供应商|原厂|总部|银行|第三方|合作方|外包)(?:那边)?的?(?:事|问题|责任)|(?:我们)?(?:只是|只管|就是)(?:代理|经销|卖货|销售|负责卖|卖设备)的?|(?:您|你)(?:去)?(?:问|找)(?:厂家|物流|快递|原厂|银行|第三方|他们)(?:吧|去吧)|(?:不是|并非)(?:我们|我们公司)(?:自己)?的(?:员工|人)|(?:我们)?(?:去)?问(?:了)?也(?:不一定|没)(?:有)?(?:结果|用)|(?:我这边|我)(?:也)?定不了|[,，]\s*(?:就|只能)?看(?:船公司|厂家|物流|快递|银行|海关|他们|对方|上面)(?:的)?(?:意思|安排)?\s*[。.!]?\s*$|(?:您|你)(?:可能|只能|还是)(?:得|要)?(?:自己)?(?:去)?找[^,，。]{1,8}(?:索赔|处理|投诉|问)/g,
    confidence: 0.75,
  },
  {
    // Outside the rep's remit: 轮不到我定, 不在我的 scope, 我是销售不是售后, 这个锅我们不背.
    rule: 'not-our-job',
    pattern:
      /轮不到(?:我|我们)(?:来)?(?:定|管|说|决定)|不在(?:我|我们)(?:的|这边的)?[^,，。]{0,8}(?:范围|scope)|(?:我|我们)(?:这边)?(?:只)?是\s?(?:sales|销售)[,，]?\s?不是|不是(?:我们|我们自己|我)(?:来)?(?:运维|维护|管理|开发|做|装|卖|负责|生产)的|唔系(?:我哋|我)(?:嘅)?(?:负责|管|责任|问题|事)|(?:锅|责任)(?:我们|我)(?:可)?不背|不背(?:这个)?锅|背不了(?:这个)?锅|属于[^,，。\s]{1,8}的(?:责任|职责|管辖)(?:范围|范畴)/g,
    confidence: 0.75,
  },
  {
    // The rep's hands are tied: 插不上手, 推不动, 做不了这个主, 干着急. The judge requires another party in the turn.
    rule: 'hands-tied',
    pattern:
      /(?:我们|我|咱们|我哋)[^,，。]{0,6}?(?:冇办法|没有办法|没办法|没法处理|没法管|没(?:有)?(?:这个)?权限|无权|插不上手|插不了手|push\s?不动|推不动|说了不算|帮不上忙?|handle\s?不了|处理不了|碰不到|碰不着|看不着)|(?:我们|我)(?:也)?是(?:最后|事后|后来|刚刚?)才知道|(?:我|我们)(?:也)?(?:不认识|没有)(?:什么|那边的?)(?:人|关系)|不好(?:问|催|开口)|说话不好使|说不上话|没(?:有)?话语权|干着急|(?:也很|也是|很)无奈|也是受害者|做不了(?:这个)?主/g,
    confidence: 0.75,
  },
  {
    rule: 'hands-tied',
    pattern: /\b(?:i|we) (?:can't|cannot|have no way to) (?:influence|control|change|override|overrule) (?:them|that|it|their \w+)\b/g,
    confidence: 0.75,
  },
  {
    // Blame on another party's act: 是仓库那边装错了, 是银行风控那边卡的, 你们操作员没按规程来.
    rule: 'blames-other-party',
    pattern:
      /是[^,，。\s]{1,8}那边(?:给)?(?:卡|拖|压|搞|弄|定|审|扣|装错|发错|弄错|搞错|算错|写错|漏发|延误)|(?:你们|您们|您那边|你那边)(?:的)?[^,，。\s]{0,5}(?:没按|不按|违规|操作不当|操作失误|误操作|用错|装错|没注意)/g,
    confidence: 0.75,
  },
  {
    // The rep sends the customer to sort it out alone: 您自己去问, 你要 call 厂家, 您得去找卖砖的.
    rule: 'sends-customer-elsewhere',
    pattern:
      /(?:您|你)(?:们)?(?:那|那边)?(?:要是不服)?(?:可以|得|要|只能|还是|就|需要|最好)?自己(?:去|再)?[^,，。]{0,8}?(?:打|call|问|找|搵|联系|咨询|查|翻|投诉|反映|沟通|交涉|协商|处理|解决)|(?:您|你)(?:们)?(?:得|要|只能|就得|还得|需要)(?:去)?\s?(?:问|找|搵|call|打给|联系|咨询|投诉)(?!我|咱|的话)|(?:您|你)(?:们)?(?:去)?(?:问|找)(?:他们|她们|人家|对方)(?:去)?(?:吧|啦|呗|去)|(?:您|你)(?:别|不要)(?:问|找)(?:我|我们)(?:了)?|(?:建议|请)(?:贵司|您|你们|您们)(?:直接)?(?:与|和|跟|找|联系)(?:其|对方|他们|承运|厂家|供应商|银行|平台)/g,
    confidence: 0.75,
  },
  {
    rule: 'blames-other-party',
    pattern:
      /\b(?:that's|it's|that is|it is|problem is|issue is|this is)\s+(?:\w+\s+){0,3}?(?:on|from) (?:your|their|the) (?:\w+'?s? ){0,3}(?:side|end)\b|\byour side of things\b|\b(?:it's|that's|that is|it is) (?:rather |really |more )?your (?:side|responsibility|problem|headache|lookout)\b|\b(?:isn't|aren't|is not|are not|wasn't) (?:really )?down to us\b|\b(?:from|is) your (?:\w+ ){0,2}(?:pipe|neighbou?r|landlord|network|firewall|setup|installation|operator|staff|supplier|vendor|provider|contractor)s?\b[^.!?]{0,30}\bnot (?:from |on )?(?:our|us|we)\b|\b(?:could|might|must|may) be your (?:\w+ ){0,2}(?:rules|network|setup|settings|firewall|config(?:uration)?|hardware|staff|operators?|equipment)\b|\b(?:the )?(?:\w+ )?(?:builder|developer|landlord|insurer|bank|airline|courier|carrier|supplier|vendor|manufacturer)'?s? (?:headache|problem|fault|call|decision|responsibility)\b|\bnot (?:from|on) our (?:\w+ ){0,2}(?:side|end|work|waterproofing|install(?:ation)?|product|part)\b/g,
    confidence: 0.75,
  },
  {
    // Outside the rep's remit: "outside anything we answer for", "we're only the brokers", "I'm just the account manager".
    rule: 'not-our-job',
    pattern:
      /\b(?:outside|beyond) (?:anything|what|whatever) (?:we|i) (?:answer for|cover|control|handle|are responsible for)\b|\bnot (?:really )?(?:something|anything) (?:we|i) (?:control|handle|cover|can fix|deal with|answer for)\b|\b(?:we|i) (?:are |am |'re |'m )?only (?:the )?(?:brokers?|resellers?|agents?|distributors?|middlem[ae]n|sales(?: side| team)?)\b|\b(?:i'm|i am) (?:just|only) (?:the |a )?(?:\w+ )?(?:account manager|sales ?(?:guy|rep|person|side|team)|salesperson|rep|messenger)\b|\bmy hands are tied\b|\bi just work here\b|\b(?:not|isn't|aren't|is not|are not) (?:in|within|part of) (?:my|our) (?:remit|scope|control|wheelhouse|job)\b|\b(?:we|i) (?:have|got) no (?:say|control|authority) (?:in|over)\b/g,
    confidence: 0.75,
  },
  {
    // Blame on another party or on the customer's own setup: "a problem with your own network",
    // "it's the airline that lost it", "the management office issue", "all done by the platform".
    rule: 'blames-other-party',
    pattern:
      /\b(?:a |the )?(?:problem|issue|fault) (?:with|on|in) your (?:own )?(?:\w+ )?(?:network|system|setup|side|end|equipment|wiring|plumbing|firewall|config(?:uration)?|hardware|devices?)\b|\b(?:it's|it is|that's|that is) (?:the|your|their) (?:\w+ ){0,2}(?:that|who) (?:lost|broke|damaged|caused|messed up|delayed|changed)\b|\b(?:is|that's|it's|that is|it is) (?:really |more |all )?(?:the|their|your) (?:[a-z]+ )?(?:office|team|department|supplier|vendor|carrier|courier|bank|landlord|builder|developer|contractor|manufacturer|factory|airline|insurer|agent|management|provider|partner|hq|it|network|neighbou?r)(?:'s)? (?:issue|problem|fault|headache|responsibility)\b|\b(?:that's|it's|that is|it is) (?:all )?(?:done|handled|decided|managed|controlled) (?:by|on) (?:the|their|your) (?:\w+ )?\w+\b|\bnothing to do with our (?:\w+ )?\w+\b|\b(?:question|matter|job|one|issue) for (?:your|their|the) (?:\w+ ){0,2}(?:department|team|people|folks|provider|vendor|supplier|carrier|landlord|bank|insurer|it)\b|\bfor (?:your|their|the) (?:\w+ ){0,2}(?:department|team|folks|people|provider|vendor|supplier) to (?:sort|fix|handle|figure|look into)/g,
    confidence: 0.75,
  },
  {
    // The customer must deal with the other party: "take it up with your supplier",
    // "you'd need to go back to them", "you go and ask them", "your IT folks would have to dig into that".
    rule: 'sends-customer-elsewhere',
    pattern:
      /\btake (?:it|that|this) up with (?:your|their|the) (?:\w+ ){0,2}\w+|\b(?:you|you'll|you will|you'd|you would) (?:have|need|got) to (?:settle|sort|work|deal|take) (?:it |this |that )?(?:out |up )?with (?:them|the \w+|your \w+)|\b(?:you|you'll|you will|you'd|you would) (?:have to|need to|got to|must|best|better) (?:go back to|file (?:\w+ ){0,2}with|complain to|call|contact|ask|check with|talk to|speak to|chase|raise it with) (?:them|the (?:\w+ )?(?:manufacturer|maker|vendor|supplier|carrier|courier|airline|bank|landlord|insurer|builder|developer|factory|store|shop|retailer)|your (?:\w+ )?(?:provider|vendor|supplier|bank|landlord|insurer|it|team|department))\b|\byou (?:go|just go|better go|must go|go and) (?:and )?(?:ask|call|find|check with|complain to|settle with) (?:them|the \w+)\b|\byour (?:\w+ ){0,2}(?:folks|team|people|guys|department|it|landlord|supplier|vendor|provider) (?:would|will|'d|'ll) (?:have|need) to (?:dig into|look into|figure (?:\w+ )?out|sort (?:\w+ )?out|fix|deal with|handle|investigate|chase)\b|\bbetween you and (?:the|your) \w+/g,
    confidence: 0.75,
  },
];

// A concrete path to a fix in the same turn: the rep acts, or names who will.
const FOLLOW_UP = new RegExp(
  [
    '我[^,，。不没]{0,4}?(?:来|去|会|马上|立刻|这边|现在)[^,，。不没无]{0,8}(?:联系|协调|跟进|对接|处理|转给|转交|反馈|催|申请|安排|确认|沟通|解决)',
    '帮(?:您|你)(?:联系|协调|跟进|对接|处理|转|反馈|催|问|查|约)|负责人|对接人|联系人|工单',
    '(?:我|我们)[^,，。]{0,8}(?:给|帮)(?:您|你)(?:约|安排|打电话|回电话|回电|答复)|我(?:可以|来|把)[^,，。]{0,10}(?:给|发)(?:您|你)',
    '我(?:回头|回去|马上|这就|去|来)?(?:问问|问一下|请示|申请)(?:公司|领导|经理|上面|总部|主管)',
    '(?:我们|我)(?:先|马上|来|会)?(?:给|帮)(?:您|你)(?:补发|换|退|重发|修|处理|安排)|(?:我们|我)(?:会|来|负责|再)?(?:去)?(?:跟|和|与)[^,，。]{1,8}(?:一起|共同|协调|对接|沟通|开会|开周会|索赔|交涉)',
    "\\b(?:i'll|i will|let me|i've|i have|we'll|we will|i'm going to)\\s+(?:\\w+\\s+){0,3}(?:connect|loop in|escalate|follow up|open(?:ed)?|raise|chase|handle|find out|check with|put you in touch|introduce|get (?:\\w+ ){0,2}to (?:call|contact|email))",
    "\\b(?:opened|raised|logged) a (?:ticket|case)\\b|\\b(?:she|he|they)'ll (?:call|contact|email) you\\b",
    '我(?:已经|已|马上|这就)?(?:让|叫|请)[^,，。]{1,8}(?:加急|处理|跟进|催|联系|安排|查)|(?:给|向)(?:您|你)(?:更新|同步|汇报|反馈)',
    '我们(?:的)?(?:工程师|技术|师傅|售后|团队)[^,，。]{0,6}(?:配合|协助|上门|过去|到场|在线|支持|跟进)',
    "\\bour (?:\\w+ )?(?:engineers?|technicians?|team|specialists?|support) (?:will|'ll|can) (?:join|come|help|be there|walk|call|visit|handle|fix|sort)\\b",
    "\\b(?:i've|i have|we've|we have) (?:already )?(?:filed|raised|logged|opened|escalated|chased)\\b|\\b(?:i'll|i will|we'll|we will) (?:update|call|email) you (?:by|tomorrow|today|on|at|before)\\b",
  ].join('|'),
);

// Another party named anywhere in the turn. 我们也没办法 alone states a limit and blames no one.
const THIRD_PARTY_MENTION = new RegExp(
  `${OTHER_PARTY}|那边|部门|公司|合作|\\b(?:department|team|dept|hq|underwriting|claims|supplier|vendor|carrier|builder|they|their|them)\\b`,
);
// 要不您自己去问问? is a suggestion phrased as a question, not a real question.
const SUGGESTION = /要不|不如|\bwhy don't you\b/;
// 您可以自己查 offers the customer an option, often a way to verify a claim, so it pushes no
// problem away. 您可以找网点投诉 names another party and still counts.
const OPTIONAL = /可以自己|也行/;

// 如果是物流的问题 supposes a cause and assigns none.
const CONDITION_BEFORE = /如果|假如|要是|万一|\bif\b/;
// 我们要解决的就是您的问题: the rep takes the problem on, so 是您的问题 blames no one.
const TAKES_ON_BEFORE = /(?:解决|处理|负责|关心|重视|关注|帮您|帮你)[^,，。]{0,4}$/;

function judge(turn: TurnView, match: TriggerMatch): MatchVerdict {
  const text = turn.text;
  const rule = match.trigger.rule;
  if (inQuestion(text, match.start) && !(rule === 'sends-customer-elsewhere' && SUGGESTION.test(text))) {
    return null;
  }
  if (/^(?:您|你)/.test(match.phrase) && OPTIONAL.test(match.phrase)) {
    return null;
  }
  if (rule === 'hands-tied' && !THIRD_PARTY_MENTION.test(text.replace(match.phrase, ''))) {
    return null;
  }
  if (rule === 'blames-other-party' && (negationBefore(text, match.start) !== null || echoesCustomer(text, match.start))) {
    return null;
  }
  if (rule === 'blames-other-party' && CONDITION_BEFORE.test(text.slice(clauseAround(text, match.start).start, match.start))) {
    return null;
  }
  if (rule === 'blames-other-party' && TAKES_ON_BEFORE.test(text.slice(Math.max(0, match.start - 8), match.start))) {
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
