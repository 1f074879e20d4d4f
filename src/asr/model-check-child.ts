/**
 * Child-process side of the model load check: loads the recognizer whose
 * spec (JSON) is given on the command line and decodes half a second of
 * silence. A broken model makes this process throw or abort, and the parent
 * reads the exit.
 */
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import { createRecognizer, recognizeSegment, type RecognizerSpec } from './recognizer.js';

const [specJson] = process.argv.slice(2);
if (!specJson) throw new Error('usage: model-check-child.mjs RECOGNIZER_SPEC_JSON');

const recognizer = createRecognizer(JSON.parse(specJson) as RecognizerSpec);
recognizeSegment(recognizer, new Float32Array(DECODE_SAMPLE_RATE / 2));
