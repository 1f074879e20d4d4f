/**
 * Voice enrolment through the service: a rep's espeak-ng voice is enrolled
 * with PUT /v1/reps/:repId/voice, and a mono call of that voice and another
 * is uploaded. The speech model is a fixture whose text depends on the
 * segment length. The customer's long segments therefore read like a rep
 * (company introduction, price) and the rep's short ones like a customer, so
 * the text guess picks the wrong voice and the enrolled voice must overrule it.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { ROLE_CONFIDENCE_THRESHOLD } from '../src/asr/roles.js';
import { decideRoles, matchEnrolledVoice, type VoiceMatch } from '../src/asr/voice-match.js';
import { concatWav, makePitchedSpeechWav } from './fixtures/audio/call-audio.js';
import { makeSilenceWav } from './helpers/audio.js';
import { getJson, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { LONG_SENTENCE, SHORT_SENTENCE, writeLengthSenseVoice } from './helpers/length-sense-voice.js';

const REP_VOICE: [string, number] = ['en', 40];
const CUSTOMER_VOICE: [string, number] = ['en+f3', 60];

// The rep speaks briefly and the customer at length, so the fixture gives the customer the rep's words.
const CALL_LINES: Array<[string, [string, number]]> = [
  ['Yes, go on.', REP_VOICE],
  ['Good morning, I would like to hear more about the new reporting module you sell.', CUSTOMER_VOICE],
  ['Hmm, I see.', REP_VOICE],
  ['We compared several vendors last quarter and still have open questions.', CUSTOMER_VOICE],
  ['Right, okay.', REP_VOICE],
  ['Could you tell me what the contract would look like for our team?', CUSTOMER_VOICE],
];

const ENROLMENT_TEXT = 'Good morning. My name is Anna and I work in sales. I am recording this sample so the system can recognise my voice on calls.';

let service: Service;
let dir: string;
let callAudio: Buffer;
let enrolmentAudio: Buffer;
let shortAudio: Buffer;
let otherVoiceAudio: Buffer;
const keys = { manager: '', coach: '', rep: '' };
const userIds = { manager: '', coach: '', rep: '' };
let callCount = 0;

beforeAll(async () => {
  dir = await makeTempDir('enrolment');
  const modelsDir = path.join(dir, 'models');
  writeLengthSenseVoice(path.join(modelsDir, 'sense-voice-small-int8'));
  service = await startService({ modelsDir });

  const db = service.runtime.db;
  const people = {
    manager: { email: 'manager@example.test', name: 'Manager A', role: 'manager', teamIds: ['A'] },
    coach: { email: 'coach@example.test', name: 'Coach A', role: 'coach', teamIds: ['A'] },
    rep: { email: 'rep@example.test', name: 'Rep A1', role: 'rep', teamIds: ['A'], repId: 'R-A1' },
  } as const;
  for (const [actor, input] of Object.entries(people)) {
    const user = await createUser(db, { ...input, teamIds: [...input.teamIds] });
    keys[actor as keyof typeof keys] = (await createApiKey(db, user.id, 'enrolment test')).key;
    userIds[actor as keyof typeof userIds] = user.id;
  }
  await createUser(db, { email: 'rep-a2@example.test', name: 'Rep A2', role: 'rep', teamIds: ['A'], repId: 'R-A2' });
  await createUser(db, { email: 'rep-a3@example.test', name: 'Rep A3', role: 'rep', teamIds: ['A'], repId: 'R-A3' });
  await createUser(db, { email: 'rep-b1@example.test', name: 'Rep B1', role: 'rep', teamIds: ['B'], repId: 'R-B1' });

  const pause = path.join(dir, 'pause.wav');
  await makeSilenceWav(pause, { seconds: 1 });
  const parts: string[] = [];
  for (const [i, [text, [voice, pitch]]] of CALL_LINES.entries()) {
    const line = path.join(dir, `line-${i}.wav`);
    await makePitchedSpeechWav(line, text, voice, pitch);
    parts.push(pause, line);
  }
  await concatWav(parts, path.join(dir, 'call.wav'));
  callAudio = await readFile(path.join(dir, 'call.wav'));

  await makePitchedSpeechWav(path.join(dir, 'enrolment.wav'), ENROLMENT_TEXT, ...REP_VOICE);
  enrolmentAudio = await readFile(path.join(dir, 'enrolment.wav'));
  await makePitchedSpeechWav(path.join(dir, 'other-voice.wav'), ENROLMENT_TEXT, 'en+f2', 30);
  otherVoiceAudio = await readFile(path.join(dir, 'other-voice.wav'));
  await makePitchedSpeechWav(path.join(dir, 'short.wav'), 'Hello.', ...REP_VOICE);
  shortAudio = await readFile(path.join(dir, 'short.wav'));
}, 120_000);

afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}`, 'accept-language': 'en' };
}

async function enrol(repId: string, key: string, file: { content: Buffer; filename: string; type: string }, locale = 'en'): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.filename);
  const response = await fetch(`${service.baseUrl}/v1/reps/${repId}/voice`, { method: 'PUT', body: form, headers: { ...bearer(key), 'accept-language': locale } });
  return { status: response.status, body: await response.json() };
}

async function scoreMonoCall(repId: string): Promise<any> {
  callCount++;
  const accepted = await upload(
    service.baseUrl,
    { content: callAudio, filename: 'call.wav', type: 'audio/wav' },
    { dealId: `D-${callCount}`, repId, teamId: 'A', channelLayout: 'mono', language: 'en' },
  );
  expect(accepted.status).toBe(202);
  const call = await waitForCall(service.baseUrl, accepted.body.id);
  expect(call.status).toBe('scored');
  return call;
}

/** Speaker role of the turns with each fixture sentence. */
function rolesBySentence(call: any): Record<string, string[]> {
  const roles: Record<string, string[]> = {};
  for (const turn of call.transcript.turns) (roles[turn.text] ??= []).push(turn.speaker);
  return roles;
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(service.runtime.storageDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('rep voice enrolment', () => {
  it('text guess picks the wrong voice', async () => {
    const call = await scoreMonoCall('R-A2');

    expect(call.speakers.roleMethod).toBe('text');
    expect(call.speakers.rolesKnown).toBe(true);
    // The customer's words read like a rep's, so the customer's voice is taken for the rep.
    expect(rolesBySentence(call)).toEqual({ [LONG_SENTENCE]: ['rep', 'rep', 'rep'], [SHORT_SENTENCE]: ['customer', 'customer', 'customer'] });
  }, 120_000);

  it('enrols a voice and deletes the sample', async () => {
    const before = await storedFiles();
    const enrolled = await enrol('R-A1', keys.manager, { content: enrolmentAudio, filename: 'anna.wav', type: 'audio/wav' });

    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.repId).toBe('R-A1');
    expect(enrolled.body.sampleDeleted).toBe(true);
    expect(enrolled.body.seconds).toBeGreaterThanOrEqual(3);
    expect(enrolled.body.segments).toBeGreaterThanOrEqual(1);
    expect(await storedFiles()).toEqual(before);

    const read = await getJson(service.baseUrl, '/v1/reps/R-A1/voice', bearer(keys.coach));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      repId: 'R-A1',
      enrolledAt: enrolled.body.enrolledAt,
      seconds: enrolled.body.seconds,
      segments: enrolled.body.segments,
      enrolledBy: userIds.manager,
      enrolledBySelf: false,
    });
  }, 60_000);

  it('voice and words disagree: roles unknown', async () => {
    // The enrolled voice names the short speaker and the fixture's words the long one, both confidently.
    const call = await scoreMonoCall('R-A1');

    expect(call.speakers.roleMethod).toBe('conflict');
    expect(call.speakers.rolesKnown).toBe(false);
    for (const turn of call.transcript.turns) expect(turn.speaker).toBe('unknown');
    expect(call.skippedDetectors.length).toBeGreaterThan(0);

    const english = await getJson(service.baseUrl, `/v1/calls/${call.id}`, { 'accept-language': 'en' });
    expect(english.body.speakers.roleMethodLabel).toBe('Enrolled voice and words disagree');
    expect(english.body.speakers.note).toContain('point to different speakers');
    const chinese = await getJson(service.baseUrl, `/v1/calls/${call.id}`, { 'accept-language': 'zh-CN' });
    expect(chinese.body.speakers.roleMethodLabel).toBe('登记的声纹与说话内容结论不一致');
    expect(chinese.body.speakers.note).toContain('不是同一人');
  }, 120_000);

  it('shows a self-enrolment', async () => {
    const enrolled = await enrol('R-A1', keys.rep, { content: enrolmentAudio, filename: 'anna.wav', type: 'audio/wav' });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.enrolledBy).toBe(userIds.rep);
    expect(enrolled.body.enrolledBySelf).toBe(true);

    const read = await getJson(service.baseUrl, '/v1/reps/R-A1/voice', bearer(keys.manager));
    expect(read.body.enrolledBy).toBe(userIds.rep);
    expect(read.body.enrolledBySelf).toBe(true);
  }, 60_000);

  it('falls back to text for an absent voice', async () => {
    // The enrolled voice is neither voice of the call, so the match is not confident.
    const enrolled = await enrol('R-A3', keys.manager, { content: otherVoiceAudio, filename: 'other.wav', type: 'audio/wav' });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);

    const call = await scoreMonoCall('R-A3');
    expect(call.speakers.roleMethod).toBe('text');
    expect(rolesBySentence(call)[LONG_SENTENCE]).toEqual(['rep', 'rep', 'rep']);
  }, 120_000);

  it('uses text after the deletion', async () => {
    const deleted = await fetch(`${service.baseUrl}/v1/reps/R-A1/voice`, { method: 'DELETE', headers: bearer(keys.rep) });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ repId: 'R-A1', deleted: true });

    const read = await getJson(service.baseUrl, '/v1/reps/R-A1/voice', bearer(keys.rep));
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('CS_ERR_VOICE_NOT_ENROLLED');

    const call = await scoreMonoCall('R-A1');
    expect(call.speakers.roleMethod).toBe('text');
    expect(rolesBySentence(call)[LONG_SENTENCE]).toEqual(['rep', 'rep', 'rep']);
  }, 120_000);
});

