/**
 * Bilingual labels of the evaluation report: pitfall and objection type
 * names and the report's headings, in English and Simplified Chinese.
 */

import type { ObjectionType, PitfallType } from '../domain/pitfalls.js';
import type { Locale } from '../errors/registry.js';

// NOTE: the pitfall and objection names belong in a project-wide catalogue, which does not exist yet.

/** Display name of each pitfall type. */
export const PITFALL_NAMES: Record<PitfallType, Record<Locale, string>> = {
  vague_commitment: { en: 'vague commitment', 'zh-CN': '模糊承诺' },
  over_commitment: { en: 'over-commitment', 'zh-CN': '过度承诺' },
  responsibility_evasion: { en: 'responsibility evasion', 'zh-CN': '回避责任' },
  absolute_claim: { en: 'absolute claim', 'zh-CN': '绝对化用语' },
  unauthorized_concession: { en: 'unauthorized concession', 'zh-CN': '越权让利' },
  improper_benefit: { en: 'improper benefit', 'zh-CN': '不当利益' },
  competitor_disparagement: { en: 'competitor disparagement', 'zh-CN': '诋毁竞品' },
  pressure_tactic: { en: 'pressure tactic', 'zh-CN': '施压逼单' },
  objection_ignored: { en: 'objection ignored', 'zh-CN': '回避异议' },
  interruption: { en: 'interruption', 'zh-CN': '抢话打断' },
  monologue: { en: 'monologue', 'zh-CN': '长时间独白' },
  no_next_step: { en: 'no next step', 'zh-CN': '未约定下一步' },
};

/** Display name of each objection type. */
export const OBJECTION_NAMES: Record<ObjectionType, Record<Locale, string>> = {
  price: { en: 'price', 'zh-CN': '价格' },
  timing: { en: 'timing', 'zh-CN': '时机' },
  authority: { en: 'authority', 'zh-CN': '决策权' },
  need: { en: 'need', 'zh-CN': '需求' },
  competitor: { en: 'competitor', 'zh-CN': '竞品' },
  trust: { en: 'trust', 'zh-CN': '信任与风险' },
  technical: { en: 'technical', 'zh-CN': '技术适配' },
  terms: { en: 'terms', 'zh-CN': '合同条款' },
};

/** Headings and phrases of the text report. */
export interface ReportText {
  title: (goldPath: string, conversations: number, languageCounts: string) => string;
  pitfallsHeading: string;
  typeColumn: string;
  goldColumn: string;
  predictedColumn: string;
  precisionColumn: string;
  recallColumn: string;
  macroF1: (value: string, typeCount: number) => string;
  excludedTypes: (types: string) => string;
  microF1: (f1: string, precision: string, recall: string) => string;
  objectionsHeading: string;
  matchedColumn: string;
  matchedFigures: (typeAccuracy: string, depthAccuracy: string, depthMae: string) => string;
  depthConfusionHeading: string;
  labelledDepth: string;
  byLanguageHeading: string;
  languageColumn: string;
  conversationsColumn: string;
  macroF1Column: string;
  microF1Column: string;
  objectionF1Column: string;
  skippedHeading: string;
  skippedLine: (type: string, conversations: number) => string;
  errorsHeading: string;
  falsePositives: string;
  falseNegatives: string;
  mismatches: string;
  objectionsLabel: string;
  more: (count: number) => string;
  none: string;
  notAvailable: string;
}

/** Report text per locale. */
export const REPORT_TEXT: Record<Locale, ReportText> = {
  en: {
    title: (goldPath, conversations, languageCounts) =>
      `Evaluation of ${goldPath}: ${conversations} ${conversations === 1 ? 'conversation' : 'conversations'} (${languageCounts})`,
    pitfallsHeading: 'Pitfalls',
    typeColumn: 'type',
    goldColumn: 'gold',
    predictedColumn: 'pred',
    precisionColumn: 'precision',
    recallColumn: 'recall',
    macroF1: (value, typeCount) => `macro-F1 ${value} (mean over ${typeCount} ${typeCount === 1 ? 'type' : 'types'})`,
    excludedTypes: (types) => `left out of the macro mean, no labels and no predictions: ${types}`,
    microF1: (f1, precision, recall) => `micro-F1 ${f1} (precision ${precision}, recall ${recall})`,
    objectionsHeading: 'Objections (matched on the customer turn)',
    matchedColumn: 'matched',
    matchedFigures: (typeAccuracy, depthAccuracy, depthMae) =>
      `over matched objections: type accuracy ${typeAccuracy}, depth accuracy ${depthAccuracy}, depth MAE ${depthMae}`,
    depthConfusionHeading: 'Depth confusion (rows: labelled depth, columns: predicted depth)',
    labelledDepth: 'gold\\pred',
    byLanguageHeading: 'By language',
    languageColumn: 'language',
    conversationsColumn: 'conversations',
    macroF1Column: 'macro-F1',
    microF1Column: 'micro-F1',
    objectionF1Column: 'objection F1',
    skippedHeading: 'Skipped detectors (their labels count as misses)',
    skippedLine: (type, conversations) => `${type}: skipped on ${conversations} ${conversations === 1 ? 'conversation' : 'conversations'}`,
    errorsHeading: 'Errors for tuning (conversation#turn)',
    falsePositives: 'false positives',
    falseNegatives: 'false negatives',
    mismatches: 'type or depth mismatches',
    objectionsLabel: 'objections',
    more: (count) => `... and ${count} more (see --json)`,
    none: 'none',
    notAvailable: 'n/a',
  },
  'zh-CN': {
    title: (goldPath, conversations, languageCounts) => `评测 ${goldPath}：共 ${conversations} 个会话（${languageCounts}）`,
    pitfallsHeading: '话术陷阱',
    typeColumn: '类型',
    goldColumn: '标注',
    predictedColumn: '预测',
    precisionColumn: '精确率',
    recallColumn: '召回率',
    macroF1: (value, typeCount) => `宏平均 F1 ${value}（对 ${typeCount} 个类型取平均）`,
    excludedTypes: (types) => `未计入宏平均（既无标注也无预测）：${types}`,
    microF1: (f1, precision, recall) => `微平均 F1 ${f1}（精确率 ${precision}，召回率 ${recall}）`,
    objectionsHeading: '客户异议（按客户轮次匹配）',
    matchedColumn: '匹配',
    matchedFigures: (typeAccuracy, depthAccuracy, depthMae) =>
      `已匹配异议：类型准确率 ${typeAccuracy}，深度准确率 ${depthAccuracy}，深度平均绝对误差 ${depthMae}`,
    depthConfusionHeading: '深度混淆矩阵（行：标注深度，列：预测深度）',
    labelledDepth: '标注\\预测',
    byLanguageHeading: '按语言',
    languageColumn: '语言',
    conversationsColumn: '会话数',
    macroF1Column: '宏平均 F1',
    microF1Column: '微平均 F1',
    objectionF1Column: '异议 F1',
    skippedHeading: '跳过的检测器（其标注计为漏检）',
    skippedLine: (type, conversations) => `${type}：在 ${conversations} 个会话上跳过`,
    errorsHeading: '调优用错误清单（会话#轮次）',
    falsePositives: '误报',
    falseNegatives: '漏报',
    mismatches: '类型或深度不符',
    objectionsLabel: '客户异议',
    more: (count) => `……另有 ${count} 条（见 --json）`,
    none: '无',
    notAvailable: '—',
  },
};
