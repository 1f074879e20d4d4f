/**
 * Builds a tiny SenseVoice-format model, like scripts/make-sense-voice-fixture.ts,
 * whose text depends on the length of the segment: segments longer than
 * `LONG_SEGMENT_SECONDS` decode to `LONG_SENTENCE` and shorter ones to
 * `SHORT_SENTENCE`. Tests then control what each voice of a call "says"
 * through how long it speaks, without model weights.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metadata as senseVoiceMetadata } from '../../scripts/make-sense-voice-fixture.js';
import { encodeModel, FLOAT, floatTensor, INT32, int64Tensor, intAttribute, logitRow, node, valueInfo } from '../../scripts/onnx-proto.js';

/** Text of a long segment: a rep introducing the company and quoting a price. */
export const LONG_SENTENCE = 'Hello, this is Tom from Acme, our pricing is per seat.';
/** Text of a short segment: a customer asking for the price. */
export const SHORT_SENTENCE = 'How much is your price?';
/** Segment length from which the long sentence is output. */
export const LONG_SEGMENT_SECONDS = 1.8;

const LONG_TOKENS = ['Hello,', '▁this', '▁is', '▁Tom', '▁from', '▁Acme,', '▁our', '▁pricing', '▁is', '▁per', '▁seat.'];
const SHORT_TOKENS = ['How', '▁much', '▁is', '▁your', '▁price?'];
const BLANK = '<unk>';
const TAGS = ['<|en|>', '<|NEUTRAL|>', '<|Speech|>', '<|withitn|>'];
const OTHER_TOKENS = ['<s>', '</s>', '<|zh|>', '<|yue|>', '<|ja|>', '<|ko|>', '<|nospeech|>', '<|woitn|>'];
const FEATURE_DIM = 560;
// One stacked frame covers 6 fbank frames of 10 ms.
const STACKED_FRAME_SECONDS = 0.06;

function tokens(): string[] {
  return [...new Set([BLANK, ...OTHER_TOKENS, ...TAGS, ...LONG_TOKENS, ...SHORT_TOKENS])];
}

function graph(vocabulary: string[]): object {
  const vocabSize = vocabulary.length;
  const script = (sentence: string[], length: number): number[][] => {
    const rows = [...TAGS, ...sentence].map((token) => logitRow(vocabSize, vocabulary.indexOf(token)));
    while (rows.length < length) rows.push(logitRow(vocabSize, 0));
    return rows;
  };
  const length = TAGS.length + Math.max(LONG_TOKENS.length, SHORT_TOKENS.length);

  const initializer = [
    floatTensor('long_script', [length, vocabSize], script(LONG_TOKENS, length).flat()),
    floatTensor('short_script', [length, vocabSize], script(SHORT_TOKENS, length).flat()),
    floatTensor('blank_row', [1, vocabSize], logitRow(vocabSize, 0)),
    int64Tensor('index_batch', [0]),
    int64Tensor('index_time', [1]),
    int64Tensor('query_frames', [4]),
    int64Tensor('vocab_dim', [vocabSize]),
    int64Tensor('zero', [0]),
    int64Tensor('long_frames', [Math.round(LONG_SEGMENT_SECONDS / STACKED_FRAME_SECONDS)]),
  ];

  // script = T > long_frames ? long : short; logits = expand(slice(concat(script, blanks), 0, T + 4)).
  const nodes = [
    node('Shape', ['x'], 'x_shape'),
    node('Gather', ['x_shape', 'index_batch'], 'batch', [intAttribute('axis', 0)]),
    node('Gather', ['x_shape', 'index_time'], 'time', [intAttribute('axis', 0)]),
    node('Greater', ['time', 'long_frames'], 'is_long'),
    node('Where', ['is_long', 'long_script', 'short_script'], 'script'),
    node('Add', ['time', 'query_frames'], 'frames'),
    node('Concat', ['frames', 'vocab_dim'], 'blank_shape', [intAttribute('axis', 0)]),
    node('Expand', ['blank_row', 'blank_shape'], 'blanks'),
    node('Concat', ['script', 'blanks'], 'padded', [intAttribute('axis', 0)]),
    node('Slice', ['padded', 'zero', 'frames', 'zero'], 'frame_logits'),
    node('Unsqueeze', ['frame_logits', 'zero'], 'one_logits'),
    node('Concat', ['batch', 'frames', 'vocab_dim'], 'logits_shape', [intAttribute('axis', 0)]),
    node('Expand', ['one_logits', 'logits_shape'], 'logits'),
  ];

  return {
    name: 'sense_voice_length_fixture',
    node: nodes,
    initializer,
    input: [
      valueInfo('x', FLOAT, ['N', 'T', FEATURE_DIM]),
      valueInfo('x_length', INT32, ['N']),
      valueInfo('language', INT32, ['N']),
      valueInfo('text_norm', INT32, ['N']),
    ],
    output: [valueInfo('logits', FLOAT, ['N', 'T_out', vocabSize])],
  };
}

/** Writes model.int8.onnx and tokens.txt of the length-dependent model into `outputDir`. */
export function writeLengthSenseVoice(outputDir: string): void {
  const vocabulary = tokens();
  const metadata = { ...senseVoiceMetadata(vocabulary.length), comment: 'callscore test fixture: the text depends on the segment length' };
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'model.int8.onnx'), encodeModel({ graph: graph(vocabulary), metadata, docString: 'Test fixture with length-dependent text.' }));
  writeFileSync(join(outputDir, 'tokens.txt'), vocabulary.map((token, id) => `${token} ${id}\n`).join(''));
}
