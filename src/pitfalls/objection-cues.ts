/**
 * Phrases by which a customer raises a reason not to buy, one pattern per
 * objection type, and the topic words a reply about that type uses. A cue
 * needs a stance (太贵了, "not sure we need it", "non-starter"): a neutral
 * question such as "does it work with Avaya?" is not an objection.
 *
 * NOTE: a strong cue is dropped when a negator comes before it in its clause
 * (`negationBefore`), and 能不能 or 是不是 count as negators there. A pattern
 * for a cue that follows such a question form starts with the form itself.
 */

import type { ObjectionType } from '../domain/pitfalls.js';

/** Cue patterns by objection type, over normalised customer text. */
export const OBJECTION_CUES: Readonly<Record<ObjectionType, RegExp>> = {
  price: new RegExp(
    [
      '(?:太|有点|有些|比较|偏|挺|还是|实在)贵了?|贵了|(?:价|钱|费|报价|租金|利率|成本|预算|投入|price|pricing|cost|fee|budget)[^。?]{0,14}(?:太|有点|有些|比较|偏|挺|还是|实在)高了?|\\d+(?:万|元|块|千|%)?[^,，。]{0,2}(?:太|有点|有些|偏|还是)高了?|(?:^|[,，。?])[^,，。]{0,3}(?:太|有点|有些|偏)高了|价格(?:上)?(?:太|有点|有些|偏|比较|还是)?(?:高|贵)',
      '(?:超|超出|超过)了?(?:我们的?)?预算|预算(?:不够|有限|不足|紧张|卡得|只有|就\\d|没那么多|批不下来|里没有)',
      '(?:能不能|可不可以|能否|可以)(?:再)?(?:便宜|优惠|降价|降|少点)|(?:有没有|有无)(?:折扣|优惠|便宜)|(?<!的)便宜(?:一|1)?点',
      '(?:贵|高)了?\\d+(?:%|成)|比(?:预算|别家|他们)(?:高|贵)|性价比(?:不高|太低|低|一般)',
      '(?:费用|成本|投入|报价)(?:太|有点|偏)(?:高|贵|大)|付不起|负担不起|承受不了|花不起|吃不消|成本不低|不值(?:这个价|这么多)|(?:要|得|控制)在\\d+(?:万)?以内',
      "\\btoo (?:expensive|pricey|steep|high|much)\\b|\\b(?:expensive|pricey|overpriced)\\b|\\bover (?:our |the )?budget\\b",
      '\\b(?:above|over) (?:what we budgeted|our budget)\\b|\\bbudget(?:\'s| is)? (?:tight|limited|constrained|capped)\\b',
      "\\bcan'?t afford\\b|\\bcosts? too much\\b|\\b(?:flexibility|wiggle room|room) on (?:the )?price\\b|\\bcome down on (?:the )?price\\b",
      '\\bhoping for something (?:lower|cheaper)\\b|\\bout of (?:our )?(?:price range|budget)\\b|\\bnot worth (?:the|that) (?:price|money)\\b',
      // The price went up, or sits above another quote, the budget or what the customer expected.
      '(?<![电水油气粮房])(?:价格?|报价|收费|年费|月费|服务费|保费|手续费|续费|租金)[^,，。不没]{0,6}涨|(?<!以后|万1|将来|如果)涨(?:价|幅|这么多|那么多|得太)|比(?:上个?(?:月|批|次|年)|去年|之前|原来)[^,，。]{0,6}(?:涨|高|贵)|比(?:我|我们)?(?:想|预想|预期|预计|估计)的(?:要)?(?:多|高|贵)',
      '(?:本来|原来|原本|之前)(?:想|打算|计划|的?预算)[^,，。]{0,10}(?:以内|以下|之内|是\\d|才\\d|只有)|\\d+(?:万|块|元|千)?(?:以内|以下)(?:搞定|拿下|才行)',
      '(?:另外?[1一]家|别家|那家|人家|隔壁[^,，。]{0,4}|其他家)[^,，。]{0,8}(?:才|只要|只收|便宜|低)|问(?:了|过)?另外?[1一]家|差(?:好多|不少|太多|挺多)|便宜\\d+(?:毛|块|元|万|千|%)|预算也?(?:很|比较|有点)?紧',
      "\\b(?:more|higher) than (?:we|i) (?:expected|budgeted|planned|thought)\\b|\\bover what (?:\\w+ ){0,3}expected\\b|\\babove my budget\\b|\\b(?:i'?ve|ive|we'?ve|weve|i have|we have) (?:got )?a budget of\\b",
      "(?<!\\b(?:saves?|saving|earns?|makes?|returns?|pays? back|back)(?: us| me| you)? )\\b(?:above|higher than|more than|over|double|twice) (?:the |our |what |that )(?:\\w+ ){0,3}(?:quote|quoted|pay|paying|spend|spending|insurer|provider|incumbent's|see online|charge|charges)\\b|\\b(?:nearly |almost )?(?:double|twice) what\\b",
      '\\bprice (?:increase|hike|rise)\\b|\\b(?:price|premium|fee|rate|quote|cost)s? (?:has |have )?(?:went|gone|goes|going) up\\b',
      // The amount is a burden, or the money will not be approved.
      '不是小数目?|不便宜|(?:出|拿|掏)不(?:起|出)|手头(?:有点|比较|很)?(?:紧|吃力)|有点吃力|(?:钱|万|费|价|付)[^。?]{0,20}压力(?:挺|很|太|有点|比较|蛮)?大|(?<!\\d)\\d{3,}(?!\\d|多?[年月日号天周个人位名台套件瓶单次家条吨%])(?:(?!工作|业绩|管理|生产|任务|考核|销售|学习)[^。?]){0,20}压力(?:挺|很|太|有点|比较|蛮)?大|(?:没|冇得?|没有)(?:这么多|那么多)(?:现)?钱(?!浪费|白花|花在)|经费(?:只够|不够|有限)|(?<!省|赚)钱不够|(?:觉着|觉得)(?:有点|太|挺|真)?(?:多|贵|高)|有点多|不划算|不值(?:当|得)?',
      '(?:钱|价|费用|预算|这笔)[^,，。]{0,8}(?:不好批|批不下来|不会批|不批|分完了|花完了|用完了)|财务(?:那边)?(?:肯定|估计|可能)?(?:不批|不乐意|不会同意)',
      "\\b(?:is|are|quite|a bit|too|pretty|rather|very|seems|sounds) steep\\b|\\bsteep (?:price|for|compared)\\b|\\badds up\\b|\\b(?:feels|seems|sounds) (?:like )?(?:quite |rather |a bit )?a lot\\b|\\b(?:is|that'?s|thats) (?:quite |rather |a bit )?a lot for\\b|\\bhard to justify\\b|\\bcosts? (?:us )?a fortune\\b|\\bnot cheap\\b|\\b(?:out of our league|a bit rich|pricier than)\\b|\\bblow (?:our|the|my) budget\\b|\\bjustify the (?:spend|cost|price)\\b",
      '贵得离谱|太离谱了|下不去手|价格(?:上)?没(?:有)?优势',
      // A request for a lower price, or the price raised again after the rep talked past it.
      '(?:价格|价钱|价)?(?:还)?有没有(?:空间|余地|折扣|优惠|让利)|(?:能不能|可不可以|可以)(?:有点|给点)儿?(?:说法|优惠|折扣)|(?:总价|价格|单价)(?:能不能|可不可以)(?:再)?(?:低|少|降)',
      '我(?:是(?:问|说|讲)|(?:问|说|讲)的是)[^,，。?]{0,4}(?:价|钱的|费用|月租|租金|subscription|revenue share|pricing|price)',
      "\\b(?:is there|any) (?:a |any )?(?:discount|flexibility)\\b|\\bcome down\\b|\\bi(?:'m|m| am) (?:asking|talking) about the (?:price|rent|cost|fees?)\\b",
    ].join('|'),
  ),
  timing: new RegExp(
    [
      '(?:现在|目前|暂时|近期|今年)(?:还)?(?:不急|不着急|不考虑|没(?:这个)?计划|不是时候|不合适|顾不上|没时间|忙不过来)',
      '不(?:太)?着急|再等等|等(?:到)?(?:明年|年后|下个?季度|下半年|预算下来|旺季过)|明年再(?:说|看|考虑)',
      '(?:过|晚)(?:段|一段|些)时间再|(?:以后|回头|之后)再(?:说|看|考虑)|先放一放|先缓缓|缓一缓|时间(?:上)?(?:不合适|太紧|来不及|不凑巧)',
      '(?:忙完|过了)(?:这阵|这段|旺季|年底)[^,，。]{0,4}再|下半年再|没(?:时间|空)(?:学|弄|搞|折腾|培训)',
      "\\bnot (?:going to )?(?:ordering|buying|signing|deciding|committing|order|buy|sign|decide|commit)(?: anything)? (?:today|now|on the phone|this (?:week|month|year|quarter))\\b(?![^.?]{0,30}\\b(?:already|last week|yesterday)\\b)|\\bnot (?:the right|a good) time\\b|\\bbad timing\\b|\\bnot right now\\b|\\bnot a priority\\b|\\bmaybe (?:next year|later|next quarter)\\b",
      '\\b(?:have|has|need) to wait\\b|\\b(?:wait|hold off) (?:until|till)\\b|\\brevisit (?:this|it) (?:later|next)\\b|\\btoo busy\\b|\\bno time to\\b',
      '\\bin the middle of (?:peak|our busy|the busy)\\b|\\bbefore we decide\\b|\\bnot ready (?:yet|to)\\b|\\blater this year\\b',
      // The customer defers because this year is full, the budget comes only later, or the decision waits for a date or event.
      '(?:今年|这个月|这季度|年内|短期内?)(?:肯定|估计|可能|怕是|真)?(?:上不了|做不了|弄不了|搞不了|来不及|顾不上|没钱)|今年(?:现金流|资金|手头)[^,，。]{0,3}紧|(?:今年|年度|这个?季度)[^,，。]{0,8}预算[^,，。]{0,4}(?:已经)?(?:用完|花完|没了|没有这)|(?:下半年|明年|下个?季度|年后|\\d+月份?)才(?:有|能|可能)|(?:现在|目前)[^,，。]{0,6}有点早|现在真?没 ?(?:bandwidth|空)|现在[^,，。]{0,6}(?:也是闲着|也没用)',
      '(?:明年|年后|下个?月|下半年|以后|过完年|\\d+月份?)[^,，。]{0,14}再(?:看|说|考虑|谈|定|弄|上|办)|还没想好|(?:现在|目前)(?:办|上|买|弄|装)了?也是闲着|学期已经开始|放到明年|等等看|先不急|不急着(?:买|上|定|签|换)',
      "\\b(?:isn'?t|isnt|is not|not) until\\b|\\b(?:frozen|froze|freeze) (?:all |any )?(?:new )?(?:capital )?(?:spend|spending|purchases|budgets?|hiring|capex)\\b|\\b(?:spending|budgets?|purchases|capex|hiring) (?:is |are |has been |have been )?frozen\\b|\\b(?:can'?t|cannot|can not) (?:take on|start|do|fund) (?:\\w+ ){0,5}this year\\b|\\bthink about it over\\b|\\bnobody'?s touching\\b|\\b(?:no|any) bandwidth\\b|\\bmid-(?:audit|project|migration|year)\\b|\\bcircle back (?:next|in|after)\\b|\\bpark (?:this|it) (?:for|until)\\b|\\bnot on (?:our|the) roadmap\\b|\\btoo early for us\\b",
      // The lead time is too long.
      '(?:交期|交货期|货期|工期|周期|到货)[^。?]{0,16}(?:太长|长了|比[^,，。]{0,8}(?:长|慢)|能不能快|快[1一]点|等不了)|要等多久',
      '\\b(?:as|like) i (?:said|mentioned),? (?:\\w+ ){0,2}(?:next year|autumn|fall|spring|summer|winter|later|next quarter|q\\d)\\b|\\blead time is\\b|\\b\\d+ weeks is (?:too )?long|\\blonger than \\w+ quoted\\b',
      '我(?:是(?:问|说|讲)|(?:问|说|讲)的是)[^,，。?]{0,4}(?:交期|交货期|工期|停工|上线时间)',
      // A bare stall: the customer puts the decision off without naming a reason.
      '(?:我|我们|那|这边|回去)(?:再|先)?(?:考虑|想想|想一想|琢磨琢磨|寻思寻思|合计合计|斟酌斟酌|研究研究)(?:一下)?(?:吧|再说)?(?=[,，。!！?？…]|$)|考虑(?:考虑|一下)(?:吧|再说)?(?=[,，。!！?？…]|$)|(?:到时候|回头)?再(?:说|看)吧|(?:再|先)看看(?:吧|再说)?(?=[,，。!！?？…]|$)|看看再说',
      "\\b(?:i'?ll|i will|i'?d|let me|we'?ll|we will|we need to|i need to|i have to|i must|have to|going to|gonna)(?: (?:have|need) to)? (?:have a )?think (?:about )?it(?: over)?\\b|\\bhave a think\\b|\\bsomething to think about\\b|\\b(?:let me|i'?ll|i need to|i have to|i'?d have to|i'?ll have to|i must) think(?=[\\s,.!?]*$)|\\bwe(?:'?ll| will) see(?=[\\s,.!?]*$)|\\bleave it with me(?=[\\s,.!?]*$)|\\bi'?ll pass(?= for now|[\\s,.!?]*$)|\\b(?:talk|speak) again after\\b",
    ].join('|'),
  ),
  authority: new RegExp(
    [
      '(?<![不主重只])(?:得|要)看(?!您|你)[^,，。]{0,6}(?:老板|领导|老总|上面|总部|先生|老公|老婆|太太|爱人|家里|家人|女儿|儿子|爸|妈|合伙人|股东|董事|经理|总监|主任|院长|校长|他|她|他们|大家)(?:自己)?(?:怎么想|的意思|的?意见|怎么说)|(?:我|我们)(?:这边)?(?:做不了主|定不了|说了不算|决定不了|拍不了板|没(?:有)?(?:决定权|权限))|不是我(?:来)?(?:定|决定|拍板|签)',
      '(?:得|要|需要|还要|还得)(?:先)?(?:请示|问问|问一下|汇报给?|跟[^,，。]{1,6}(?:商量|汇报|确认|沟通))[^,，。]{0,3}(?:领导|老板|上面|总监|经理|老总|董事会|财务|采购|总部)',
      '(?:领导|老板|上面|总监|老总|董事会|总部|采购部?)(?:那边)?(?:来)?(?:定|拍板|批|审批|决定|说了算|签字|点头)|决策(?:权)?不在我|(?:要|得|需要)(?:走|上)(?:流程|审批|会)',
      "\\bnot (?:my|the) (?:decision|call)\\b|\\bnot the one who (?:signs|decides|makes)\\b|\\b(?:i|we) (?:can'?t|cannot|don'?t) (?:sign off|decide|approve)\\b",
      '\\b(?:need|have|got) to (?:check|talk|run it by|get approval from|clear it with|discuss (?:it|this) with) (?:my |our |the )?(?:boss|manager|team|cfo|ceo|director|board|vp|head|procurement|partner)\\b',
      '\\b(?:boss|manager|cfo|ceo|board|director|dean|committee|procurement) (?:decides|has to (?:approve|sign)|needs to (?:approve|sign off)|makes the (?:call|decision)|signs off)\\b|\\babove my pay grade\\b',
      // Someone else decides, such as a boss, a committee, a tender or a family member.
      '(?:我|我们|自己|[1一]个人|我这边)(?:[1一]个人)?也?(?:决定|定|做主|拍板|签)不了|(?:肯定|今天|现在)也?(?:定|签|决定)不了|签字得|不是我能(?:定|决定)|说了不算|得上会|集体决策|我(?:这边)?只能(?:做|先|推荐|提|牵头)',
      '(?:得|要|需要|还要|还得|先|还是)(?:跟|同|和)(?:我|他|她)? ?(?:老婆|老公|家里|爱人|太太|先生|儿子|女儿|儿媳妇?|哥|姐|弟|父母|爸|妈|合伙人|股东|老板|领导|总监|[a-z]{2,4})[^,，。]{0,3}(?:商量|讲|说说|确认|汇报|一起定)(?!了|过)',
      '(?:要|得|需要|还要|最后)(?:我们)?[^,，。]{0,8}(?:定|拍板|审批|批|签字)(?:才行)?(?:,|，|。|$)|得(?:他|她|老板|领导|[^,，。]{1,6}总)[^,，。]{0,4}点头|(?:总部|领导|老板|上面|集团|董事会)(?:那边)?(?:肯定|估计|可能)?(?:不一定|未必|不会|不)(?:同意|批|答应|乐意)|(?:报|上报|汇报)给?(?:我们)? ?(?:集团|总部|领导|上面|[a-z]{2,4}\\b)|(?:要|得|需要)走[^,，。]{0,6}(?:招标|流程|process|审批)',
      // The customer has to discuss or assess it with a third party first (得跟财务商量一下, 要跟合规部门一起评估),
      // not with the rep, and not a talk already held (商量过了) or a word inside 主要, 只要 or 跟进.
      '(?<![主只觉记想说])(?:得|要|需要|还要|还得)(?:跟|和|同)(?![进步时])(?!你|您|贵|我(?!们))[^,，。?]{1,12}?(?:商量|评估|讨论|研究|确认)(?![了过好的])',
      // The customer defers to someone else before going on ("let me run it past my husband first"), not asking them to act.
      "\\b(?:talk (?:to|with)|check (?:this |that |it )?with|run (?:it|this|that) (?:by|past)|discuss (?:it |this |the \\w+ )?with|show (?:it |this )?to|speak (?:to|with)|ask|take (?:it|this|them) (?:back )?to|pass (?:it|this) to|have a (?:chat|yarn) with) (?:my|our|the) (?:\\w+ )?(?:boss|manager|team|cfo|ceo|director|board|vp|head|procurement|partners?|wife|husband|missus|family|owner|finance|accountant|controller|lawyer|legal|counsel|engineers?|it|hr|compliance|builder|officer)(?= first\\b| before\\b| whether\\b| if\\b| about (?:it|this|that)\\b|[\\s]*[,.;!?]|[\\s]*$)|\\btalk (?:about it )?(?:internally|as a family)\\b",
      '\\bbring (?:this|it) to\\b|\\b(?:speak|talk|check|run it by) (?:to |with )?(?:our|my) (?:\\w+ ){0,2}(?:director|wife|husband|partner|father|mother|brother|sister|family|owner|founder|gm)\\b|\\b(?:she|he|they) decides?\\b|\\b(?:his|her) budget\\b|\\bnot the (?:budget holder|decision maker)\\b|\\bneeds? (?:board|committee|group|head office) (?:approval|sign-off)\\b|\\bsign-off from (?:our|my|the)\\b|\\b(?:final )?(?:approval|say|decision) (?:is|sits|lies) with\\b',
    ].join('|'),
  ),
  need: new RegExp(
    [
      '(?:不|没)(?:太)?(?:需要|用得上)|用不(?:上|着|到)|没(?:有)?(?:这个|这方面|这种|什么)?(?:需求|必要)|没必要',
      '(?:现在|目前)(?:用的|的)?(?:系统|工具|方案|办法|方式|流程)?(?:挺|还|也|都)(?:好|行|够用|可以|不错)|够用了',
      '意义不大|用处不大|价值不大|不(?:太)?适合我们|(?:没|不)(?:看到|觉得)(?:有)?(?:什么)?(?:价值|用处|必要)',
      "\\b(?:don'?t|do not|doesn'?t) (?:really )?need\\b|\\bnot (?:sure|convinced) (?:we|that we|i) (?:even |really )?need\\b|\\bno need (?:for|to)\\b",
      "\\bnot (?:really )?necessary\\b|\\b(?:we'?re|we are) fine with\\b|\\b(?:current|existing) (?:system|tool|process|setup|solution) (?:works|is fine|is enough)\\b",
      "\\bdoesn'?t fit our\\b|\\bnot relevant\\b|\\bworks fine for us\\b|\\bdon'?t see the (?:value|point|need)\\b|\\boverkill\\b",
      // What the customer has already is enough, or they use too little of it to need more.
      '重复了|是不是重复|够(?:了吧|用了)|(?:也|都|还|挺)够用|(?:也|还)?能凑合|凑合(?:能|着)?用|还能用|用得(?:好好的|挺好)|(?:不|没)(?:想|打算)换|不一定(?:要|非要)|没(?:那么|这么|那个|什么)(?:需要|必要)|有必要吗|可有可无|锦上添花|不是刚需|用不惯|划不来',
      '也就\\d|短期内?不会再?(?:换|上|买)|自己(?:找人)?也?能(?:弄|做|搞)|(?:已经|本来就)有[^,，。]{0,12}了|[^,，。]{1,8}我们有(?:,|，|。|$)',
      "\\b(?:we have|we'?ve got|got) our own\\b|\\b(?:don'?t|dont|do not) use most\\b|\\b(?:barely|rarely|hardly) use\\b|\\bdo we (?:even|really) need\\b|\\bnot sure (?:it'?s|its|it is) worth\\b|\\bluxury\\b|\\bnice to have\\b|\\bnot a must-have\\b|\\bwe get by (?:with|fine)\\b",
      "\\bmanaged (?:fine |well )?with\\b|\\b(?:no|not sure there'?s|not sure there is) room for\\b|\\b(?:also|already) have (?:\\w+ ){0,2}(?:insurance|coverage|cover)\\b|\\b(?:enough|covered) already\\b|\\balready (?:have|got) (?:some )?(?:coverage|cover|insurance)\\b|\\b(?:dont|doesnt) need\\b",
    ].join('|'),
  ),
  competitor: new RegExp(
    [
      '(?:已经|一直|目前|现在)(?:在)?(?:用|使用|合作)(?!你们|您们|完|不)[^,，。]{1,10}(?:了|的系统|的产品)|(?:现在|目前|之前|一直|本来)(?:就)?(?:在)?用的是|换(?:系统|供应商|厂家)(?:挺|很|太|也)?麻烦|用惯了|都熟悉他们|(?:已经有|有)(?:合作的|固定的)(?:供应商|合作伙伴|服务商)',
      '(?:别家|其他家|友商|竞品|他们家|他们|另外[一1]家)(?:的)?(?:报价|价格|价钱)?(?:更|比(?:你们|您们)|还)?(?:便宜|低|好|专业|有优势|划算|快)|(?:报价|价格)比(?:你们|您们)(?:低|便宜)',
      '(?:问问|看看|打听)[^,，。]{0,4}别家(?![^。?]{0,16}(?:都比你们|还是你们|没你们|你们(?:的)?(?:确实|真的|还是)?是?(?:最好|更好|最便宜|最划算|最专业)))|(?:在|正在|也在)(?:对比|比较|看|考察|评估)(?:别家|其他|几家|另外)|(?:倾向|偏向|更倾向)(?:于)?(?:别家|其他|另[一1]家)|为什么(?:要)?换(?:成)?你们',
      "\\balready (?:use|using|have a vendor|work with|working with|signed with)\\b|\\bleaning (?:towards|toward) (?:the other|another|a different)\\b",
      '\\b(?:looking at|comparing|evaluating|considering|talking to) (?:the )?(?:other|another|a few other|two other|several|some other)? ?(?:vendors?|suppliers?|providers?|companies|brands?)\\b',
      "\\b(?:they'?re|they are|it'?s) (?:a bit |much |a lot |slightly )?(?:cheaper|less expensive)\\b|\\bquoted (?:us )?(?:less|lower)\\b|\\bwhy would we switch\\b|\\b(?:for|at) half the price\\b|\\blower bid\\b",
      '\\b(?:happy|fine) with (?:our|the) current (?:vendor|supplier|provider)\\b|\\b(?:our|the) current (?:provider|vendor|supplier)\\b|\\bgood experiences? with\\b',
      // Another vendor is in the running, is already in place, or is reported to be better.
      '(?:那边|那家)也?(?:给我们)?(?:报了|做了|出了|给了)|(?:他们|人家)也(?:给我们)?(?:报了|做了|出了)(?:价|方案|报价)|(?:在看|看了|在比较|在对比|比较了)你们和|(?:之前|也)看过[^,，。]{1,6}的|那边儿?也(?:能|可以|给)|哪里比(?:它|他们)好|比(?:它|他们)(?:好|强)在哪|(?:可能|就|会)选(?:他们|别家|那家)|(?:我们|我|咱们)(?:其实)?(?:也|还|一直){1,2}在(?:看|谈|比较|对比|评估|考察)(?!你们)|在谈的是|(?:已经)?(?:跟|和)(?:别家|另外?[1一]家|他们)签了',
      '倾向(?!于?(?:你们|您们))于?|强在哪|跟[^,，。]{1,8}比(?:有什么|哪里|怎么样)|比(?:你们|您们)(?:高|好|强|大|快|长|低|便宜|多)|(?:厂里|我们|这边|车间)都是[^,，。]{1,6}的(?:机子|机器|设备|产品|系统)|人家(?:也|做得|都)|换(?:1个|个)?牌子|换(?:系统|供应商|厂家|平台|1家|牌子)[^,，。]{0,6}(?:麻烦|成本|代价|折腾|重新(?:学|培训))|(?:现在|原来|之前)(?:合作)?的?(?:这|那)家|合作了\\d+年|认(?:这个|那个|他们的?)牌子|买的是(?!你们|您们)[^,，。]{1,6}的|听说(?!你们|您们)[^,，。]{1,14}更(?:高|好|便宜|快|准|稳定|低)|那边[^,，。]{0,8}更(?:低|便宜|好|快|短)',
      "\\b(?:also|been) (?:talking to|looking at|considering|speaking with|getting quotes from)\\b|\\bconsidering \\w+ as well\\b|\\blook(?:ing)? at other options\\b|\\bother options (?:too|as well)\\b|\\b(?:offered|offering) us\\b|\\b(?:we'?re|we are) (?:on|with) [a-z]+ (?:right now|now|already|today)\\b",
      "\\balready (?:got|have) (?:a |one )?(?:plan|policy|account|contract) with\\b|\\b(?:we'?re|we are) (?:happy|satisfied|fine) with (?!the |your |our |that|it\\b|this)\\w+|\\b(?:the other|another) (?:dealer|vendor|supplier|company|shop|agent|bank|provider|brand) (?:is |was )?(?:also )?(?:giving|offering|quoting|has better|had better|is cheaper|was cheaper)\\b|\\b(?:we'?ve|weve|we have) been with\\b|\\b(?:see )?no reason to (?:change|switch|move)\\b|\\breason to (?:move|switch|change)\\b|\\bwhy would we (?:go|pick|choose)\\b|\\bbigger name\\b|\\bmore established\\b|\\blocked in with\\b|\\bswitching costs?\\b|\\bagreed with another\\b|\\bhow yours compare\\b",
    ].join('|'),
  ),
  trust: new RegExp(
    [
      '不放心|(?:哪|怎么)敢(?!不|没)[^,，。?]{0,4}(?:买|下单|订|签|用|合作|付|交|掏|投|换|上)|先把[^,，。]{1,12}(?:修好|解决)了?再(?:说|谈|考虑|签|下单|付|买|合作)|先把[^,，。]{0,8}(?:问题|毛病|故障|发票|账|售后|投诉|退款|赔偿)[^,，。]{0,4}(?:弄好|搞定|处理好|弄清楚|落实)了?再(?:说|谈|考虑|签|下单|付|买|合作)|(?:担心|怕|顾虑|担忧)[^,，。]{0,10}(?:风险|出问题|安全|泄露|靠不住|不稳定|跑路|倒闭|被坑|售后|质量|效果)',
      '没(?:听说过|听过)(?:你们)?|(?:你们)(?:公司)?(?:太小|规模(?:太)?小|成立(?:时间)?(?:太)?短|没(?:什么)?名气|没(?:有)?(?:成功)?案例)',
      '靠谱吗|可靠吗|信不过|不信任|(?:被|吃过)[^,，。]{0,4}(?:坑|亏)|(?:之前|上次|以前)[^,，。]{0,12}(?:出过|出了)(?:问题|事故|故障)',
      '怎么保证|(?:能|可以)保证[^,，。]{0,12}(?:吗|么)|有(?:什么)?保障(?:吗)?|(?:出了|出)问题(?:谁|怎么办)',
      '\\b(?:worried|concerned|nervous) (?:about|that)\\b|\\bnever heard of (?:you|your)\\b|\\bhow do (?:i|we) know\\b|\\bcan (?:i|we) trust\\b',
      "\\b(?:don'?t|do not) trust\\b|\\b(?:too )?risky\\b|\\btrack record\\b|\\bburned before\\b|\\bgot burned\\b|\\b(?:can|could) you guarantee\\b",
      '\\bbricked\\b|\\bnobody told us\\b|\\bwhat happens if you go (?:out of business|under)\\b',
      '^[^,，。?]{0,4}(?:全国|全省|全市|最|唯一|第1|100%|不可能|绝对|保证|[一1]次过)[^,，。?]{0,6}\\?|(?:你们)?自己说的吧|没有(?:你们)?说的那么|有没有第三方|不太有把握|没(?:有)?把握|钱(?:都|全)?(?:白花|浪费)了',
      // Doubt that the product or the rep will deliver, or who is responsible when it fails.
      '不太?(?:敢|放心)再?(?:用|买|下|签|信)|有点不(?:太)?(?:信|相信)|我不太?(?:信|相信)|怎么(?:信|相信)|(?:不要|别)骗|说得好听|心里没底|不踏实|出了事儿?谁|怎么知道(?:下次)?(?:不会|会不会)|会不会(?:经常|老是|又)?(?:坏|出问题|出事)|质量(?:靠得住吗|不稳定|不行)|万[1一][^,，。?]{0,16}(?:怎么办|谁负责)|要是[^,，。?]{0,12}怎么办|谁(?:能|来)保证|(?:当时|当初)(?:是)?(?:你|你们)[^,，。]{0,12}(?:说|填|讲|答应|承诺)|要被收购|出过质量问题|(?:售后|服务)(?:网点|人员|团队)[^,，。]{0,8}(?:不多|太少|没有|跟不上)|万[1一][^,，。?]{0,10}(?:泄露|出事|出问题|倒闭|跑路)|对[^,，。]{1,12}(?:比较|很|特别|有点|一般)?(?:谨慎|抵触|不放心)',
      "\\bskeptical\\b|\\bnot (?:convinced|keen)\\b|\\bbelieve it when\\b|\\bpromised (?:us )?the earth\\b|\\bhow (?:can|do|would) (?:i|we) (?:be sure|know)\\b|\\b(?:dont|don'?t|do not) (?:really |fully )?trust\\b|\\bcheated\\b|\\bworries me\\b|\\bbad time with\\b|\\bif you go (?:out of business|under|bust|bankrupt)\\b|\\bget acquired\\b|\\bwary of\\b|\\btoo good to be true\\b|\\bprove it\\b|\\bhow (?:do|can|will) you (?:make sure|ensure|guarantee)\\b|\\bcautious (?:about|with)\\b|\\b(?:reviews|reports|feedback)\\b[^.?]{0,30}\\b(?:weren'?t|werent|aren'?t|arent|not) (?:great|good)\\b",
      '我(?:是(?:问|说|讲)|(?:问|说|讲)的是)[^,，。?]{0,4}(?:质量|宕机|理赔|退费|退款|安全|风险|售后)',
      // A complaint that goods or a service the rep sold failed, arrived damaged or late, or broke a promise the rep made.
      '你们[^。?]{0,24}(?:又|还是|一直|老是|经常|时不时)[^。?]{0,8}(?:坏|卡住|异响|漏油|漏水|报错|出错|挂了|崩了|掉线|没反应)|(?:找了你们|跟你们说了|告诉你们)\\d+次|出毛病|才[^,，。]{0,6}就(?:坏|出毛病|出问题|漏)',
      '(?:你们|你哋)(?:发|装|卖|送|做|交付)(?:过来|给我们)?的[^。?]{0,20}(?:坏|撞|异响|漏|裂|破损|不灵|不准|没反应|出错|报错)|(?:上个月|上周|刚)(?:买|装|到)的[^。?]{0,16}(?:坏|撞|异响|漏|裂|破损|不灵|没反应|出错|报错)|到现在(?:都|还|也)?没(?:退|给|修|到|回复|人)|(?:理赔|claim|报销)[^,，。]{0,6}(?:被拒|拒赔|reject)',
      "\\b(?:you|you all|your \\w+) (?:delivered|rented|sold|installed|shipped|promised)(?: us)?\\b[^.?]{0,40}\\b(?:died|failed|broke|jammed|didn't|didnt|leak\\w*|crack\\w*|rejected|supposed to)\\b|\\bstill not here\\b|\\bstill (?:hasn't|hasnt|has not) (?:arrived|come)\\b",
      '\\byour \\w+(?: \\w+)? (?:has |have )?(?:jammed|died|crashed|failed|broke down|stopped working|keeps? (?:failing|breaking|leaking|coming back))\\b|\\bkeeps coming back\\b|\\b(?:told|called) (?:you|your \\w+) (?:twice|\\d+ times|three times)\\b',
      // Something promised is still missing after days or weeks (说好15号到的，现在还没到), or the rep's claim is challenged for its source.
      '(?:\\d+|几|好几|半)(?:天|周|个?星期|个?礼拜|个?月)了?(?:还|也|都)没(?:人来|人管|修好|回复|动静|来|到|发)|说好[^。?]{0,20}(?:还|也|都)没(?:来|到|发|修)|(?:你|你们)(?:说|讲|号称)[^?？]{0,30}(?:有什么依据|依据是什么|有依据吗)',
      // The customer has heard the claim before, a tool bought earlier was never used, or a rollout failed.
      "\\b(?:i'?ve|we'?ve|i have|we have) heard (?:that|this|it|promises like that|the same thing|all that)(?: one)? before\\b|\\b(?:everyone|everybody|they all) says? that(?=\\s*(?:[,.;!?]|$))|\\b(?:bought|tried|paid for|had)\\b[^.?]{0,40}\\b(?:nobody|no one) (?:ever )?used (?:it|them|the \\w+)\\b|\\b(?:rollout|roll-out|implementation)\\b(?:(?!\\b(?:not|never|hasn'?t|didn'?t|wasn'?t)\\b)[^.?]){0,30}\\bfailed\\b",
      // An order arrived damaged or late, or something has failed several times in a recent period. A count of zero
      // ("zero units arrived damaged", which normalisation writes as 0) is praise.
      "(?<!\\b(?:none|zero|no|nothing|not|0)\\b[^.?]{0,30})\\b(?:orders?|deliver(?:y|ies)|shipments?|pallets?|parts?|units?|items?|boxes|goods)\\b[^.?]{0,30}\\b(?:arrived|came in|came|were delivered|was delivered) (?:\\w+ )?(?:damaged|broken|faulty|late)\\b|\\b(?:has|have)\\b[^.?]{0,6}? (?:dropped|failed|crashed|gone down|broken down) (?:\\d+|several) times (?:this|in the last|since|last)\\b",
    ].join('|'),
  ),
  technical: new RegExp(
    [
      '(?:兼容|对接|集成|适配|打通)(?:不了|不上|有问题|困难|麻烦)|(?:不|没法|无法)(?:兼容|对接|集成|支持|适配)|兼容性(?:差|问题)',
      '(?:部署|实施|上手|操作|迁移)(?:太|很|比较|有点)(?:复杂|麻烦|困难|难)|(?:性能|速度)(?:跟不上|不够|太慢|有问题)',
      '(?:系统|导出|接口|数据|同步)(?:又|经常|老是)?(?:出错|失败|报错|崩了|挂了|宕机|掉线)|技术(?:上)?(?:门槛|不行)|学习成本(?:太)?高',
      '如果不(?:支持|兼容|能对接)[^,，。]{0,6}(?:就|那)?(?:没法|不能|不考虑|用不了)',
      "\\bnon-starter\\b|\\bdeal-?breaker\\b|\\b(?:doesn'?t|does not|won'?t|can'?t) (?:integrate|connect|talk to|support)\\b|\\b(?:not compatible|incompatible)\\b",
      '\\bcompatibility (?:issue|problem|concern)s?\\b|\\b(?:failed|fails|keeps failing|crashed|crashes) (?:twice|again|every|on us|constantly)\\b',
      '\\btoo (?:complex|complicated)\\b|\\blearning curve\\b|\\b(?:integration|migration|implementation) (?:is |would be )?(?:a )?(?:nightmare|pain|risk|concern|headache)\\b',
      // The product may not fit the customer's site, systems or required figures.
      '(?:扛|撑|顶)得住吗|跟得上吗|放得下吗|装得下吗|带得动吗|(?:接|连|坐|扛|带|装|识别|读)不(?:上|了|动|住)|不让(?:装|打|改|接)|硬伤|跑不起来|迁不过来|不支持(?:国产化|信创|私有化|内网)|(?:接口|api|系统) ?(?:是)?不开放|会不会有(?:兼容|性能)?问题|老版本|比较老的版本|要求(?:很|特别|非常)高|(?:响应|反应|加载|运行)(?:特别|很|太|非常|有点|比较)?慢',
      '(?<!合同|协议)要求[^,，。]{0,10}(?:以内|以上|必须|1年|私有化)|(?:只有|只能用)[^?]{0,40}(?:能用吗|行吗|够不够|够吗|能装吗|放得下)',
      "\\bcan (?:it|your \\w+(?: \\w+)?|you) even\\b|\\bwill (?:it|they|(?:your|our) (?:\\w+ ){0,2}\\w+)(?: even)? (?:fit|work with|cope|accept)\\b|\\b(?:choked|couldn'?t see|could not see)\\b",
      "\\b(?:doesn'?t|doesnt|does not) work (?:offline|with)\\b|\\bonly have \\d+\\b|\\binsists? on\\b|\\bget confused by\\b|\\b(?:won'?t|wont|will not|doesn'?t|doesnt) scale\\b|\\bnot supported on\\b|\\bdeal breaker\\b|\\bmy (?:main |biggest )?concern is (?:performance|scal\\w+|compatib\\w+|integration|uptime)\\b",
      '我(?:是(?:问|说|讲)|(?:问|说|讲)的是)[^,，。?]{0,4}(?:认证|兼容|接口|性能|批次|一致性|精度)',
    ].join('|'),
  ),
  terms: new RegExp(
    [
      '(?:付款|账期|回款|结算)(?:方式|条件|周期|期限)?(?:太短|太长|不行|接受不了|不合适|有问题)|(?:预付|首付|定金)(?:比例)?(?:太|有点)?(?:高|多)',
      '合同(?:条款|期限|年限)?(?:太长|太严|不合理|有问题|接受不了)|(?:违约金|违约条款|赔偿条款|免责条款|自动续约|排他条款)',
      '\\d+年(?:的)?(?:合同)?太长|(?:保修|质保)(?:期)?(?:太短|只有)|(?:法务|律师)(?:要|得|需要)?(?:审|看|过)(?:一下)?(?:条款|合同)',
      '(?:公司|我们)(?:规定|政策)(?:是|要求)?[^,，。]{0,10}(?:账期|付款|\\d+天)',
      '\\bpayment terms?\\b|\\bnet \\d+\\b|\\bpay (?:all )?(?:our )?vendors at\\b|\\bpayment in \\d+ days\\b|\\bupfront (?:payment|fee)\\b',
      '\\b(?:contract|term) (?:is |seems )?too long\\b|\\block-?in\\b|\\bauto-?renew(?:al)?\\b|\\bliability (?:cap|clause)\\b|\\btermination (?:clause|fee)\\b',
      "\\bpenalty clause\\b|\\bwarranty (?:is )?too short\\b|\\bcan'?t accept (?:the|these|those) terms\\b|\\b(?:legal|our lawyers?) (?:needs? to|has to|have to|will) review\\b",
      '\\breview the (?:\\w+ )*terms\\b|\\bdata processing terms\\b',
      // Payment, term, exclusivity or cancellation terms the customer cannot accept.
      '(?:预付|首付|付款|定金|押金|分成|提成|抽成|royalty|payment)[^。?]{0,16}(?:太重|太高|压力太?大|不同意|不接受|不可能|不会签|接受不了)|(?:不可能|不接受) ?(?:预付|advance|prepay)|为什么要 ?(?:预付|prepay|annual prepay|押金|付清)',
      '账期(?:最少|至少)要|(?:我们|集团|公司|医院|国企)[^,，。]{0,4}(?:一般|规定|都是|只能|要求)[^,，。]{0,12}(?:付|\\d+天|月结|季付|验收后)|一签就是\\d+年|(?:能不能|可不可以|可以)?押[1一]付[1一]|(?:合同|协议|agreement|contract) ?里?(?:要求|写的是|写了|规定)|(?:能不能|可以|可不可以)[^,，。]{0,8}(?:monthly|quarterly|季度|按月|按季|月付|季付)',
      "\\bpay (?:quarterly|monthly|annually|in arrears)\\b|\\bnot (?:up ?front|in advance)\\b|\\bcancell?ation clause\\b|\\bright to terminate\\b|\\bearly termination\\b|\\bnet \\d+ (?:won'?t|wont|doesn'?t|doesnt|will not) work\\b|\\bonly sign (?:1|one|12)[- ](?:year|month)\\b|\\bwho pays (?:for (?:our|the) (?:breach|penalty|penalties|delay)|if)\\b|\\bbefore we sign\\b|\\b\\d+-month term\\b|\\bi (?:will|'ll) cancel\\b|\\bnever told (?:to )?us\\b|\\bhidden (?:fees?|costs?|charges?)\\b|\\brather (?:rent|lease)\\b|\\brather than (?:buy|buying|pay upfront)\\b|\\b(?:retention|exclusivity|renewal|indemnity|non-compete) clause\\b",
    ].join('|'),
  ),
};

