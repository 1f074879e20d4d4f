/**
 * The page's one zh-CN/en label catalogue and the current language. The
 * language follows the browser until the user picks one with the switch,
 * which is remembered in localStorage.
 */

import { CATALOG as SERVER_CATALOG } from '../../src/i18n/catalog.ts';

export type Locale = 'zh-CN' | 'en';

/** Keys whose labels the API also writes: pitfall types and call statuses. */
type SharedKey = Extract<keyof typeof SERVER_CATALOG, `pitfall.${string}` | `callStatus.${string}`>;

/** The shared labels, taken from the server's catalogue so the page and the API name things alike. */
const SHARED = Object.fromEntries(
  Object.entries(SERVER_CATALOG).filter(([key]) => key.startsWith('pitfall.') || key.startsWith('callStatus.')),
) as Pick<typeof SERVER_CATALOG, SharedKey>;

const STORAGE_KEY = 'callscore.locale';

const OWN_CATALOG = {
  'app.title': { en: 'callscore coaching', 'zh-CN': 'callscore 辅导台' },
  'app.switchLanguage': { en: '中文', 'zh-CN': 'English' },
  'app.switchLanguageTitle': { en: 'Switch to Simplified Chinese', 'zh-CN': '切换为英文' },
  'app.loading': { en: 'Loading…', 'zh-CN': '加载中…' },
  'app.notFound': { en: 'Not found. The item does not exist or you may not see it.', 'zh-CN': '未找到：该内容不存在，或您无权查看。' },
  'app.more': { en: 'Load more', 'zh-CN': '加载更多' },
  'app.noItems': { en: 'Nothing here.', 'zh-CN': '暂无内容。' },
  'app.error': { en: 'The request failed: {message}', 'zh-CN': '请求失败：{message}' },
  'app.networkError': { en: 'The server could not be reached. Check the connection and try again.', 'zh-CN': '无法连接服务器，请检查网络后重试。' },

  'nav.queue': { en: 'Review queue', 'zh-CN': '复核队列' },
  'nav.calls': { en: 'Calls', 'zh-CN': '通话' },
  'nav.precision': { en: 'Detector precision', 'zh-CN': '检测准确度' },
  'nav.myNotes': { en: 'My coaching notes', 'zh-CN': '我的辅导意见' },
  'nav.signOut': { en: 'Sign out', 'zh-CN': '退出登录' },
  'nav.signedInAs': { en: '{name} ({role})', 'zh-CN': '{name}（{role}）' },

  'role.admin': { en: 'Admin', 'zh-CN': '管理员' },
  'role.manager': { en: 'Manager', 'zh-CN': '销售经理' },
  'role.coach': { en: 'Coach', 'zh-CN': '销售教练' },
  'role.rep': { en: 'Rep', 'zh-CN': '销售' },

  'signIn.heading': { en: 'Sign in', 'zh-CN': '登录' },
  'signIn.email': { en: 'E-mail', 'zh-CN': '邮箱' },
  'signIn.password': { en: 'Password', 'zh-CN': '密码' },
  'signIn.submit': { en: 'Sign in', 'zh-CN': '登录' },

  'filter.team': { en: 'Team', 'zh-CN': '团队' },
  'filter.rep': { en: 'Rep ID', 'zh-CN': '销售 ID' },
  'filter.type': { en: 'Pitfall type', 'zh-CN': '陷阱类型' },
  'filter.severity': { en: 'Severity', 'zh-CN': '严重程度' },
  'filter.status': { en: 'Review status', 'zh-CN': '复核状态' },
  'filter.callStatus': { en: 'Call status', 'zh-CN': '通话状态' },
  'filter.from': { en: 'From', 'zh-CN': '开始日期' },
  'filter.to': { en: 'To', 'zh-CN': '结束日期' },
  'filter.any': { en: 'Any', 'zh-CN': '全部' },
  'filter.apply': { en: 'Apply filters', 'zh-CN': '筛选' },
  'filter.reset': { en: 'Clear', 'zh-CN': '清除' },

  'queue.heading': { en: 'Findings to review', 'zh-CN': '待复核的话术陷阱' },
  'queue.order': { en: 'Critical, unreviewed findings come first.', 'zh-CN': '严重且未复核的排在最前。' },
  'column.severity': { en: 'Severity', 'zh-CN': '严重程度' },
  'column.type': { en: 'Type', 'zh-CN': '类型' },
  'column.excerpt': { en: 'Excerpt', 'zh-CN': '原话' },
  'column.call': { en: 'Call', 'zh-CN': '通话' },
  'column.rep': { en: 'Rep', 'zh-CN': '销售' },
  'column.deal': { en: 'Deal', 'zh-CN': '商机' },
  'column.startedAt': { en: 'Call time', 'zh-CN': '通话时间' },
  'column.status': { en: 'Status', 'zh-CN': '状态' },
  'column.duration': { en: 'Duration', 'zh-CN': '时长' },
  'column.findings': { en: 'Findings', 'zh-CN': '陷阱数' },
  'column.unreviewed': { en: 'Unreviewed', 'zh-CN': '未复核' },
  'column.reviewed': { en: 'Reviewed', 'zh-CN': '已复核' },
  'column.confirmed': { en: 'Confirmed', 'zh-CN': '已确认' },
  'column.dismissed': { en: 'Dismissed', 'zh-CN': '已驳回' },
  'column.dismissedShare': { en: 'Dismissed share', 'zh-CN': '驳回比例' },
  'column.byReason': { en: 'Dismissal reasons', 'zh-CN': '驳回原因' },

  'calls.heading': { en: 'Calls', 'zh-CN': '通话列表' },
  'precision.heading': { en: 'Detector precision from reviews', 'zh-CN': '按复核结果统计的检测准确度' },
  'precision.explain': {
    en: 'Per pitfall type: how many findings coaches reviewed and which share they dismissed. A high share means the detector needs work.',
    'zh-CN': '按陷阱类型统计教练复核的数量与驳回比例。驳回比例高说明该检测需要改进。',
  },

  'reviewStatus.unreviewed': { en: 'Unreviewed', 'zh-CN': '未复核' },
  'reviewStatus.confirmed': { en: 'Confirmed', 'zh-CN': '已确认' },
  'reviewStatus.dismissed': { en: 'Dismissed', 'zh-CN': '已驳回' },

  'reason.wrong_speaker': { en: 'Wrong speaker', 'zh-CN': '说话人识别错误' },
  'reason.transcription_error': { en: 'Transcription error', 'zh-CN': '转写错误' },
  'reason.not_pitfall_in_context': { en: 'Not a pitfall in context', 'zh-CN': '结合上下文不构成陷阱' },
  'reason.allowed_by_policy': { en: 'Allowed by policy', 'zh-CN': '政策允许' },

  'call.heading': { en: 'Call {id}', 'zh-CN': '通话 {id}' },
  'call.rep': { en: 'Rep: {rep}', 'zh-CN': '销售：{rep}' },
  'call.team': { en: 'Team: {team}', 'zh-CN': '团队：{team}' },
  'call.deal': { en: 'Deal: ', 'zh-CN': '商机：' },
  'call.startedAt': { en: 'Started: {time}', 'zh-CN': '开始时间：{time}' },
  'call.audio': { en: 'Recording', 'zh-CN': '录音' },
  'call.noAudio': { en: 'This call was uploaded as a transcript, so there is no recording to play.', 'zh-CN': '该通话以转写文本上传，没有可播放的录音。' },
  'call.transcript': { en: 'Transcript', 'zh-CN': '转写文本' },
  'call.findings': { en: 'Findings', 'zh-CN': '话术陷阱' },
  'call.noFindings': { en: 'No pitfalls were found in this call.', 'zh-CN': '该通话未发现话术陷阱。' },
  'call.findingsFailed': { en: 'The call failed before analysis, so it has not been checked for pitfalls.', 'zh-CN': '该通话在分析前失败，尚未检测话术陷阱。' },
  'call.findingsPending': { en: 'The call is still being processed; findings appear once it is scored.', 'zh-CN': '该通话仍在处理中，评分完成后将显示话术陷阱。' },
  'call.failed': { en: 'Processing failed ({code}): {message}', 'zh-CN': '处理失败（{code}）：{message}' },
  'call.playFrom': { en: 'Play from {time}', 'zh-CN': '从 {time} 播放' },
  'call.goTo': { en: 'Go to {time}', 'zh-CN': '跳到 {time}' },
  'call.turn': { en: 'Turn {index}', 'zh-CN': '第 {index} 句' },
  'call.confidence': { en: 'Confidence {value}', 'zh-CN': '置信度 {value}' },
  'call.confirm': { en: 'Confirm', 'zh-CN': '确认' },
  'call.dismiss': { en: 'Dismiss', 'zh-CN': '驳回' },
  'call.reason': { en: 'Reason for dismissing', 'zh-CN': '驳回原因' },
  'call.reasonRequired': { en: 'Choose a reason before dismissing the finding.', 'zh-CN': '驳回前请先选择原因。' },
  'call.reviewNote': { en: 'Note (optional)', 'zh-CN': '备注（可选）' },
  'call.reviewedAt': { en: '{decision} on {time}', 'zh-CN': '{time} {decision}' },
  'call.status': { en: 'Status: {status}', 'zh-CN': '状态：{status}' },
  'call.behaviorScore': { en: 'Behavior score: {score}', 'zh-CN': '行为专业度：{score}' },
  'call.roleMethod': { en: 'Speaker roles: {method} (confidence {confidence})', 'zh-CN': '说话人角色：{method}（置信度 {confidence}）' },

  'notes.heading': { en: 'Coaching notes', 'zh-CN': '辅导意见' },
  'notes.atTime': { en: 'Note at {time}', 'zh-CN': '在 {time} 处添加意见' },
  'notes.text': { en: 'Coaching note', 'zh-CN': '辅导意见' },
  'notes.add': { en: 'Add note', 'zh-CN': '添加意见' },
  'notes.none': { en: 'No coaching notes yet.', 'zh-CN': '暂无辅导意见。' },
  'notes.acknowledge': { en: 'Acknowledge', 'zh-CN': '已阅' },
  'notes.acknowledged': { en: 'Acknowledged {time}', 'zh-CN': '已于 {time} 确认' },
  'notes.openCall': { en: 'Open call at {time}', 'zh-CN': '打开通话（{time}）' },
  'notes.call': { en: 'Call {id}, {time}', 'zh-CN': '通话 {id}，{time}' },
  'notes.myHeading': { en: 'My coaching notes', 'zh-CN': '我的辅导意见' },

  'deal.heading': { en: 'Deal {id}', 'zh-CN': '商机 {id}' },
  'deal.calls': { en: '{scored} of {total} calls scored', 'zh-CN': '共 {total} 通通话，已评分 {scored} 通' },
  'deal.layer.intent': { en: 'Intent accuracy', 'zh-CN': '意图精准度' },
  'deal.layer.behavior': { en: 'Behavior professionalism', 'zh-CN': '行为专业度' },
  'deal.layer.result': { en: 'Result fulfillment', 'zh-CN': '结果兑现度' },
  'deal.overall': { en: 'Overall', 'zh-CN': '综合评分' },
  'deal.noScore': { en: 'No score', 'zh-CN': '暂无评分' },
  'deal.formula': { en: 'Formula', 'zh-CN': '计算方式' },
  'deal.evidence': { en: 'Evidence', 'zh-CN': '依据' },
  'deal.sourceCall': { en: 'Call {id}: score {score}, weight {weight}', 'zh-CN': '通话 {id}：得分 {score}，权重 {weight}' },
  'deal.turns': { en: 'turns {turns}', 'zh-CN': '第 {turns} 句' },
  'deal.clauses': { en: 'Contract clauses compared: {clauses}', 'zh-CN': '比对的合同条款：{clauses}' },
  'deal.fulfillment': { en: 'Fulfillment report', 'zh-CN': '兑现报告' },
  'deal.noFulfillment': { en: 'This deal has no fulfillment report yet: it needs a contract.', 'zh-CN': '该商机尚无兑现报告：需要先录入合同。' },
  'deal.lowIntentFulfillment': { en: 'Low intent fulfillment', 'zh-CN': '意图兑现度低' },
  'deal.term': { en: 'Term', 'zh-CN': '条款' },
  'deal.source': { en: 'Source', 'zh-CN': '来源' },
  'deal.clause': { en: 'Contract clause', 'zh-CN': '合同条款' },
  'deal.key': { en: 'key', 'zh-CN': '关键' },
  'deal.reviewItems': { en: 'Items to review', 'zh-CN': '待复核事项' },

  'speaker.rep': { en: 'Rep', 'zh-CN': '销售' },
  'speaker.customer': { en: 'Customer', 'zh-CN': '客户' },
  'speaker.unknown': { en: 'Unknown', 'zh-CN': '未知' },

  'severity.minor': { en: 'Minor', 'zh-CN': '轻微' },
  'severity.major': { en: 'Major', 'zh-CN': '一般' },
  'severity.critical': { en: 'Critical', 'zh-CN': '严重' },
} as const satisfies Record<string, Record<Locale, string>>;

