/**
 * `callscore analyze FILE`: one recording or transcript in, the transcript
 * with findings, objections and the behavior score printed. It stores
 * nothing, so a person can try the pipeline before running the service.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../../config/config.js';
import { CallscoreError } from '../../errors/registry.js';
import type { CallLanguage, ChannelLayout, Transcript } from '../../domain/transcript.js';
import { inspectFile } from '../../ingest/inspect.js';
import { closeTranscriber, transcribeRecording } from '../../asr/transcribe.js';
import { analyzeTranscript } from '../../pitfalls/index.js';
import { redactTurns } from '../../privacy/redact.js';
import { scoreCallBehavior } from '../../scoring/behavior.js';
import { localeOption, type Localize } from '../help-text.js';
import { cliLocale } from '../locale.js';
import { formatAnalysis } from '../format-analysis.js';

interface AnalyzeOptions {
  layout: ChannelLayout;
  language: CallLanguage;
  json?: boolean;
  locale?: 'zh-CN' | 'en';
  redact: boolean;
}

/** Builds the analyze command. */
export function analyzeCommand(localize: Localize): Command {
  return new Command('analyze')
    .description(localize({
      en: 'Transcribe and analyse one recording (or JSON/WebVTT/SRT transcript) and print the result; stores nothing.',
      zh: '转写并分析一段录音（或 JSON/WebVTT/SRT 转写文本）并输出结果；不保存任何数据。',
    }))
    .argument('<file>', localize({
      en: 'audio file (wav, mp3, m4a, amr, ogg/opus, webm) or transcript (.json, .vtt, .srt)',
      zh: '音频文件（wav、mp3、m4a、amr、ogg/opus、webm）或转写文件（.json、.vtt、.srt）',
    }))
    .addOption(
      new Option('--layout <layout>', localize({ en: 'which channel carries the rep', zh: '销售所在的声道' }))
        .choices(['mono', 'stereo-rep-left', 'stereo-rep-right'])
        .default('mono'),
    )
    .addOption(new Option('--language <language>', localize({ en: 'spoken language', zh: '通话语言' })).choices(['zh', 'en', 'auto']).default('auto'))
    .addOption(localeOption(localize))
    .option('--json', localize({ en: 'print the result as JSON', zh: '以 JSON 输出结果' }))
    .option('--no-redact', localize({
      en: 'print phone, ID and card numbers and e-mail addresses unmasked (masked by default, as the service stores them)',
      zh: '不脱敏输出电话号码、身份证号、银行卡号和邮箱（默认脱敏，与服务保存的一致）',
    }))
    .action(async (file: string, options: AnalyzeOptions) => {
      const config = loadConfig();
      const filePath = path.resolve(file);
      const inspected = await inspectFile(filePath, path.basename(file), { channelLayout: options.layout }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          throw new CallscoreError('CS_ERR_VALIDATION', {
            field: 'file',
            reason: `no such file: ${filePath}; check the path`,
            reasonZh: `文件不存在：${filePath}；请检查路径`,
          });
        }
        if (code === 'EISDIR') {
          throw new CallscoreError('CS_ERR_VALIDATION', {
            field: 'file',
            reason: `${filePath} is a folder; give one recording or transcript file`,
            reasonZh: `${filePath} 是文件夹；请指定一个录音或转写文件`,
          });
        }
        throw error;
      });

      let transcript: Transcript;
      let durationMs: number | null;
      if (inspected.kind === 'audio') {
        try {
          const result = await transcribeRecording({
            audioPath: filePath,
            layout: options.layout,
            language: options.language,
            model: config.asrModel,
            modelsDir: config.modelsDir,
          });
          transcript = { turns: result.turns, rolesKnown: result.rolesKnown, callEnded: true };
          durationMs = result.durationMs;
        } finally {
          await closeTranscriber();
        }
      } else {
        transcript = inspected.transcript;
        durationMs = transcript.turns.at(-1)?.endMs ?? null;
      }

      if (options.redact) transcript = { ...transcript, turns: redactTurns(transcript.turns).turns };
      const analysis = analyzeTranscript(transcript);
      const behavior = scoreCallBehavior({
        callId: path.basename(file),
        analysis,
        durationMs,
        repTurnCount: transcript.turns.filter((turn) => turn.speaker === 'rep').length,
        rolesKnown: transcript.rolesKnown,
      });

      if (options.json) {
        process.stdout.write(`${JSON.stringify({ transcript, analysis, behavior }, null, 2)}\n`);
      } else {
        process.stdout.write(formatAnalysis({ transcript, analysis, behavior }, options.locale ?? cliLocale()));
      }
    });
}
