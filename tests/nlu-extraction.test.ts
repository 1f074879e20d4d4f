/** Labelled tables for requirement, commitment, pain and contract clause extraction in Chinese and English. */
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../src/domain/transcript.js';
import { parseContractText } from '../src/nlu/contract-clauses.js';
import { extractCall } from '../src/nlu/extract-call.js';
import { EMPTY_GLOSSARY, parseGlossary } from '../src/nlu/glossary.js';

function customerTranscript(text: string): Transcript {
  return { turns: [{ speaker: 'customer', text }], rolesKnown: true, callEnded: true };
}

function repTranscript(text: string): Transcript {
  return { turns: [{ speaker: 'rep', text }], rolesKnown: true, callEnded: true };
}

// [sentence, metric, comparator, value, unit]
const REQUIREMENTS: Array<[string, string, string, number, string]> = [
  ['远程诊断响应不能超过15分钟', 'response_time', 'lte', 15, 'minute'],
  ['远程诊断响应不能超过十五分钟', 'response_time', 'lte', 15, 'minute'],
  ['响应时间不超过半小时', 'response_time', 'lte', 30, 'minute'],
  ['你们必须在两小时内响应', 'response_time', 'lte', 120, 'minute'],
  ['故障响应最多一个小时', 'response_time', 'lte', 60, 'minute'],
  ['工程师四小时内到场', 'onsite_time', 'lte', 240, 'minute'],
  ['出了故障要求24小时之内上门', 'onsite_time', 'lte', 1440, 'minute'],
  ['故障修复不能超过八小时', 'resolution_time', 'lte', 480, 'minute'],
  ['交付周期三十个工作日以内', 'delivery_time', 'lte', 30, 'day'],
  ['最晚两周内交货', 'delivery_time', 'lte', 14, 'day'],
  ['设备要在3个月内完成部署', 'delivery_time', 'lte', 90, 'day'],
  ['三月底前必须上线', 'delivery_date', 'lte', 331, 'month_day'],
  ['6月15日之前交付', 'delivery_date', 'lte', 615, 'month_day'],
  ['账期最多六十天', 'payment_term', 'lte', 60, 'day'],
  ['账期至少90天', 'payment_term', 'gte', 90, 'day'],
  ['付款周期我们要三个月', 'payment_term', 'eq', 90, 'day'],
  ['回款不能少于45天', 'payment_term', 'gte', 45, 'day'],
  ['系统可用性不低于99.9%', 'uptime', 'gte', 99.9, 'percent'],
  ['百分之九十九点九的可用性是底线', 'uptime', 'gte', 99.9, 'percent'],
  ['在线率要达到99.5%以上', 'uptime', 'gte', 99.5, 'percent'],
  ['预算不超过五十万元', 'price', 'lte', 500000, 'yuan'],
  ['总价最多120万', 'price', 'lte', 1200000, 'yuan'],
  ['单价不能高于3000元', 'price', 'lte', 3000, 'yuan'],
  ['价格最好控制在八十万以内', 'price', 'lte', 800000, 'yuan'],
  ['质保至少两年', 'warranty', 'gte', 24, 'month'],
  ['保修期要18个月', 'warranty', 'gte', 18, 'month'],
  ['折扣至少15%', 'discount', 'gte', 15, 'percent'],
  ['We need remote diagnostics to respond within 15 minutes', 'response_time', 'lte', 15, 'minute'],
  ['Response time must be no more than 2 hours', 'response_time', 'lte', 120, 'minute'],
  ['You have to get back to us within half an hour', 'response_time', 'lte', 30, 'minute'],
  ['An engineer must be on site within four hours', 'onsite_time', 'lte', 240, 'minute'],
  ['Fix critical issues in under 8 hours', 'resolution_time', 'lte', 480, 'minute'],
  ['We need it delivered by end of March', 'delivery_date', 'lte', 331, 'month_day'],
  ['It has to ship before June 30', 'delivery_date', 'lte', 630, 'month_day'],
  ['Delivery within 30 days', 'delivery_time', 'lte', 30, 'day'],
  ['Lead time of at most six weeks', 'delivery_time', 'lte', 42, 'day'],
  ['Our payment terms are net 60', 'payment_term', 'eq', 60, 'day'],
  ['We can only do net sixty', 'payment_term', 'eq', 60, 'day'],
  ['We pay within 45 days at most', 'payment_term', 'lte', 45, 'day'],
  ['Uptime 99.9', 'uptime', 'gte', 99.9, 'percent'],
  ['Availability of at least 99.95%', 'uptime', 'gte', 99.95, 'percent'],
  ['Our budget is no more than 500k', 'price', 'lte', 500000, 'yuan'],
  ['The price cannot exceed 2 million yuan', 'price', 'lte', 2000000, 'yuan'],
  ['The warranty must be at least 3 years', 'warranty', 'gte', 36, 'month'],
  ['远程诊断的response time不能超过15 minutes', 'response_time', 'lte', 15, 'minute'],
  ['uptime要99.9%以上', 'uptime', 'gte', 99.9, 'percent'],
];

