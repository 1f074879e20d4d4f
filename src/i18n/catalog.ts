/**
 * The one bilingual catalogue of user-facing labels and score texts. API
 * responses, reports and score explanations take every label from here, in
 * Simplified Chinese or English. Error messages live in the error registry.
 */

import type { Locale } from '../errors/registry.js';

export type { Locale } from '../errors/registry.js';
export { localeFromAcceptLanguage } from './accept-language.js';

/** Both supported locales, Simplified Chinese first because the first users read it. */
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

interface Entry {
  en: string;
  'zh-CN': string;
}

/**
 * Every label in both locales. A `{name}` placeholder is filled from the
 * `params` of `t`, and both texts of an entry use the same placeholders.
 * Severities are 轻微 / 一般 / 严重 because that order reads as rising
 * severity to Chinese readers, while 严重 and 重大 do not rank clearly.
 */
export const CATALOG = {
  'pitfall.vague_commitment': { en: 'Vague commitment', 'zh-CN': '模糊承诺' },
  'pitfall.over_commitment': { en: 'Over-commitment', 'zh-CN': '过度承诺' },
  'pitfall.responsibility_evasion': { en: 'Responsibility evasion', 'zh-CN': '回避责任' },
  'pitfall.absolute_claim': { en: 'Absolute claim', 'zh-CN': '绝对化用语' },
  'pitfall.unauthorized_concession': { en: 'Unauthorized concession', 'zh-CN': '越权让利' },
  'pitfall.improper_benefit': { en: 'Improper benefit', 'zh-CN': '不当利益' },
  'pitfall.competitor_disparagement': { en: 'Competitor disparagement', 'zh-CN': '诋毁竞品' },
  'pitfall.pressure_tactic': { en: 'Pressure tactic', 'zh-CN': '施压逼单' },
  'pitfall.objection_ignored': { en: 'Objection ignored', 'zh-CN': '回避异议' },
  'pitfall.interruption': { en: 'Interruption', 'zh-CN': '抢话打断' },
  'pitfall.monologue': { en: 'Monologue', 'zh-CN': '长时间独白' },
  'pitfall.no_next_step': { en: 'No next step', 'zh-CN': '未约定下一步' },

  // Kinds of masked personal data; redaction writes them in brackets, [手机号] or [phone].
  'pii.mobile': { en: 'phone', 'zh-CN': '手机号' },
  'pii.landline': { en: 'phone', 'zh-CN': '座机号' },
  'pii.phone': { en: 'phone', 'zh-CN': '电话号码' },
  'pii.resident_id': { en: 'ID number', 'zh-CN': '身份证号' },
  'pii.bank_card': { en: 'card number', 'zh-CN': '银行卡号' },
  'pii.email': { en: 'email', 'zh-CN': '邮箱' },
  'pii.ssn': { en: 'SSN', 'zh-CN': '社会安全号' },

  'severity.minor': { en: 'Minor', 'zh-CN': '轻微' },
  'severity.major': { en: 'Major', 'zh-CN': '一般' },
  'severity.critical': { en: 'Critical', 'zh-CN': '严重' },

  'objection.price': { en: 'Price', 'zh-CN': '价格' },
  'objection.timing': { en: 'Timing', 'zh-CN': '时机' },
  'objection.authority': { en: 'Authority', 'zh-CN': '决策权' },
  'objection.need': { en: 'Need', 'zh-CN': '需求' },
  'objection.competitor': { en: 'Competitor', 'zh-CN': '竞品' },
  'objection.trust': { en: 'Trust and risk', 'zh-CN': '信任与风险' },
  'objection.technical': { en: 'Technical fit', 'zh-CN': '技术适配' },
  'objection.terms': { en: 'Contract terms', 'zh-CN': '合同条款' },

  'handlingDepth.0': { en: 'Ignored', 'zh-CN': '未回应' },
  'handlingDepth.1': { en: 'Acknowledged', 'zh-CN': '已认同' },
  'handlingDepth.2': { en: 'Explored', 'zh-CN': '已探询' },
  'handlingDepth.3': { en: 'Responded', 'zh-CN': '已回应' },
  'handlingDepth.4': { en: 'Resolved', 'zh-CN': '已解决' },

  'callStatus.uploaded': { en: 'Uploaded', 'zh-CN': '已上传' },
  'callStatus.transcribing': { en: 'Transcribing', 'zh-CN': '转写中' },
  'callStatus.analyzing': { en: 'Analyzing', 'zh-CN': '分析中' },
  'callStatus.scored': { en: 'Scored', 'zh-CN': '已评分' },
  'callStatus.failed': { en: 'Failed', 'zh-CN': '失败' },

  'findingStatus.unreviewed': { en: 'Unreviewed', 'zh-CN': '待审核' },
  'findingStatus.confirmed': { en: 'Confirmed', 'zh-CN': '已确认' },
  'findingStatus.dismissed': { en: 'Dismissed', 'zh-CN': '已驳回' },

  // Why a coach dismissed a finding.
  'reviewReason.wrong_speaker': { en: 'Wrong speaker', 'zh-CN': '说话人识别错误' },
  'reviewReason.transcription_error': { en: 'Transcription error', 'zh-CN': '转写错误' },
  'reviewReason.not_pitfall_in_context': { en: 'Not a pitfall in context', 'zh-CN': '结合上下文不属于陷阱' },
  'reviewReason.allowed_by_policy': { en: 'Allowed by policy', 'zh-CN': '符合公司政策' },

  'layer.intent': { en: 'Intent layer', 'zh-CN': '意图层' },
  'layer.behavior': { en: 'Behavior layer', 'zh-CN': '行为层' },
  'layer.result': { en: 'Result layer', 'zh-CN': '结果层' },

  'speaker.rep': { en: 'Rep', 'zh-CN': '销售' },
  'speaker.customer': { en: 'Customer', 'zh-CN': '客户' },
  'speaker.unknown': { en: 'Unknown', 'zh-CN': '未知' },

  // How the rep of a diarized mono call was found.
  'roleMethod.enrolled_voice': { en: 'Matched with the rep’s enrolled voice', 'zh-CN': '与销售登记的声纹比对' },
  'roleMethod.text': { en: 'Guessed from what each speaker said', 'zh-CN': '根据双方的说话内容推断' },
  'roleMethod.conflict': { en: 'Enrolled voice and words disagree', 'zh-CN': '登记的声纹与说话内容结论不一致' },

  'call.note.noSpeech': {
    en: 'No speech was found in this recording, only silence, tones, music or noise, so there was nothing to analyse. The score means no pitfall was found, not that a conversation was checked. Check that the right file and channel layout were uploaded.',
    'zh-CN': '该录音中未检测到语音，只有静音、提示音、音乐或噪声，因此没有可分析的内容。评分只表示未发现话术陷阱，并不代表检查过一段对话。请确认上传的文件和声道布局是否正确。',
  },
  'call.note.rolesUnknown': {
    en: 'Mono recording with one voice found: the speaker roles are unknown, so these detectors did not run: {detectors}; objections were not detected either. Upload a stereo recording with the rep on one channel to get roles.',
    'zh-CN': '单声道录音中只识别出一个说话人，说话人角色未知，因此以下检测未运行：{detectors}；客户异议也未检测。如需区分角色，请上传销售单独占一个声道的立体声录音。',
  },
  'call.note.rolesUncertain': {
    en: 'Mono recording with two voices found, but neither their words nor an enrolled voice showed which one is the rep, so these detectors did not run: {detectors}; objections were not detected either. Enrol the rep’s voice with PUT /v1/reps/:repId/voice or upload a stereo recording.',
    'zh-CN': '单声道录音中识别出两个说话人，但从说话内容和登记的声纹都无法判断哪一位是销售，因此以下检测未运行：{detectors}；客户异议也未检测。请通过 PUT /v1/reps/:repId/voice 登记销售的声纹，或上传立体声录音。',
  },

  'call.note.rolesConflict': {
    en: 'Mono recording: the rep’s enrolled voice and the words of the two voices point to different speakers as the rep, so the roles are unknown and these detectors did not run: {detectors}; objections were not detected either. Check who enrolled the voice (GET /v1/reps/:repId/voice) and enrol it again from a sample of the rep, or upload a stereo recording.',
    'zh-CN': '单声道录音：按登记的声纹与按双方说话内容判断出的销售不是同一人，因此说话人角色未知，以下检测未运行：{detectors}；客户异议也未检测。请通过 GET /v1/reps/:repId/voice 查看声纹由谁登记，并用销售本人的录音重新登记，或上传立体声录音。',
  },

  'cli.heading.transcript': { en: 'Transcript', 'zh-CN': '转写文本' },
  'cli.heading.findings': { en: 'Findings', 'zh-CN': '话术陷阱' },
  'cli.heading.objections': { en: 'Objections', 'zh-CN': '客户异议' },
  'cli.models.installed': { en: 'installed', 'zh-CN': '已安装' },
  'cli.models.notInstalled': { en: 'not installed', 'zh-CN': '未安装' },
  'cli.models.installedIn': { en: 'installed {model} in {dir}', 'zh-CN': '已将 {model} 安装到 {dir}' },
  'cli.models.removed': { en: 'removed {model}', 'zh-CN': '已删除 {model}' },
  'cli.models.wasNotInstalled': { en: '{model} was not installed', 'zh-CN': '{model} 未安装，无需删除' },
  'cli.users.created': { en: 'created user {email} ({role}), id {id}', 'zh-CN': '已创建用户 {email}（{role}），id 为 {id}' },
  'cli.users.generatedPassword': {
    en: 'generated password (shown only now): {password}',
    'zh-CN': '已生成密码（仅显示这一次）：{password}',
  },
  'cli.keys.created': {
    en: 'created API key {id} for {email}; send it as "Authorization: Bearer <key>". It is shown only now:',
    'zh-CN': '已为 {email} 创建 API 密钥 {id}；请以 "Authorization: Bearer <密钥>" 发送。密钥仅显示这一次：',
  },
  'cli.keys.revoked': { en: 'revoked API key {id}', 'zh-CN': '已吊销 API 密钥 {id}' },
  'cli.noSpeech': { en: '(no speech found)', 'zh-CN': '（未检测到语音）' },
  'cli.rolesUnknown': {
    en: 'Speaker roles are unknown (mono recording); pass --layout stereo-rep-left or stereo-rep-right for a stereo call.',
    'zh-CN': '说话人角色未知（单声道录音）；立体声录音请加 --layout stereo-rep-left 或 stereo-rep-right。',
  },

  'score.reason.intentNotComputed': {
    en: 'Not computed: the deal has no pain tags yet. Create the deal with PUT /v1/deals/:id and send its tags with PUT /v1/deals/:id/intent.',
    'zh-CN': '暂未计算：该商机还没有痛点标签。请先通过 PUT /v1/deals/:id 创建商机，再通过 PUT /v1/deals/:id/intent 提交标签。',
  },
  'score.reason.resultNotComputed': {
    en: 'Not computed: the deal has no contract clauses yet. Create the deal with PUT /v1/deals/:id and send its clauses with PUT /v1/deals/:id/contract.',
    'zh-CN': '暂未计算：该商机还没有合同条款。请先通过 PUT /v1/deals/:id 创建商机，再通过 PUT /v1/deals/:id/contract 提交条款。',
  },
  'score.reason.noScoredCalls': {
    en: 'The deal has no scored calls, so the behavior layer has no evidence.',
    'zh-CN': '该商机没有已评分的通话，行为层缺少依据。',
  },
  'score.reason.layersMissing': {
    en: 'No overall score while a layer has none ({layers}). The layers are combined only when all three are scored.',
    'zh-CN': '{layers}尚无评分，因此不计算综合分。三层均有评分后才会合并。',
  },

  'score.note.noObjections': {
    en: 'The customer raised no objections, so objection handling deducts 0 points, as if at full marks.',
    'zh-CN': '客户未提出异议，异议处理扣 0 分，按满分计。',
  },
  'score.note.rolesUnknown': {
    en: 'Speaker roles are unknown, so objections were not detected and objection handling deducts 0 points. The score may be too high.',
    'zh-CN': '说话人角色未知，未检测客户异议，异议处理扣 0 分。该分数可能偏高。',
  },
  'score.note.detectorsSkipped': {
    en: 'Not checked because the transcript lacks speaker roles or turn timings: {types}.',
    'zh-CN': '因转写缺少说话人角色或时间信息，未检查：{types}。',
  },
  'score.note.noRepTurns': {
    en: 'The call has no rep turns, so no rep behavior was observed.',
    'zh-CN': '该通话没有销售发言，未观察到销售行为。',
  },
  'score.note.floored': {
    en: 'The deductions total {total} points, more than 100, so the score is floored at 0.',
    'zh-CN': '扣分合计 {total} 分，超过 100 分，得分按 0 计。',
  },
  'score.note.durationImputed': {
    en: '{count} call(s) have no known duration and are weighted with the mean known duration, {seconds} s.',
    'zh-CN': '{count} 个通话时长未知，按已知通话的平均时长 {seconds} 秒加权。',
  },
  'score.note.equalWeights': {
    en: 'No call has a known duration, so every call has the same weight.',
    'zh-CN': '所有通话时长均未知，各通话权重相同。',
  },

  'score.formula.behavior': {
    en: '100 - pitfall deductions ({pitfallTerm}) - objection handling ({objectionTerm}) = {result}',
    'zh-CN': '100 - 话术陷阱扣分（{pitfallTerm}）- 异议处理扣分（{objectionTerm}）= {result}',
  },
  'score.formula.noPitfalls': { en: 'none = 0', 'zh-CN': '无 = 0' },
  'score.formula.objectionDepth': {
    en: '{maxPoints} × (4 - mean depth {meanDepth}) / 4 {relation} {points}',
    'zh-CN': '{maxPoints} × (4 - 平均深度 {meanDepth}) / 4 {relation} {points}',
  },
  'score.formula.noObjections': { en: 'no objections = 0', 'zh-CN': '无异议 = 0' },
  'score.formula.objectionsNotDetected': { en: 'objections not detected = 0', 'zh-CN': '未检测异议 = 0' },
  'score.formula.floored': { en: '{raw}, floored at 0', 'zh-CN': '{raw}，按 0 计' },
  'score.formula.dealBehavior': {
    en: 'duration-weighted mean of {count} call score(s): ({terms}) / {totalSeconds} s = {score}',
    'zh-CN': '{count} 个通话得分按时长加权平均：({terms}) / {totalSeconds} 秒 = {score}',
  },
  'score.formula.dealBehaviorEqual': {
    en: 'mean of {count} call score(s): ({terms}) / {count} = {score}',
    'zh-CN': '{count} 个通话得分的平均值：({terms}) / {count} = {score}',
  },
  'score.formula.callTerm': { en: '{score} × {seconds} s', 'zh-CN': '{score} × {seconds} 秒' },
  'score.formula.overall': {
    en: 'weighted mean of the layers: ({terms}) / {totalWeight} = {score}',
    'zh-CN': '三层加权平均：({terms}) / {totalWeight} = {score}',
  },

  'input.issue.callIdMismatch': {
    en: 'its behavior score belongs to call "{other}"',
    'zh-CN': '其行为评分属于通话 "{other}"',
  },

  'settings.issue.severityOrder': {
    en: 'severityPoints must not decrease from minor to major to critical, but got minor {minor}, major {major}, critical {critical}',
    'zh-CN': 'severityPoints 须满足 minor ≤ major ≤ critical，当前为 minor {minor}、major {major}、critical {critical}',
  },
  'settings.issue.layerWeightsZero': {
    en: 'layerWeights must have at least one weight above 0',
    'zh-CN': 'layerWeights 至少须有一项大于 0',
  },

  'painLevel.industry': { en: 'Industry pain', 'zh-CN': '行业痛点' },
  'painLevel.role': { en: 'Role pain', 'zh-CN': '角色痛点' },
  'painLevel.scenario': { en: 'Scenario pain', 'zh-CN': '场景痛点' },

  'metric.response_time': { en: 'Response time', 'zh-CN': '响应时效' },
  'metric.onsite_time': { en: 'On-site arrival time', 'zh-CN': '到场时效' },
  'metric.resolution_time': { en: 'Resolution time', 'zh-CN': '修复时效' },
  'metric.delivery_time': { en: 'Delivery time', 'zh-CN': '交付周期' },
  'metric.delivery_date': { en: 'Delivery date', 'zh-CN': '交付日期' },
  'metric.payment_term': { en: 'Payment term', 'zh-CN': '账期' },
  'metric.uptime': { en: 'Uptime', 'zh-CN': '可用性' },
  'metric.price': { en: 'Price', 'zh-CN': '价格' },
  'metric.warranty': { en: 'Warranty', 'zh-CN': '质保期' },
  'metric.discount': { en: 'Discount', 'zh-CN': '折扣' },

  'comparator.lte': { en: 'at most', 'zh-CN': '不超过' },
  'comparator.gte': { en: 'at least', 'zh-CN': '不低于' },
  'comparator.eq': { en: 'exactly', 'zh-CN': '等于' },

  'unit.minute': { en: '{value} min', 'zh-CN': '{value} 分钟' },
  'unit.day': { en: '{value} days', 'zh-CN': '{value} 天' },
  'unit.month': { en: '{value} months', 'zh-CN': '{value} 个月' },
  'unit.yuan': { en: '{value} yuan', 'zh-CN': '{value} 元' },
  'unit.month_day': { en: '{month}/{day}', 'zh-CN': '{month}月{day}日' },

  'fulfillment.fulfilled': { en: 'Fulfilled', 'zh-CN': '已兑现' },
  'fulfillment.weaker': { en: 'Weaker than asked', 'zh-CN': '弱于诉求' },
  'fulfillment.missing': { en: 'Missing from the contract', 'zh-CN': '合同缺失' },
  'termSource.requirement': { en: 'Customer requirement', 'zh-CN': '客户诉求' },
  'termSource.commitment': { en: 'Rep commitment', 'zh-CN': '销售承诺' },
  'fulfillment.summary.low': {
    en: 'Low intent fulfillment: the deal is won but {count} key requirement(s) fell short in the contract. A review item is open for the manager.',
    'zh-CN': '低意图兑现：商机已赢单，但有 {count} 项关键诉求在合同中未兑现，已为经理创建复核项。',
  },
  'fulfillment.summary.ok': {
    en: '{fulfilled} of {total} requirement(s) and commitment(s) are fulfilled by the contract.',
    'zh-CN': '合同兑现了 {total} 项客户诉求与销售承诺中的 {fulfilled} 项。',
  },
  'fulfillment.summary.noContract': {
    en: 'The deal has no contract clauses yet, so fulfillment cannot be judged. Send them with PUT /v1/deals/{dealId}/contract.',
    'zh-CN': '该商机尚无合同条款，无法判断兑现情况。请通过 PUT /v1/deals/{dealId}/contract 提交条款。',
  },
  'review.lowIntentFulfillment': {
    en: 'Key requirement "{term}" is {status} ({clause}). Check the contract with sales and legal.',
    'zh-CN': '关键诉求“{term}”{status}（{clause}）。请与销售和法务核对合同。',
  },
  'review.noClause': { en: 'no clause with this metric', 'zh-CN': '合同无此指标条款' },

  'score.reason.noContract': {
    en: 'The deal has no contract clauses, so the result layer has nothing to compare. Send them with PUT /v1/deals/:id/contract.',
    'zh-CN': '该商机没有合同条款，结果层无可比对内容。请通过 PUT /v1/deals/:id/contract 提交条款。',
  },
  'score.reason.noRequirements': {
    en: 'No customer requirement or rep commitment was found in the deal’s calls, so the contract cannot be judged against them.',
    'zh-CN': '该商机的通话中未发现客户诉求或销售承诺，无法据此评判合同。',
  },
  'score.reason.noIntentTags': {
    en: 'The deal has no pain tags, so the intent layer has nothing to compare. Send them with PUT /v1/deals/:id/intent.',
    'zh-CN': '该商机没有痛点标签，意图层无可比对内容。请通过 PUT /v1/deals/:id/intent 提交标签。',
  },
  'score.note.noCustomerPains': {
    en: 'No customer pain was found in the calls, so recall is left out and the other parts are reweighted.',
    'zh-CN': '通话中未发现客户痛点，因此不计召回率，其余部分按比例重新加权。',
  },
  'score.formula.result': {
    en: '100 × Σ(weight × credit) / Σ weight = 100 × {credited} / {total} = {score} (credit: fulfilled 1, weaker 0.5, missing 0; weight: strength × mentions)',
    'zh-CN': '100 × Σ(权重 × 得分) / Σ权重 = 100 × {credited} / {total} = {score}（得分：已兑现 1、弱于诉求 0.5、缺失 0；权重：强度 × 提及次数）',
  },
  'score.formula.intent': {
    en: '100 × (0.4 × precision {precision} + 0.4 × recall {recall} + 0.2 × level coverage {levels}) = {score}',
    'zh-CN': '100 × (0.4 × 精准率 {precision} + 0.4 × 召回率 {recall} + 0.2 × 层级覆盖 {levels}) = {score}',
  },
  'score.formula.intentNoPains': {
    en: '100 × (0.4 × precision {precision} + 0.2 × level coverage {levels}) / 0.6 = {score}',
    'zh-CN': '100 × (0.4 × 精准率 {precision} + 0.2 × 层级覆盖 {levels}) / 0.6 = {score}',
  },

  'calibration.balanced': { en: 'Balanced: the three layers are within {gap} points of each other.', 'zh-CN': '均衡：三层得分相差不超过 {gap} 分。' },
  'calibration.imbalanced': { en: 'Imbalanced: strong {strong}, weak {weak} ({difference} points apart).', 'zh-CN': '失衡：{strong}强，{weak}弱（相差 {difference} 分）。' },
  'calibration.incomplete': { en: 'Incomplete: {layers} not scored yet.', 'zh-CN': '不完整：{layers}尚无评分。' },

  // Period reports (CSV, XLSX and HTML exports).
  'report.title': { en: 'Call scoring report', 'zh-CN': '通话评分报告' },
  'report.team': { en: 'Team', 'zh-CN': '团队' },
  'report.allTeams': { en: 'all teams', 'zh-CN': '全部团队' },
  'report.period': { en: 'Period', 'zh-CN': '统计区间' },
  'report.previousPeriod': { en: 'Compared with', 'zh-CN': '对比区间' },
  'report.generatedAt': { en: 'Generated', 'zh-CN': '生成时间' },
  'report.section.deals': { en: 'Deals', 'zh-CN': '商机明细' },
  'report.section.reps': { en: 'Reps', 'zh-CN': '销售代表明细' },
  'report.section.versions': { en: 'Rules versions', 'zh-CN': '规则版本对比' },
  'report.section.distribution': { en: 'Behavior score distribution', 'zh-CN': '行为得分分布' },
  'report.section.trend': { en: 'Pitfalls per hour of talk, by week', 'zh-CN': '每小时通话雷区次数（按周）' },
  'report.column.dealId': { en: 'Deal', 'zh-CN': '商机' },
  'report.column.repIds': { en: 'Reps on the deal', 'zh-CN': '参与销售' },
  'report.column.repId': { en: 'Rep', 'zh-CN': '销售代表' },
  'report.column.calls': { en: 'Calls', 'zh-CN': '通话数' },
  'report.column.scoredCalls': { en: 'Scored calls', 'zh-CN': '已评分通话' },
  'report.column.failedCalls': { en: 'Failed calls', 'zh-CN': '失败通话' },
  'report.column.status': { en: 'Status', 'zh-CN': '状态' },
  'report.column.intent': { en: 'Intent', 'zh-CN': '意图层' },
  'report.column.behavior': { en: 'Behavior', 'zh-CN': '行为层' },
  'report.column.result': { en: 'Result', 'zh-CN': '结果层' },
  'report.column.overall': { en: 'Overall', 'zh-CN': '综合' },
  'report.column.previousRulesBehavior': { en: 'Behavior, previous rules', 'zh-CN': '行为层（旧规则）' },
  'report.column.rulesVersion': { en: 'Rules version', 'zh-CN': '规则版本' },
  'report.column.talkHours': { en: 'Talk hours', 'zh-CN': '通话小时数' },
  'report.column.pitfallsPerHour': { en: 'Pitfalls per hour', 'zh-CN': '每小时雷区次数' },
  'report.column.typePerHour': { en: '{type} per hour', 'zh-CN': '{type}/小时' },
  'report.column.objections': { en: 'Objections', 'zh-CN': '异议数' },
  'report.column.meanObjectionDepth': { en: 'Mean objection depth', 'zh-CN': '平均异议处理深度' },
  'report.column.meanBehavior': { en: 'Mean behavior', 'zh-CN': '平均行为得分' },
  'report.column.meanIntent': { en: 'Mean intent', 'zh-CN': '平均意图得分' },
  'report.column.meanResult': { en: 'Mean result', 'zh-CN': '平均结果得分' },
  'report.column.change': { en: '{column}, change', 'zh-CN': '{column}变化' },
  'report.column.previousRulesMeanBehavior': { en: 'Mean behavior, previous rules', 'zh-CN': '平均行为得分（旧规则）' },
  'report.column.scoreRange': { en: 'Score range', 'zh-CN': '得分区间' },
  'report.column.weekStart': { en: 'Week of', 'zh-CN': '周起始日' },
  'report.dealStatus.scored': { en: 'Scored', 'zh-CN': '已评分' },
  'report.dealStatus.in_progress': { en: 'In progress', 'zh-CN': '处理中' },
  'report.dealStatus.has_failures': { en: 'Has failed calls', 'zh-CN': '有失败通话' },
  'report.dealStatus.rules_outdated': { en: 'Scored under old rules; re-score it', 'zh-CN': '按旧规则评分，需重新评分' },
  'report.series.current': { en: 'This period', 'zh-CN': '本区间' },
  'report.series.previousPeriod': { en: 'Previous period', 'zh-CN': '上一区间' },
  'report.series.previousRules': { en: 'This period, previous rules', 'zh-CN': '本区间（旧规则）' },
  'report.versions.summary': {
    en: '{count} calls were scored under rules {previous} before and under {current} now. Mean behavior score: {previousMean} before, {currentMean} now.',
    'zh-CN': '共 {count} 通通话此前按规则 {previous} 评分，现按 {current} 评分。平均行为得分：此前 {previousMean}，现在 {currentMean}。',
  },
  'report.versions.none': {
    en: 'No call in this period has a score under an earlier rules version.',
    'zh-CN': '本区间内没有通话存在旧规则版本下的评分。',
  },
  'report.empty': { en: 'No data', 'zh-CN': '无数据' },

  // The batch command's output.
  'batch.imported': {
    en: 'Batch {id}: {created} calls queued, {already} already imported, {rejected} rows rejected.',
    'zh-CN': '批次 {id}：已排队 {created} 通通话，{already} 通此前已导入，{rejected} 行被拒绝。',
  },
  'batch.rescoreQueued': { en: 'Re-score batch {id}: {total} calls queued.', 'zh-CN': '重新评分批次 {id}：已排队 {total} 通通话。' },
  'batch.progressTail': { en: 'failed {failed} | {rate} calls/s | ETA {eta}', 'zh-CN': '失败 {failed} | {rate} 通/秒 | 预计剩余 {eta}' },
  'batch.status': {
    en: 'Batch {id} ({kind}): {done} scored, {failed} failed, {remaining} remaining of {total}; {rate} calls/s; ETA {eta}.',
    'zh-CN': '批次 {id}（{kind}）：共 {total} 通，已评分 {done}，失败 {failed}，剩余 {remaining}；{rate} 通/秒；预计剩余 {eta}。',
  },
  'batch.kind.import': { en: 'import', 'zh-CN': '导入' },
  'batch.kind.rescore': { en: 're-score', 'zh-CN': '重新评分' },
  'batch.finished': { en: 'Batch {id} finished: {done} scored, {failed} failed.', 'zh-CN': '批次 {id} 已完成：已评分 {done} 通，失败 {failed} 通。' },
  'batch.failuresHint': {
    en: 'List the failures with: callscore batch failures {id}; retry them with: callscore batch retry {id}',
    'zh-CN': '查看失败通话：callscore batch failures {id}；重试：callscore batch retry {id}',
  },
  'batch.interrupted': {
    en: 'Stopped following batch {id}; its queued work is kept. Continue with: callscore batch status {id} --watch',
    'zh-CN': '已停止跟踪批次 {id}，已排队的任务不会丢失。继续：callscore batch status {id} --watch',
  },
  'batch.importStopped': {
    en: 'Import stopped before any call was queued. Run the same command again to import the manifest.',
    'zh-CN': '导入在任何通话排队之前已停止。请重新运行同一命令导入清单。',
  },
  'batch.failure': { en: 'line {line} · call {callId} · stage {stage}: {message}', 'zh-CN': '第 {line} 行 · 通话 {callId} · 阶段 {stage}：{message}' },
  'batch.noFailures': { en: 'Batch {id} has no failed calls.', 'zh-CN': '批次 {id} 没有失败的通话。' },
  'batch.retried': { en: '{count} failed calls of batch {id} queued again.', 'zh-CN': '批次 {id} 的 {count} 通失败通话已重新排队。' },
  'batch.reportWritten': { en: 'Report written to {path}.', 'zh-CN': '报告已写入 {path}。' },
  'batch.unknown': { en: 'unknown', 'zh-CN': '未知' },
} as const satisfies Record<string, Entry>;

/** A key of the catalogue. */
export type CatalogKey = keyof typeof CATALOG;

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values that fill the placeholders of one catalogue entry. */
export type CatalogParams<K extends CatalogKey> = Record<Placeholders<(typeof CATALOG)[K]['en']>, string | number>;

type ParamsArgument<K extends CatalogKey> = [Placeholders<(typeof CATALOG)[K]['en']>] extends [never]
  ? []
  : [params: CatalogParams<K>];

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Renders a catalogue entry in the locale, filling each `{name}` placeholder
 * from `params`. The type requires params exactly when the entry has placeholders.
 */
export function t<K extends CatalogKey>(locale: Locale, key: K, ...params: ParamsArgument<K>): string {
  const text: string = CATALOG[key][locale];
  const values: Record<string, string | number> = params[0] ?? {};

  return text.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Text in both locales, in the shape that scores and reasons carry. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** Calls `render` once per locale, for texts whose parameters are localized too. */
export function inBothLocales(render: (locale: Locale) => string): LocalizedText {
  return { en: render('en'), zh: render('zh-CN') };
}

/** Joins labels as a list in the locale's style: "a, b, and c" or "a、b和c". */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
