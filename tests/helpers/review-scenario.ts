/**
 * Seeds a running service with what the browser test and the screenshot
 * script drive: a coach of team A, two reps of team A, and scored calls.
 * One call of rep A1 is a stereo recording (transcribed by the fixture ASR
 * model), the others are JSON transcripts, one of them in team B.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { joinStereo, makeSpeechWav } from './audio.js';
import { makeTempDir, upload, waitForCall, type Service } from './harness.js';

/** A user the scenario creates, with the password to sign in with. */
export interface ScenarioUser {
  email: string;
  password: string;
  name: string;
  repId: string | null;
}

/** The users and call ids of a seeded scenario. */
export interface ReviewScenario {
  coach: ScenarioUser;
  repA1: ScenarioUser;
  repA2: ScenarioUser;
  calls: {
    /** Stereo recording of rep A1; the rep speaks from about 4 s, after the customer. */
    audioA1: string;
    transcriptA1: string;
    transcriptA2: string;
    /** Call of another team, which the coach of team A must not see. */
    transcriptB1: string;
  };
}

const PASSWORD = 'review-scenario-password';

const TRANSCRIPT_A1 = [
  { speaker: 'customer', text: '你们的系统稳定吗？我们之前用的那家经常宕机。', startMs: 0, endMs: 4000 },
  { speaker: 'rep', text: '放心，我们是全网最低价，行业第一，性能最好的平台。', startMs: 4200, endMs: 9000 },
  { speaker: 'customer', text: '价格我还要和财务商量一下。', startMs: 9400, endMs: 12000 },
  { speaker: 'rep', text: '今天不签明天就涨价，名额只剩最后两个了。', startMs: 12300, endMs: 16000 },
];

const TRANSCRIPT_A2 = [
  { speaker: 'customer', text: 'Can you send the proposal this week?', startMs: 0, endMs: 3000 },
  { speaker: 'rep', text: "We'll try to get it to you soon, it should be no problem.", startMs: 3300, endMs: 7000 },
  { speaker: 'customer', text: 'And the price?', startMs: 7200, endMs: 8500 },
  { speaker: 'rep', text: 'We are the best on the market, number one in China.', startMs: 8800, endMs: 12000 },
];

const TRANSCRIPT_B1 = [
  { speaker: 'customer', text: '我们需要七乘二十四小时的支持。', startMs: 0, endMs: 3000 },
  { speaker: 'rep', text: '我们保证百分之百没问题，绝对没问题。', startMs: 3300, endMs: 7000 },
];

async function createUser(service: Service, user: ScenarioUser, role: string, teamIds: string[]): Promise<void> {
  const response = await fetch(`${service.baseUrl}/v1/users`, {
    method: 'POST',
    headers: { ...service.authHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, name: user.name, role, password: user.password, teamIds, ...(user.repId ? { repId: user.repId } : {}) }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`creating user ${user.email} failed with ${response.status}: ${await response.text()}`);
  }
}

async function uploadTranscript(service: Service, callId: string, turns: object[], fields: Record<string, string>): Promise<string> {
  const { status, body } = await upload(
    service.baseUrl,
    { content: Buffer.from(JSON.stringify(turns)), filename: `${callId}.json`, type: 'application/json' },
    { callId, ...fields },
  );
  if (status !== 202) throw new Error(`upload of ${callId} failed with ${status}: ${JSON.stringify(body)}`);
  return body.id as string;
}

/** Writes a stereo wav: the customer speaks on the right channel first, then the rep on the left from about 4 s. */
async function makeStereoCall(folder: string): Promise<string> {
  const rep = path.join(folder, 'rep.wav');
  const customer = path.join(folder, 'customer.wav');
  const stereo = path.join(folder, 'call.wav');
  await makeSpeechWav(rep, '我们保证百分之百没问题', { voice: 'cmn', padStartSeconds: 4, padEndSeconds: 0.5 });
  await makeSpeechWav(customer, 'Is your system reliable?', { padStartSeconds: 0.5, padEndSeconds: 0.5 });
  await joinStereo(rep, customer, stereo);
  return stereo;
}

/** Creates the users and uploads the calls, then waits until every call is scored. */
export async function seedReviewScenario(service: Service): Promise<ReviewScenario> {
  const scenario: ReviewScenario = {
    coach: { email: 'coach.a@example.test', password: PASSWORD, name: '王教练', repId: null },
    repA1: { email: 'rep.a1@example.test', password: PASSWORD, name: '李销售', repId: 'R-A1' },
    repA2: { email: 'rep.a2@example.test', password: PASSWORD, name: 'Alex Chen', repId: 'R-A2' },
    calls: { audioA1: 'C-A1-audio', transcriptA1: 'C-A1-text', transcriptA2: 'C-A2-text', transcriptB1: 'C-B1-text' },
  };

  await createUser(service, scenario.coach, 'coach', ['team-a']);
  await createUser(service, scenario.repA1, 'rep', ['team-a']);
  await createUser(service, scenario.repA2, 'rep', ['team-a']);

  const folder = await makeTempDir('review-scenario');
  try {
    const wav = await makeStereoCall(folder);
    const { status, body } = await upload(
      service.baseUrl,
      { path: wav, filename: 'call-a1.wav', type: 'audio/wav' },
      { callId: scenario.calls.audioA1, dealId: 'D-A1', repId: 'R-A1', teamId: 'team-a', channelLayout: 'stereo-rep-left', startedAt: '2026-11-03T10:00:00+08:00' },
    );
    if (status !== 202) throw new Error(`audio upload failed with ${status}: ${JSON.stringify(body)}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }

  await uploadTranscript(service, scenario.calls.transcriptA1, TRANSCRIPT_A1, { dealId: 'D-A1', repId: 'R-A1', teamId: 'team-a', startedAt: '2026-11-04T14:30:00+08:00' });
  await uploadTranscript(service, scenario.calls.transcriptA2, TRANSCRIPT_A2, { dealId: 'D-A2', repId: 'R-A2', teamId: 'team-a', startedAt: '2026-11-05T09:15:00+08:00', language: 'en' });
  await uploadTranscript(service, scenario.calls.transcriptB1, TRANSCRIPT_B1, { dealId: 'D-B1', repId: 'R-B1', teamId: 'team-b', startedAt: '2026-11-05T11:00:00+08:00' });

  for (const callId of Object.values(scenario.calls)) {
    const call = await waitForCall(service.baseUrl, callId);
    if (call.status !== 'scored') throw new Error(`call ${callId} ended ${call.status}: ${JSON.stringify(call.failure)}`);
  }
  return scenario;
}