describe('requirement extraction', () => {
  it('has at least 40 labelled sentences', () => {
    expect(REQUIREMENTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(REQUIREMENTS)('reads "%s"', (sentence, metric, comparator, value, unit) => {
    const { requirements } = extractCall(customerTranscript(sentence), EMPTY_GLOSSARY);
    expect(requirements).toHaveLength(1);
    const [requirement] = requirements;
    expect(requirement!.metric).toBe(metric);
    expect(requirement!.comparator).toBe(comparator);
    expect(requirement!.value).toBe(value);
    expect(requirement!.unit).toBe(unit);
    expect(requirement!.turnIndex).toBe(0);
    expect(sentence.slice(requirement!.span.start, requirement!.span.end)).toBe(requirement!.text);
  });

  it.each([
    '我们有3台设备',
    '明天下午三点再聊',
    'We have 40 engineers on the team',
    'iso9001 认证我们有',
  ])('finds nothing in "%s"', (sentence) => {
    expect(extractCall(customerTranscript(sentence), EMPTY_GLOSSARY).requirements).toEqual([]);
  });

  it('marks insistent asks as strength 2', () => {
    const [strong] = extractCall(customerTranscript('响应必须在15分钟以内'), EMPTY_GLOSSARY).requirements;
    const [plain] = extractCall(customerTranscript('响应15分钟左右吧'), EMPTY_GLOSSARY).requirements;
    expect(strong!.strength).toBe(2);
    expect(plain!.strength).toBe(1);
  });

  it('reads glossary metric names', () => {
    const glossary = parseGlossary({ metrics: [{ metric: 'onsite_time', names: ['到达时效'] }], synonyms: [['到达时效', 'arrival sla']] });
    const [chinese] = extractCall(customerTranscript('到达时效不超过3小时'), glossary).requirements;
    const [english] = extractCall(customerTranscript('arrival sla within 3 hours'), glossary).requirements;
    expect(chinese!.metric).toBe('onsite_time');
    expect(english!.metric).toBe('onsite_time');
    expect(english!.value).toBe(180);
  });

  it('ignores the requirement words of rep and unknown turns', () => {
    const transcript: Transcript = {
      turns: [
        { speaker: 'rep', text: '您那边响应时间要求多少？' },
        { speaker: 'unknown', text: '响应不能超过15分钟' },
      ],
      rolesKnown: false,
      callEnded: true,
    };
    expect(extractCall(transcript, EMPTY_GLOSSARY).requirements).toEqual([]);
  });
});

// [sentence, metric, comparator, value, unit]
const COMMITMENTS: Array<[string, string, string, number, string]> = [
  ['我们可以保证两小时到场', 'onsite_time', 'lte', 120, 'minute'],
  ['我们承诺15分钟内响应', 'response_time', 'lte', 15, 'minute'],
  ['交付我们能做到30天以内', 'delivery_time', 'lte', 30, 'day'],
  ['账期可以给到90天', 'payment_term', 'eq', 90, 'day'],
  ['质保我们可以给三年', 'warranty', 'gte', 36, 'month'],
  ['We guarantee 99.9% uptime', 'uptime', 'gte', 99.9, 'percent'],
  ["We'll have an engineer on site within 4 hours", 'onsite_time', 'lte', 240, 'minute'],
  ['We can respond within 30 minutes', 'response_time', 'lte', 30, 'minute'],
  ['I promise delivery by end of April', 'delivery_date', 'lte', 430, 'month_day'],
];

describe('commitment extraction', () => {
  it.each(COMMITMENTS)('reads "%s"', (sentence, metric, comparator, value, unit) => {
    const { commitments } = extractCall(repTranscript(sentence), EMPTY_GLOSSARY);
    expect(commitments).toHaveLength(1);
    expect(commitments[0]!.metric).toBe(metric);
    expect(commitments[0]!.comparator).toBe(comparator);
    expect(commitments[0]!.value).toBe(value);
    expect(commitments[0]!.unit).toBe(unit);
  });

  it.each(['响应15分钟够吗？', 'How fast do you need us to respond, within 15 minutes?', '行业平均响应时间是2小时'])(
    'finds no promise in "%s"',
    (sentence) => {
      expect(extractCall(repTranscript(sentence), EMPTY_GLOSSARY).commitments).toEqual([]);
    },
  );
});

// [sentence, level]
const PAINS: Array<[string, string]> = [
  ['我们整个行业设备联网率都很低', 'industry'],
  ['制造业现在政策压力很大', 'industry'],
  ['The whole industry struggles with connected equipment', 'industry'],
  ['Regulation in our sector is a constant headache', 'industry'],
  ['我们部门运维成本太高了', 'role'],
  ['老板每个月考核我停机时间，压力很大', 'role'],
  ['My team spends half the week on manual reports', 'role'],
  ["I'm responsible for uptime and outages hit my KPI", 'role'],
  ['产线一停机就影响OEE', 'scenario'],
  ['每次设备故障都要等工程师半天', 'scenario'],
  ['Every time the line stops we lose a shift of output', 'scenario'],
  ['Downtime on the night shift costs us a lot', 'scenario'],
];

describe('pain extraction', () => {
  it.each(PAINS)('tags "%s" as %s', (sentence, level) => {
    const { pains } = extractCall(customerTranscript(sentence), EMPTY_GLOSSARY);
    expect(pains).toHaveLength(1);
    expect(pains[0]!.level).toBe(level);
    expect(pains[0]!.text).toBe(sentence);
  });

  it.each(['好的，下周三见', 'Sounds good, send me the deck', '你们遇到过什么问题吗？', 'What problems do other customers have?'])(
    'finds no pain in "%s"',
    (sentence) => {
      expect(extractCall(customerTranscript(sentence), EMPTY_GLOSSARY).pains).toEqual([]);
    },
  );

  it('returns one pain per sentence with its span', () => {
    const text = '我们运维成本太高。产线经常停机。';
    const { pains } = extractCall(customerTranscript(text), EMPTY_GLOSSARY);
    expect(pains.map((pain) => pain.text)).toEqual(['我们运维成本太高', '产线经常停机']);
    expect(text.slice(pains[1]!.span.start, pains[1]!.span.end)).toBe('产线经常停机');
  });
});

// [clause text, kind, metric, comparator, value, unit]
const CLAUSES: Array<[string, string, string | null, string | null, number | null, string | null]> = [
  ['远程诊断响应时间不超过2小时', 'sla', 'response_time', 'lte', 120, 'minute'],
  ['乙方应在接到报修后4小时内到达现场', 'sla', 'onsite_time', 'lte', 240, 'minute'],
  ['系统年可用性不低于99.5%', 'sla', 'uptime', 'gte', 99.5, 'percent'],
  ['乙方应于合同签订后30个工作日内完成交付', 'delivery', 'delivery_time', 'lte', 30, 'day'],
  ['甲方在验收后60天内付清全款', 'payment', 'payment_term', 'lte', 60, 'day'],
  ['合同总价为人民币120万元', 'price', 'price', 'eq', 1200000, 'yuan'],
  ['质保期为两年', 'warranty', 'warranty', 'gte', 24, 'month'],
  ['Supplier shall respond to support requests within 4 hours', 'sla', 'response_time', 'lte', 240, 'minute'],
  ['Payment terms: net 60', 'payment', 'payment_term', 'eq', 60, 'day'],
  ['Payment terms: net 60 days', 'payment', 'payment_term', 'eq', 60, 'day'],
  ['Payment terms: net 2 months', 'payment', 'payment_term', 'eq', 60, 'day'],
  ['Payment terms: net 3 weeks', 'payment', 'payment_term', 'eq', 21, 'day'],
  ['合同总价为1,200,000元', 'price', 'price', 'eq', 1200000, 'yuan'],
  ['合同总价为120万元', 'price', 'price', 'eq', 1200000, 'yuan'],
  ['合同总价为1,200万元', 'price', 'price', 'eq', 12000000, 'yuan'],
  ['The total price is 1,200,000 yuan', 'price', 'price', 'eq', 1200000, 'yuan'],
  ['The total price is RMB 1,200,000.50', 'price', 'price', 'eq', 1200000.5, 'yuan'],
  ['The total price is 1.2 million yuan', 'price', 'price', 'eq', 1200000, 'yuan'],
  ['Delivery no later than March 31', 'delivery', 'delivery_date', 'lte', 331, 'month_day'],
  ['The warranty period is 12 months', 'warranty', 'warranty', 'gte', 12, 'month'],
  ['双方应对本合同内容保密', 'other', null, null, null, null],
  ['Either party may terminate with written notice', 'other', null, null, null, null],
];

describe('contract clause parsing', () => {
  it.each(CLAUSES)('parses "%s"', (text, kind, metric, comparator, value, unit) => {
    const clauses = parseContractText(text, EMPTY_GLOSSARY);
    expect(clauses).toHaveLength(1);
    expect(clauses[0]).toEqual({ kind, metric, comparator, value, unit, text });
  });

  it('splits clause text into sentences', () => {
    const clauses = parseContractText('响应时间不超过2小时。质保期为两年。', EMPTY_GLOSSARY);
    expect(clauses.map((clause) => clause.metric)).toEqual(['response_time', 'warranty']);
    expect(clauses[1]!.text).toBe('质保期为两年');
  });
});
