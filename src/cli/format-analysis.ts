/** Renders an analysed call as plain text for the terminal, in English or Simplified Chinese. */
import type { Locale } from '../errors/registry.js';
import type { CallAnalysis } from '../domain/pitfalls.js';
import type { Transcript } from '../domain/transcript.js';
import type { BehaviorScore } from '../scoring/types.js';
import { t } from '../i18n/catalog.js';

function clock(ms: number | undefined): string {
  if (ms === undefined) return '--:--.-';
  const minutes = Math.floor(ms / 60000);
  const seconds = (ms % 60000) / 1000;
  return `${String(minutes).padStart(2, '0')}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** Formats transcript, findings, objections and the behavior score as text lines. */
export function formatAnalysis(result: { transcript: Transcript; analysis: CallAnalysis; behavior: BehaviorScore }, locale: Locale): string {
  const { transcript, analysis, behavior } = result;
  const lines: string[] = [];
  const localized = (text: { en: string; zh: string }) => (locale === 'zh-CN' ? text.zh : text.en);

  lines.push(`# ${t(locale, 'cli.heading.transcript')}`);
  if (transcript.turns.length === 0) lines.push(t(locale, 'cli.noSpeech'));
  transcript.turns.forEach((turn, index) => {
    lines.push(`${String(index).padStart(3)} [${clock(turn.startMs)}-${clock(turn.endMs)}] ${t(locale, `speaker.${turn.speaker}`)}: ${turn.text}`);
  });
  if (!transcript.rolesKnown) lines.push('', t(locale, 'cli.rolesUnknown'));

  lines.push('', `# ${t(locale, 'cli.heading.findings')} (${analysis.findings.length})`);
  for (const finding of analysis.findings) {
    const text = transcript.turns[finding.turnIndex]?.text ?? '';
    const quote = text.slice(finding.span.start, finding.span.end);
    lines.push(
      `- ${t(locale, `pitfall.${finding.type}`)} [${t(locale, `severity.${finding.severity}`)}] #${finding.turnIndex} "${quote}" (${finding.evidence.map((e) => e.rule).join(', ')}; ${finding.confidence.toFixed(2)})`,
    );
  }

  lines.push('', `# ${t(locale, 'cli.heading.objections')} (${analysis.objections.length})`);
  for (const objection of analysis.objections) {
    lines.push(`- ${t(locale, `objection.${objection.type}`)} #${objection.turnIndex}: ${t(locale, `handlingDepth.${objection.handlingDepth}`)} (${objection.handlingDepth}/4)`);
  }

  lines.push('', `# ${t(locale, 'layer.behavior')}: ${behavior.score}`, localized(behavior.formula));
  for (const note of behavior.notes) lines.push(`* ${localized(note)}`);
  return `${lines.join('\n')}\n`;
}
