/**
 * Child-process side of the model load check: loads the SenseVoice model
 * named on the command line and decodes half a second of silence. A broken
 * model makes this process throw or abort, and the parent reads the exit.
 */
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import { createSenseVoiceRecognizer, recognizeSegment } from './recognizer.js';

const [modelPath, tokensPath] = process.argv.slice(2);
if (!modelPath || !tokensPath) throw new Error('usage: model-check-child.mjs MODEL_PATH TOKENS_PATH');

const recognizer = createSenseVoiceRecognizer({ modelPath, tokensPath }, 'auto', 1);
recognizeSegment(recognizer, new Float32Array(DECODE_SAMPLE_RATE / 2));