const CATALOG = { ...OWN_CATALOG, ...SHARED };

/** All labels, for the catalogue test that checks both languages. */
export const LABELS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = CATALOG;

/** Key of a label in the catalogue. */
export type LabelKey = keyof typeof CATALOG;

/** A text the API returns in both languages, such as a score formula. */
export interface LocalizedText {
  en: string;
  zh: string;
}

let current: Locale = 'zh-CN';
const listeners: Array<() => void> = [];

/**
 * Picks the language from the browser's preference list: the first entry
 * that is Chinese or English wins, and Simplified Chinese when neither is listed.
 */
export function localeFromBrowser(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Sets the starting language from localStorage, else from the browser. */
export function initLocale(): void {
  const stored = readStoredLocale();
  current = stored ?? localeFromBrowser(navigator.languages ?? [navigator.language]);
  document.documentElement.lang = current;
}

/** Returns the current language. */
export function locale(): Locale {
  return current;
}

/** Switches the language, stores it in localStorage and calls the listeners so the page renders again. */
export function setLocale(next: Locale): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage can be disabled (private mode); the switch then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/** Registers a function to call after each language switch. */
export function onLocaleChange(listener: () => void): void {
  listeners.push(listener);
}

/** Returns the label in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: LabelKey, params: Record<string, string | number> = {}): string {
  const template: string = CATALOG[key][current];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Tells whether a key built at run time, such as `pitfall.${type}`, is in the catalogue. */
export function hasLabel(key: string): key is LabelKey {
  return Object.hasOwn(CATALOG, key);
}

/** Returns the part of a bilingual API text that matches the current language. */
export function pick(text: LocalizedText | null | undefined): string {
  if (!text) return '';
  return current === 'zh-CN' ? text.zh : text.en;
}

/** Formats milliseconds as m:ss (or h:mm:ss past an hour). */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '--:--';
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${String(minutes).padStart(2, '0')}:${seconds}`;
}

/** Formats an ISO timestamp as a local date and time in the current language. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(current, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** Formats a 0..1 share as a percentage. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${Math.round(share * 1000) / 10}%`;
}

function readStoredLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'zh-CN' || stored === 'en' ? stored : null;
  } catch {
    return null;
  }
}
