/**
 * Builds a tiny ONNX model in the offline Paraformer format, with its
 * tokens.txt, that sherpa-onnx 1.13 loads like the real Paraformer-zh and
 * that decodes any audio to one fixed Mandarin sentence. Tests use it to run
 * the Paraformer path of the recognizer without model weights.
 *
 * Regenerate the committed files with:
 *   npx tsx scripts/make-paraformer-fixture.ts [outputDir]
 * The default output is tests/fixtures/models/paraformer-tiny/.
 *
 * What sherpa-onnx expects of an offline Paraformer model (read from
 * offline-paraformer-model.cc, offline-recognizer-paraformer-impl.h and
 * offline-paraformer-greedy-search-decoder.cc):
 * - two inputs, taken in graph order: the features, float [N, T, 560] (80
 *   fbank bins stacked over 7 frames), and their lengths, int32 [N];
 * - outputs in graph order: token logits float [N, U, vocab] and the token
 *   count [N]. With four outputs the fourth is read as CIF peaks for
 *   timestamps; this model has two, so it gives no timestamps;
 * - metadata: vocab_size, lfr_window_size, lfr_window_shift, and neg_mean
 *   and inv_stddev as comma-separated lists of 560 floats;
 * - tokens.txt must hold `</s>`: greedy search takes the best token of each
 *   of the U rows and stops at the first `</s>`;
 * - text is the tokens joined: non-ASCII tokens without spaces, ASCII ones
 *   after a space, and a token ending in "@@" joined to the next one.
 *
 * The real model writes neither digits nor punctuation, so the fixed
 * sentence has a Chinese numeral and no punctuation. The graph ignores the
 * feature values: it reads the batch size from the shape of the features
 * and repeats the fixed token rows for each item.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeModel, floatTensor, FLOAT, int32Tensor, int64Tensor, INT32, intAttribute, logitRow, node, valueInfo } from './onnx-proto.js';

/** The text that the fixture model outputs for every speech segment. */
export const PARAFORMER_SENTENCE = '我们保证十五分钟内响应';

/** Turn text that the service stores for that sentence, after ITN and rule punctuation. */
export const PARAFORMER_POLISHED = '我们保证15分钟内响应。';

// One token per character, as the real model's Chinese vocabulary has.
const SENTENCE_TOKENS = [...PARAFORMER_SENTENCE];
const SPECIAL_TOKENS = ['<blank>', '<s>', '</s>'];
const END = '</s>';

const LFR_WINDOW_SIZE = 7;
const LFR_WINDOW_SHIFT = 6;
const FEATURE_DIM = 80 * LFR_WINDOW_SIZE;

/** Lists the fixture tokens in id order, so the index of a token is its id. */
export function paraformerTokens(): string[] {
  return [...SPECIAL_TOKENS, ...SENTENCE_TOKENS, '<unk>'];
}

function buildGraph(tokens: string[]): object {
  const vocabSize = tokens.length;
  const rows = [...SENTENCE_TOKENS, END].map((token) => logitRow(vocabSize, tokens.indexOf(token)));

  const initializer = [
    floatTensor('script', [1, rows.length, vocabSize], rows.flat()),
    int32Tensor('script_length', [SENTENCE_TOKENS.length]),
    int64Tensor('index_batch', [0]),
    int64Tensor('script_dims', [rows.length, vocabSize]),
  ];

  // logits = expand(script, [N, U, vocab]); token_num = expand(U, [N]).
  const nodes = [
    node('Shape', ['speech'], 'speech_shape'),
    node('Gather', ['speech_shape', 'index_batch'], 'batch', [intAttribute('axis', 0)]),
    node('Concat', ['batch', 'script_dims'], 'logits_shape', [intAttribute('axis', 0)]),
    node('Expand', ['script', 'logits_shape'], 'logits'),
    node('Expand', ['script_length', 'batch'], 'token_num'),
  ];

  return {
    name: 'paraformer_fixture',
    node: nodes,
    initializer,
    input: [valueInfo('speech', FLOAT, ['N', 'T', FEATURE_DIM]), valueInfo('speech_lengths', INT32, ['N'])],
    output: [valueInfo('logits', FLOAT, ['N', rows.length, vocabSize]), valueInfo('token_num', INT32, ['N'])],
  };
}

function metadata(vocabSize: number): Record<string, string> {
  return {
    model_type: 'paraformer',
    comment: 'callscore test fixture: outputs one fixed sentence for any audio',
    vocab_size: String(vocabSize),
    lfr_window_size: String(LFR_WINDOW_SIZE),
    lfr_window_shift: String(LFR_WINDOW_SHIFT),
    neg_mean: new Array(FEATURE_DIM).fill('0').join(','),
    inv_stddev: new Array(FEATURE_DIM).fill('1').join(','),
  };
}

/** Encodes the fixture model as ONNX protobuf bytes. */
export function buildParaformerModel(): Uint8Array {
  const tokens = paraformerTokens();
  return encodeModel({
    graph: buildGraph(tokens),
    metadata: metadata(tokens.length),
    docString: `Test fixture. Decodes any audio to: ${PARAFORMER_SENTENCE}`,
  });
}

/** Renders tokens.txt: one "token id" pair per line, as sherpa-onnx reads it. */
export function buildParaformerTokensFile(): string {
  return paraformerTokens().map((token, id) => `${token} ${id}\n`).join('');
}

/** Writes model.int8.onnx and tokens.txt, the file names of the paraformer-zh catalogue entry, into `outputDir`. */
export function writeParaformerFixture(outputDir: string): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'model.int8.onnx'), buildParaformerModel());
  writeFileSync(join(outputDir, 'tokens.txt'), buildParaformerTokensFile());
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'tests/fixtures/models/paraformer-tiny'));
  writeParaformerFixture(outputDir);
  console.log(`Wrote model.int8.onnx and tokens.txt to ${outputDir}`);
}