describe('voice sample validation', () => {
  it('rejects a sample under the minimum speech', async () => {
    const before = await storedFiles();
    const rejected = await enrol('R-A1', keys.rep, { content: shortAudio, filename: 'short.wav', type: 'audio/wav' });

    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('CS_ERR_VOICE_SAMPLE_TOO_SHORT');
    expect(rejected.body.error.message).toContain('at least 3 s');
    expect(await storedFiles()).toEqual(before);

    const chinese = await enrol('R-A1', keys.rep, { content: shortAudio, filename: 'short.wav', type: 'audio/wav' }, 'zh-CN');
    expect(chinese.body.error.message).toContain('至少需要 3 秒');
  }, 60_000);

  it('enrols a high-pitched voice', async () => {
    const high = path.join(dir, 'high-voice.wav');
    await makePitchedSpeechWav(high, `${ENROLMENT_TEXT} Thank you for listening.`, 'en+f3', 90, 140);
    const enrolled = await enrol('R-A2', keys.manager, { content: await readFile(high), filename: 'high.wav', type: 'audio/wav' });

    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.seconds).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('rejects more speech than the maximum', async () => {
    const long = path.join(dir, 'long-speech.wav');
    await makePitchedSpeechWav(long, Array.from({ length: 20 }, () => ENROLMENT_TEXT).join(' '), ...REP_VOICE);
    const rejected = await enrol('R-A1', keys.manager, { content: await readFile(long), filename: 'long.wav', type: 'audio/wav' });

    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('CS_ERR_VOICE_SAMPLE_TOO_LONG');
    expect(rejected.body.error.message).toContain('at most 120 s');
  }, 120_000);

  it('rejects a recording over the maximum length', async () => {
    const silence = path.join(dir, 'long-silence.wav');
    await makeSilenceWav(silence, { seconds: 301 });
    const rejected = await enrol('R-A1', keys.manager, { content: await readFile(silence), filename: 'silence.wav', type: 'audio/wav' });

    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('CS_ERR_VOICE_SAMPLE_TOO_LONG');
    expect(rejected.body.error.message).toContain('at most 300 s');
  }, 60_000);

  it.each([
    { name: 'text', content: Buffer.from('This is a note, not a recording.\n'), filename: 'voice.wav', type: 'audio/wav' },
    { name: 'transcript', content: Buffer.from('[{"speaker":"rep","text":"Hello"}]'), filename: 'voice.json', type: 'application/json' },
  ])('rejects $name with 415', async ({ content, filename, type }) => {
    const rejected = await enrol('R-A1', keys.manager, { content, filename, type });

    expect(rejected.status).toBe(415);
    expect(rejected.body.error.code).toBe('CS_ERR_AUDIO_UNSUPPORTED');
  });

  it.each([
    { name: 'unknown rep', repId: 'R-NONE', key: 'manager' as const },
    { name: 'rep of another team', repId: 'R-B1', key: 'manager' as const },
    { name: 'another rep', repId: 'R-A2', key: 'rep' as const },
  ])('answers 404 for $name', async ({ repId, key }) => {
    const rejected = await enrol(repId, keys[key], { content: enrolmentAudio, filename: 'anna.wav', type: 'audio/wav' });

    expect(rejected.status).toBe(404);
    expect(rejected.body.error.code).toBe('CS_ERR_REP_NOT_FOUND');
    const read = await getJson(service.baseUrl, `/v1/reps/${repId}/voice`, bearer(keys[key]));
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('CS_ERR_REP_NOT_FOUND');
  }, 60_000);

  it('forbids a coach to enrol', async () => {
    const rejected = await enrol('R-A1', keys.coach, { content: enrolmentAudio, filename: 'anna.wav', type: 'audio/wav' });

    expect(rejected.status).toBe(403);
    expect(rejected.body.error.code).toBe('CS_ERR_FORBIDDEN');
  }, 60_000);
});

describe('decideRoles', () => {
  const voice = (repSpeaker: 0 | 1 | null, confidence: number): VoiceMatch => ({ repSpeaker, confidence, distances: [1, 2] });
  const words = (repSpeaker: 0 | 1 | null, confidence: number) => ({ repSpeaker, confidence, scores: [0, 0] as [number, number] });

  it.each([
    { name: 'voice overrules unsure words', match: voice(1, 0.9), guess: words(0, 0.73), rep: 1, method: 'enrolled_voice' },
    { name: 'voice and words agree', match: voice(1, 0.9), guess: words(1, 0.95), rep: 1, method: 'enrolled_voice' },
    { name: 'confident disagreement', match: voice(1, 0.9), guess: words(0, 0.88), rep: null, method: 'conflict' },
    { name: 'unsure voice leaves words', match: voice(1, 0.7), guess: words(0, 0.88), rep: 0, method: 'text' },
    { name: 'no profile leaves words', match: null, guess: words(1, 0.88), rep: 1, method: 'text' },
  ])('$name', ({ match, guess, rep, method }) => {
    const decision = decideRoles(match, guess);

    expect(decision.repSpeaker).toBe(rep);
    expect(decision.method).toBe(method);
  });

  it('conflict is below the role threshold', () => {
    expect(decideRoles(voice(0, 0.95), words(1, 0.95)).confidence).toBeLessThan(ROLE_CONFIDENCE_THRESHOLD);
  });
});

describe('matchEnrolledVoice', () => {
  // Voiceprints on one axis: voice 0 at `first`, voice 1 at `second`, the profile's centre at 0.
  const point = (x: number): Float64Array => new Float64Array([x, 0]);
  const centre = point(0);

  it.each([
    { name: 'clear match of voice 0', first: 0.7, second: 5, rep: 0, confident: true },
    { name: 'clear match of voice 1', first: 4, second: 0.5, rep: 1, confident: true },
    { name: 'similar distances', first: 0.66, second: 0.84, rep: 0, confident: false },
    { name: 'neither voice near', first: 4.6, second: 5.5, rep: null, confident: false },
    { name: 'equal distances', first: 1, second: 1, rep: null, confident: false },
  ])('$name', ({ first, second, rep, confident }) => {
    const match = matchEnrolledVoice([point(first), point(second), point(first)], [0, 1, 0], centre);

    expect(match.repSpeaker).toBe(rep);
    expect(match.distances).toEqual([first, second]);
    if (confident) expect(match.confidence).toBeGreaterThanOrEqual(ROLE_CONFIDENCE_THRESHOLD);
    else expect(match.confidence).toBeLessThan(ROLE_CONFIDENCE_THRESHOLD);
  });

  it('gives no rep when a voice has no voiceprint', () => {
    const match = matchEnrolledVoice([point(0.5), null], [0, null], centre);

    expect(match.repSpeaker).toBeNull();
    expect(match.distances).toEqual([0.5, null]);
    expect(match.confidence).toBe(0.5);
  });
});
