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
export function analyzeCommand(): Command {
  return new Command('analyze')
    .description('Transcribe and analyse one recording (or JSON/WebVTT/SRT transcript) and print the result; stores nothing.')
    .argument('<file>', 'audio file (wav, mp3, m4a, amr, ogg/opus, webm) or transcript (.json, .vtt, .srt)')
    .addOption(
      new Option('--layout <layout>', 'which channel carries the rep').choices(['mono', 'stereo-rep-left', 'stereo-rep-right']).default('mono'),
    )
    .addOption(new Option('--language <language>', 'spoken language').choices(['zh', 'en', 'auto']).default('auto'))
    .addOption(new Option('--locale <locale>', 'output language (default from CALLSCORE_LOCALE, LC_ALL, LC_MESSAGES or LANG)').choices(['zh-CN', 'en']))
    .option('--json', 'print the result as JSON')
    .option('--no-redact', 'print phone, ID and card numbers and e-mail addresses unmasked (masked by default, as the service stores them)')
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