/**
 * Cues that count only when the turn has no strong cue of `OBJECTION_CUES`,
 * because a stall or a comparison that names its reason ("we'll have to think,
 * it's over budget") takes that reason's type.
 */
export const FALLBACK_CUES: ReadonlyArray<{ type: ObjectionType; pattern: RegExp }> = [
  {
    // The customer needs to think, about nothing named or about the offer itself, at the end of a clause.
    type: 'timing',
    pattern:
      /(?<!\bdo )\b(?:i|we)(?:'?ll|'?d| will| would)? (?:need|have|want) to think(?: (?:about|over) (?:it|this|that|that one|the (?:price|pricing|cost|terms|offer|proposal|quote|numbers)))?(?=\s*(?:[,.;!?]|$|to be honest\b|first\b))/,
  },
  {
    // The customer threatens to leave for another vendor, or will compare offers before deciding, but not towards the rep.
    type: 'competitor',
    pattern:
      /(?:考虑|只能|就|那就|那我们|我们会)换(?:1|一|别)家(?![^。]{0,12}(?:你们|您们|所以))|(?:再|还想|回去)(?:对比|比较)(?:1|一)?下(?![^,，。]{0,3}(?:你们|您们))|\b(?:go|switch|move) to another (?:vendor|supplier|provider|company|dealer|courier|carrier|agency|firm|bank|partner)\b/,
  },
];

