/**
 * Child process for the transcriber shutdown test: transcribes a stereo
 * call, so both VAD helper threads have run, then starts a second one and
 * closes the transcriber while it runs, and prints "closed". A native abort
 * during the close ends the process before that line. Arguments: the
 * stereo wav and the models folder.
 */
import { closeTranscriber, transcribeRecording } from '../../src/asr/transcribe.js';

const [audioPath, modelsDir] = process.argv.slice(2);
const result = await transcribeRecording({ audioPath: audioPath!, layout: 'stereo-rep-left', language: 'auto', modelsDir: modelsDir! });
process.stdout.write(`turns ${result.turns.length}\n`);
// The second job is cut off by the close, while its VAD threads hold loaded detectors.
const second = transcribeRecording({ audioPath: audioPath!, layout: 'stereo-rep-left', language: 'auto', modelsDir: modelsDir! }).catch(() => null);
await new Promise((resolve) => setTimeout(resolve, 150));
await closeTranscriber();
await second;
process.stdout.write('closed\n');
