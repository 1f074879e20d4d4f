/**
 * Measures analyzeTranscript throughput on one core. It builds a 150-turn
 * call that mixes Mandarin, English and mixed sentences with turn timings,
 * runs the analysis repeatedly and prints calls per second with heap and RSS
 * before and after.
 *
 * Run `npx tsx bench/nlu.ts [calls]` (default 10000 calls). Run
 * `node --expose-gc --import tsx bench/nlu.ts` to read the heap after a full
 * garbage collection, which shows retained memory rather than garbage.
 */

import { cpus } from 'node:os';

import type { Transcript, Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';

const TURN_COUNT = 150;
const WARM_UP_CALLS = 200;

const REP_LINES = [
  '我们这套系统在华东已经有三十多家制造业客户在用，平均交期达成率提升了百分之二十。',
  '您放心，我们保证百分之百没问题，今天不签的话明天就涨价了。',
  '理解您的顾虑。您的预算主要卡在一次性投入还是年费？',
  '那我们可以做分期，首年只付百分之四十，这是公司标准方案。',
  '好的，我明天上午十点前把分期方案发到您邮箱。',
  '这个我回头看看，尽快给您答复。',
  "Let me walk you through the dashboard, it updates every hour and managers see pipeline changes as they happen.",
  "I hear you. Is the problem the upfront hardware or the yearly platform fee?",
  "Honestly, you'll never have downtime with us, we're the most reliable on the market.",
  "I'll email the lease version to you by Thursday noon and call you Tuesday at 10.",
  '这个价格是 the best in the market，绝对最低，我私下给您打个八折。',
  'I understand. 我们有 SAP 的标准 connector，去年在三家客户上线了，我周四下午三点安排工程师给您做个 demo。',
  '嗯，那个，我们的 MES 直接从 PLC 读停机和节拍，班组长只需要选一下停机原因。',
  "That's not really on me, the firmware team handles all that.",
];

const CUSTOMER_LINES = [
  '你们这个价格比我们预算高了三成。',
  '嗯嗯。',
  '我们已经在用金蝶的系统了，感觉也够用。',
  '这个我做不了主，得请示一下领导。',
  '好的，你发个方案给我。',
  "We're in the middle of peak season, so anything new would have to wait until after January.",
  'Mm-hm.',
  "Does it talk HL7 to our Epic system? Because if it doesn't, it's a non-starter.",
  'Okay, that could actually work. Send me that version.',
  '你们的 price 有点高，比 budget 超了 twenty percent。',
  'OK，那周四见。',
];

/** Builds a deterministic 150-turn transcript. A small linear congruential generator picks the lines. */
function buildTranscript(): Transcript {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };

  const turns: Turn[] = [];
  let clockMs = 0;
  for (let index = 0; index < TURN_COUNT; index++) {
    const isRep = index % 2 === 1;
    const lines = isRep ? REP_LINES : CUSTOMER_LINES;
    const text = lines[next() % lines.length] as string;
    const durationMs = 800 + text.length * 220;
    // Every seventh rep turn cuts into the customer turn before it.
    const overlapMs = isRep && index % 7 === 0 ? 1500 : -(200 + (next() % 1200));
    const startMs = Math.max(0, clockMs - overlapMs);
    turns.push({ speaker: isRep ? 'rep' : 'customer', text, startMs, endMs: startMs + durationMs });
    clockMs = startMs + durationMs;
  }
  return { turns, rolesKnown: true, callEnded: true };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function memoryLine(label: string): string {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return `${label}: heap used ${formatMegabytes(usage.heapUsed)}, RSS ${formatMegabytes(usage.rss)}`;
}

function main(): void {
  const calls = Number(process.argv[2] ?? 10_000);
  const transcript = buildTranscript();
  const settings = { glossary: { competitors: ['金蝶', 'Hartwell'] } };

  for (let index = 0; index < WARM_UP_CALLS; index++) {
    analyzeTranscript(transcript, settings);
  }
  // The warm-up has loaded the learned objection model, so the timed loop measures scoring only.
  const sample = analyzeTranscript(transcript, settings);
  const findings = sample.findings.length;

  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical CPUs`);
  console.log(`transcript: ${transcript.turns.length} turns, ${findings} findings and ${sample.objections.length} objections per analysis`);
  console.log(memoryLine('start'));

  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let index = 0; index < calls; index++) {
    analyzeTranscript(transcript, settings);
  }
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU time of this process: on a shared machine it stays close to the single-core cost while wall time grows.
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  console.log(memoryLine(`after ${calls} calls`));
  console.log(`${calls} calls in ${elapsedSeconds.toFixed(2)} s: ${(calls / elapsedSeconds).toFixed(0)} calls/s`);
  console.log(`CPU time ${cpuSeconds.toFixed(2)} s: ${(calls / cpuSeconds).toFixed(0)} calls per CPU-second`);
}

main();