/**
 * Broad topic words of customer turns, by type. A turn without a strong cue
 * is an objection when it takes a negative stance (see `OBJECTION_STANCE`)
 * and mentions a topic. The type with most topic words wins.
 */
export const CUSTOMER_TOPIC_WORDS: Readonly<Record<ObjectionType, RegExp>> = {
  price:
    /价|钱|费|预算|报价|贵|便宜|经费|成本|返点|买不起|划算|单价|总价|折扣|优惠|\d+(?:万|元|块|千)|\b(?:budget|price|pricing|costs?|expensive|cheap|cheaper|cheapest|afford|money|quoted?|fees?|dollars|thousand|per unit|a unit|a seat|discount|loan|percent more|more than we)\b/g,
  timing:
    /明年|下半年|年底|年初|下个月|月底|季度|顾不过来|停工|过段时间|旺季|大促|来不及|赶不上|等不了|\b(?:\d+ weeks|by then|in time|until|next year|autumn|spring|summer|winter|next month|quarter|busy|later|not yet|timing|wait|by the end of|earliest|renewal|season|moving)\b/g,
  authority:
    /领导|老板|总监|主任|委员会|董事会|总部|采购部|拍板|说了算|定不了|审批|签字|开会研究|一起评估|招标|上会|\b(?:decision|decides?|signs?|sign off|approve|approval|final say|cfo|ceo|boss|owner|head office|board|committee|director|procurement|run this by)\b/g,
  need: /用不上|用不到|够用|没必要|没需求|excel|微信群|团队就|小店|\b(?:fit|necessary|our own|built|in-house|excel|enough|small team|don't see)\b/g,
  competitor:
    /另外[一1]家|别家|其他家|其他供应商|之前的供应商|之前用的|现在用的|用惯|本来就在用|也在看|也看过|在谈|\b(?:other suppliers?|other vendors?|current supplier|current provider|currently use|also getting a quote|quote from|the others|alternatives|switch(?:ing)?|already (?:use|have))\b/g,
  trust:
    /担心|怕|顾虑|放心|谨慎|抵触|风险|冒险|亏|可靠|稳定|故障|出问题|投诉|骂|发错|算错|没弄好|被坑|被扣|口碑|评价|把握|白花|浪费|破损|不满意|意见|数字不对|效果|\b(?:reviews?|outages?|believe|trust|risk|worried|concerned|reliable|complained|wrong|lost|mistakes?|burned|track record|why should i)\b/g,
  technical:
    /系统|接口|api|对接|集成|兼容|迁移|导入|导出|字段|版本|数据库|服务器|响应|宕机|bug|报错|试剂|空间|放不下|尺寸|精度|功能|\b(?:login|sso|sign-on|integrat\w*|data|rows|sync\w*|compatible|samples?|rate limit|system|platform|install\w*|footprint|spec|format|module|feature)\b/g,
  terms:
    /合同|条款|付款|预付|账期|月结|违约|保修|质保|[一1]年一签|退保|续约|押金|起订量|\b(?:retention|contract|terms?|deals?|\d+-year|payment|warranty|locked in|lock-in|renewal|clause|net \d+|upfront|deposit|liability|penalty)\b/g,
};

/** Words and forms by which a customer turn takes a negative stance: contrast, limits, refusals, complaints, doubts. */
export const OBJECTION_STANCE =
  /但是|但(?=[^是])|不过|可是|只是|只有|就剩|才|不能|不行|不够|不太|没法|没办法|难|怕|担心|顾虑|谨慎|抵触|麻烦|太|差了|高了|比[^,，。]{1,10}(?:高|低|贵|便宜|好|方便|多|少)|更|至少|还是|又|一直|老是|经常|投诉|骂|错了|没弄好|买不起|凭什么|怎么保证|能不能再|\b(?:but|though|however|only|just|can't|cannot|won't|don't|doesn't|not|no|too|a lot|more than|less|higher|lower|cheaper|better|still|again|keep|twice|complain\w*|wrong|failed|stopped|lost|broke|down|slow|why should|locked|at least|at the earliest|issue|problem)\b/g;

/** Objection types in the order their strong cues are tried; at equal positions the earlier type wins. */
export const CUE_ORDER: readonly ObjectionType[] = [
  'competitor',
  'price',
  'timing',
  'authority',
  'need',
  'trust',
  'technical',
  'terms',
];

/** Words that show a rep reply is about the objection's topic, by type. */
export const TOPIC_WORDS: Readonly<Record<ObjectionType, RegExp>> = {
  price:
    /价|钱|费|成本|预算|折|优惠|便宜|贵|分期|付款|投入|回报|roi|回本|省|报价|单价|总价|性价比|\d+(?:万|元|块|千|k|%| ?percent)|\b(?:for free|price|pricing|cost|budget|discount|pay|payment|expensive|cheap|save|saving|invest|payback|financing|installment|lease|quote|fee|tier|spend)/,
  timing: /时间|时候|节奏|计划|明年|季度|排期|上线|周期|旺季|淡季|交付|到货|来得及|\b(?:when|time|timing|timeline|schedule|quarter|year|month|wait|plan|later|peak|season|rush|until|arrives?|by then|in time|delivery)/,
  authority: /领导|老板|决策|拍板|批|审批|流程|汇报|采购|上面|谁|\b(?:boss|manager|decision|decide|approve|approval|sign off|signs off|procurement|who|stakeholder|board|cfo|ceo|dean|committee)/,
  need: /需求|需要|痛点|现在|目前|效率|场景|业务|\b(?:need|currently|today|right now|problem|pain|workflow|process)/,
  competitor: /他们|别家|友商|对比|比较|区别|相比|优势|差异|\b(?:competitor|compare|comparison|difference|versus|vs|switch|them|they|their|other vendor|advantage|unlike)/,
  trust: /风险|顾虑|担心|保障|案例|安全|认证|资质|口碑|放心|试用|保证|\b(?:risk|concern|worry|secure|security|reference|case|certified|trust|track record|pilot|trial|guarantee)/,
  technical: /系统|接口|api|兼容|对接|集成|部署|技术|版本|迁移|数据|性能|环境|工程师|修复|排查|工单|\b(?:system|api|integrat|compatib|deploy|technical|version|migrat|data|performance|engineer|stack|connector|platform|fix|workaround|ticket|support|patch)/,
  terms: /条款|合同|账期|付款|预付|期限|违约|续约|保修|条件|发票|\d+ ?天(?:账期|付款?|结|内付)|(?:货到|验收后|开票后)\d* ?天?(?:付|结)|\b(?:terms?|contract|payment|net \d+|upfront|clause|renewal|warranty|liability|invoice|legal|deals?|\d+-year|\d+ days (?:after|from|net))/,
};
