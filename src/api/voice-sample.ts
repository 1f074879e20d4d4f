/**
 * Receives a rep's voice sample and turns it into a voice profile. The file
 * streams into a staging file of the store, is checked like an audio upload
 * of POST /v1/calls (detection, then an ffmpeg probe), and is deleted once
 * the profile is computed or the sample is rejected. Only the voiceprints
 * are kept.
 */
import type { FastifyRequest } from 'fastify';
import { VAD_THREADS } from '../asr/vad.js';
import { computeVoiceProfile, VOICE_ENROLMENT, type ComputedVoiceProfile } from '../asr/voice-profile.js';
import { CallscoreError } from '../errors/registry.js';
import { discardStaged, stageStream, type StagedUpload } from '../ingest/blob-store.js';
import { describeContent, detectUploadKind, readHead } from '../ingest/detect.js';
import { displayFilename } from '../ingest/filename.js';
import { probeAudio } from '../ingest/probe.js';
import { reasonParams } from '../ingest/reason.js';

/** Staging folder and size limit of voice samples. */
export interface VoiceSampleOptions {
  storageDir: string;
  maxUploadBytes: number;
}

interface ReceivedSample {
  staged: StagedUpload;
  filename: string;
  contentType: string;
}

/**
 * Stages the multipart part "file" of `request`. Rejects with
 * CS_ERR_VOICE_SAMPLE_MISSING without one, CS_ERR_VALIDATION for a file under
 * another name or any other field, and the size errors of `stageStream`.
 */
export async function receiveVoiceSample(request: FastifyRequest, options: VoiceSampleOptions): Promise<ReceivedSample> {
  let received: ReceivedSample | null = null;
  const limitMb = Math.round(options.maxUploadBytes / (1024 * 1024));
  try {
    // One byte over the limit lets stageStream see the overrun and report it with the limit.
    for await (const part of request.parts({ limits: { files: 1, fields: 5, fileSize: options.maxUploadBytes + 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        if (part.type === 'file') part.file.resume();
        throw new CallscoreError('CS_ERR_VALIDATION', {
          field: part.fieldname,
          reason: 'unexpected form field; send only the voice sample as the file field "file"',
          reasonZh: '不应提供此字段；请只以文件字段 "file" 上传声纹样本',
        });
      }
      const staged = await stageStream(part.file, { storageDir: options.storageDir, maxBytes: options.maxUploadBytes, filename: part.filename });
      received = { staged, filename: part.filename, contentType: part.mimetype };
    }
  } catch (error) {
    if (received) await discardStaged(received.staged);
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new CallscoreError('CS_ERR_FILE_TOO_LARGE', { filename: displayFilename(received?.filename || 'upload'), limitMb });
    }
    throw error;
  }
  if (!received) throw new CallscoreError('CS_ERR_VOICE_SAMPLE_MISSING');
  return received;
}

/**
 * Checks a staged sample and computes its voice profile, then deletes the
 * staged file whatever the outcome. Rejects with CS_ERR_AUDIO_UNSUPPORTED
 * (415) for anything but audio, including transcripts, with the probe and
 * decode errors of an audio upload, and with CS_ERR_VOICE_SAMPLE_TOO_LONG or
 * CS_ERR_VOICE_SAMPLE_TOO_SHORT outside the limits of VOICE_ENROLMENT.
 */
export async function profileVoiceSample(sample: ReceivedSample): Promise<ComputedVoiceProfile> {
  const filename = displayFilename(sample.filename);
  try {
    const head = await readHead(sample.staged.tmpPath);
    if (detectUploadKind(sample.filename, head, sample.contentType) !== 'audio') {
      throw new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename, ...reasonParams(describeContent(head), 'detected') });
    }
    const probe = await probeAudio(sample.staged.tmpPath, sample.filename);
    const recordingSeconds = probe.durationMs / 1000;
    if (recordingSeconds > VOICE_ENROLMENT.maxRecordingSeconds) {
      throw new CallscoreError('CS_ERR_VOICE_SAMPLE_TOO_LONG', {
        filename,
        measure: 'recording',
        seconds: roundSeconds(recordingSeconds),
        maxSeconds: VOICE_ENROLMENT.maxRecordingSeconds,
      });
    }

    const computed = await computeVoiceProfile(sample.staged.tmpPath, VAD_THREADS, probe, filename);
    if (computed.speechSeconds > VOICE_ENROLMENT.maxSpeechSeconds) {
      throw new CallscoreError('CS_ERR_VOICE_SAMPLE_TOO_LONG', {
        filename,
        measure: 'speech',
        seconds: roundSeconds(computed.speechSeconds),
        maxSeconds: VOICE_ENROLMENT.maxSpeechSeconds,
      });
    }
    // Speech without any voiceprint (whispering, clipped segments) cannot be matched, so it counts as too short too.
    if (computed.speechSeconds < VOICE_ENROLMENT.minSpeechSeconds || computed.segments === 0) {
      throw new CallscoreError('CS_ERR_VOICE_SAMPLE_TOO_SHORT', {
        filename,
        seconds: roundSeconds(computed.speechSeconds),
        minSeconds: VOICE_ENROLMENT.minSpeechSeconds,
      });
    }
    return computed;
  } finally {
    await discardStaged(sample.staged);
  }
}

function roundSeconds(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
