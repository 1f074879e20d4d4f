/**
 * Builds a tiny ONNX model in the SenseVoice format, with its tokens.txt, that
 * sherpa-onnx 1.13 loads like the real SenseVoice Small and that decodes any
 * audio to one fixed sentence. Tests use it to run the real recognizer without
 * model weights.
 *
 * Regenerate the committed files with:
 *   npx tsx scripts/make-sense-voice-fixture.ts [outputDir]
 * The default output is tests/fixtures/models/sense-voice-tiny/.
 *
 * What sherpa-onnx expects of a SenseVoice model (read from its C++ sources):
 * - inputs `x` float [N, T, 560] (80 fbank bins stacked over 7 frames by
 *   low frame rate stacking), `x_length` int32 [N], `language` int32 [N] and
 *   `text_norm` int32 [N];
 * - one output, logits float [N, T + 4, vocab], because the real model
 *   prepends 4 query frames; CTC greedy search reads exactly T + 4 frames;
 * - metadata: vocab_size, blank_id, lfr_window_size, lfr_window_shift,
 *   normalize_samples, with_itn, without_itn, lang_{auto,zh,en,ja,ko,yue},
 *   and neg_mean and inv_stddev as comma-separated lists of 560 floats;
 * - the first 4 decoded tokens are the language, emotion, event and text
 *   normalisation tags, and the text is the remaining tokens joined, with a
 *   leading "▁" in a token turned into a space.
 *
 * The graph ignores the feature values: it reads T from the shape of `x`,
 * lays the fixed token script over the first frames and pads the rest with
 * blank frames. Any segment of at least 4 stacked frames, about 0.25 s of
 * audio, decodes to the whole sentence.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeModel, FLOAT, floatTensor, INT32, int64Tensor, intAttribute, logitRow, node, valueInfo } from './onnx-proto.js';

/** The text that the fixture model outputs for every speech segment. */
export const FIXTURE_SENTENCE = '我们保证百分之百没问题，we guarantee it.';

const BLANK = '<unk>';
const TAGS = ['<|zh|>', '<|NEUTRAL|>', '<|Speech|>', '<|withitn|>'];
// Few, long tokens keep the script at 8 frames, so short segments still fit.
const SENTENCE_TOKENS = ['我们保证百分之百没问题，', 'we', '▁guarantee', '▁it.'];
const OTHER_TOKENS = ['<s>', '</s>', '<|en|>', '<|yue|>', '<|ja|>', '<|ko|>', '<|nospeech|>', '<|woitn|>'];

const FEATURE_DIM = 560;

/** Lists the fixture tokens in id order, so the index of a token is its id. */
export function fixtureTokens(): string[] {
  return [BLANK, ...OTHER_TOKENS, ...TAGS, ...SENTENCE_TOKENS];
}

function buildGraph(tokens: string[]): object {
  const vocabSize = tokens.length;
  const script = [...TAGS, ...SENTENCE_TOKENS].map((token) => logitRow(vocabSize, tokens.indexOf(token)));

  const initializer = [
    floatTensor('script', [script.length, vocabSize], script.flat()),
    floatTensor('blank_row', [1, vocabSize], logitRow(vocabSize, 0)),
    int64Tensor('index_batch', [0]),
    int64Tensor('index_time', [1]),
    int64Tensor('query_frames', [4]),
    int64Tensor('vocab_dim', [vocabSize]),
    int64Tensor('zero', [0]),
  ];

  // frames = T + 4; logits = expand(slice(concat(script, blanks), 0, frames)).
  const nodes = [
    node('Shape', ['x'], 'x_shape'),
    node('Gather', ['x_shape', 'index_batch'], 'batch', [intAttribute('axis', 0)]),
    node('Gather', ['x_shape', 'index_time'], 'time', [intAttribute('axis', 0)]),
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
    name: 'sense_voice_fixture',
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

/** Returns the metadata that sherpa-onnx reads from a SenseVoice model with `vocabSize` tokens, with CMVN that leaves features unchanged. */
export function metadata(vocabSize: number): Record<string, string> {
  return {
    model_type: 'sense_voice_ctc',
    comment: 'callscore test fixture: outputs one fixed sentence for any audio',
    vocab_size: String(vocabSize),
    blank_id: '0',
    lfr_window_size: '7',
    lfr_window_shift: '6',
    normalize_samples: '0',
    // Language and text-normalisation ids index embeddings in the real model.
    // These are the lid_dict and textnorm_dict values of SenseVoice Small's
    // model code, and the fixture ignores them.
    lang_auto: '0',
    lang_zh: '3',
    lang_en: '4',
    lang_yue: '7',
    lang_ja: '11',
    lang_ko: '12',
    with_itn: '14',
    without_itn: '15',
    neg_mean: new Array(FEATURE_DIM).fill('0').join(','),
    inv_stddev: new Array(FEATURE_DIM).fill('1').join(','),
  };
}

/** Encodes the fixture model as ONNX protobuf bytes. */
export function buildFixtureModel(): Uint8Array {
  const tokens = fixtureTokens();
  return encodeModel({
    graph: buildGraph(tokens),
    metadata: metadata(tokens.length),
    docString: `Test fixture. Decodes any audio to: ${FIXTURE_SENTENCE}`,
  });
}

/** Renders tokens.txt: one "token id" pair per line, as sherpa-onnx reads it. */
export function buildTokensFile(): string {
  return fixtureTokens().map((token, id) => `${token} ${id}\n`).join('');
}

/** Writes model.int8.onnx and tokens.txt into `outputDir`. */
export function writeFixture(outputDir: string): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'model.int8.onnx'), buildFixtureModel());
  writeFileSync(join(outputDir, 'tokens.txt'), buildTokensFile());
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'tests/fixtures/models/sense-voice-tiny'));
  writeFixture(outputDir);
  console.log(`Wrote model.int8.onnx and tokens.txt to ${outputDir}`);
}
