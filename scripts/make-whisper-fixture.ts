/**
 * Builds a tiny Whisper model in the sherpa-onnx export format (encoder,
 * decoder and tokens file) that sherpa-onnx 1.13 loads like the real
 * Whisper tiny and that decodes any audio to one fixed sentence in
 * Traditional Chinese mixed with English. Tests use it to run the Whisper
 * path of the recognizer without model weights.
 *
 * Regenerate the committed files with:
 *   npx tsx scripts/make-whisper-fixture.ts [outputDir]
 * The default output is tests/fixtures/models/whisper-tiny-fixture/, with
 * the file names of the whisper-tiny catalogue entry.
 *
 * What sherpa-onnx expects of a Whisper model (read from
 * offline-whisper-model.cc, offline-recognizer-whisper-impl.h and
 * offline-whisper-greedy-search-decoder.cc):
 * - encoder: one input, the log-mel features float [N, n_mels, T], where T is
 *   the segment's frames plus zero padding (1000 frames unless tail_paddings
 *   sets another count, 3000 frames at most); two outputs, the cross-attention keys and
 *   values of every text layer, handed to the decoder unchanged;
 * - decoder: six inputs in graph order: tokens int64 [N, n], the self-attention
 *   key and value caches float [n_text_layer, N, n_text_ctx, n_text_state],
 *   the cross keys and values, and offset int64 [1], the position of the
 *   first token; outputs in graph order: logits float [N, n, n_vocab] and the
 *   two updated self caches (a fourth output would be read as cross-attention
 *   weights for token timestamps);
 * - encoder metadata: n_mels, n_text_layer, n_text_ctx, n_text_state,
 *   n_vocab, sot, eot, blank_id, translate, transcribe, is_multilingual,
 *   no_timestamps, no_speech, sot_sequence and, for a multilingual model,
 *   all_language_tokens with their all_language_codes; sherpa-onnx exits the
 *   process when one is missing. n_mels sets the feature bins of the stream,
 *   so a 128-bin model (large-v3, turbo) gets 128 bins whatever the
 *   recognizer's feat_config says;
 * - decoding: the first decoder call gets sot_sequence with the language put
 *   at index 1, plus no_timestamps, at offset 0, and reads the last row of
 *   logits; each later call gets the previous best token at offset 4, 5, ...
 *   Decoding stops at eot, at n_text_ctx / 2 tokens, or at 6 tokens per
 *   second of audio in the segment. With no language set, one decoder call
 *   with only sot picks the language token with the highest logit;
 * - tokens file: one "base64(token bytes) id" pair per line. Text is the
 *   decoded bytes of the tokens joined, so a token may hold part of a UTF-8
 *   character, as Whisper's byte-level BPE does; ids missing from the file
 *   (the special tokens) are skipped.
 *
 * The graphs ignore the feature values. The decoder computes the position of
 * the token it must predict as offset + n - 4 and picks that row of a fixed
 * script that ends in eot. Every row also gives the zh language token a
 * logit above the other language tokens, so language detection picks zh.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeModel, FLOAT, floatTensor, INT64, int64Tensor, intAttribute, logitRow, node, valueInfo } from './onnx-proto.js';

/** The text that the fixture model outputs for every speech segment of at least a second. */
export const WHISPER_SENTENCE = '我們保證這個系統沒問題，we guarantee it.';

/** Turn text that the service stores for that sentence: Simplified Chinese, English kept. */
export const WHISPER_SIMPLIFIED = '我们保证这个系统没问题，we guarantee it.';

// 題 is E9 A1 8C in UTF-8; splitting it across two tokens checks that bytes are joined before decoding.
const TI = Buffer.from('題');
const TEXT_TOKENS: Buffer[] = [
  Buffer.from('我們保證這個'),
  Buffer.from('系統沒問'),
  TI.subarray(0, 2),
  Buffer.concat([TI.subarray(2), Buffer.from('，we')]),
  Buffer.from(' guarantee it.'),
];
const LANGUAGE_CODES = ['en', 'zh', 'yue', 'ja', 'ko'];

// Special token ids follow the text tokens, in the order of Whisper's tokenizer.
const EOT = TEXT_TOKENS.length;
const SOT = EOT + 1;
const LANGUAGE_TOKENS = LANGUAGE_CODES.map((_, i) => SOT + 1 + i);
const TRANSLATE = SOT + 1 + LANGUAGE_CODES.length;
const TRANSCRIBE = TRANSLATE + 1;
const NO_SPEECH = TRANSCRIBE + 1;
const NO_TIMESTAMPS = NO_SPEECH + 1;
const VOCAB_SIZE = NO_TIMESTAMPS + 1;
const ZH_TOKEN = LANGUAGE_TOKENS[LANGUAGE_CODES.indexOf('zh')]!;
// sot, language, task and no_timestamps come before the first text token.
const PROMPT_LENGTH = 4;

const TEXT_LAYERS = 1;
const TEXT_CTX = 64;
const TEXT_STATE = 4;

/** Options of a fixture build. */
export interface WhisperFixtureOptions {
  /** Mel bins of the encoder input: 80 for tiny to medium, 128 for large-v3 and turbo. */
  melBins?: number;
}

function languageHint(row: number[]): number[] {
  if (row[ZH_TOKEN] !== 0) row[ZH_TOKEN] = -10;
  return row;
}

function buildEncoder(melBins: number): object {
  // The cross keys and values are a small tensor made from the input's shape, so the input is read.
  const nodes = [
    node('Shape', ['mel'], 'mel_shape'),
    node('Cast', ['mel_shape'], 'mel_shape_float', [intAttribute('to', FLOAT)]),
    node('Reshape', ['mel_shape_float', 'cross_shape'], 'n_layer_cross_k'),
    node('Identity', ['n_layer_cross_k'], 'n_layer_cross_v'),
  ];
  return {
    name: 'whisper_fixture_encoder',
    node: nodes,
    initializer: [int64Tensor('cross_shape', [TEXT_LAYERS, 1, 1, 3])],
    input: [valueInfo('mel', FLOAT, ['N', melBins, 'T'])],
    output: [
      valueInfo('n_layer_cross_k', FLOAT, [TEXT_LAYERS, 'N', 'n_audio_ctx', 'n_audio_state']),
      valueInfo('n_layer_cross_v', FLOAT, [TEXT_LAYERS, 'N', 'n_audio_ctx', 'n_audio_state']),
    ],
  };
}

function buildDecoder(): object {
  const script = [...TEXT_TOKENS.map((_, id) => id), EOT].map((id) => languageHint(logitRow(VOCAB_SIZE, id)));
  const cache = [TEXT_LAYERS, 'N', TEXT_CTX, TEXT_STATE];

  const initializer = [
    floatTensor('script', [script.length, VOCAB_SIZE], script.flat()),
    int64Tensor('index_batch', [0]),
    int64Tensor('index_tokens', [1]),
    int64Tensor('prompt_length', [PROMPT_LENGTH]),
    int64Tensor('first_row', [0]),
    int64Tensor('last_row', [script.length - 1]),
    int64Tensor('row_shape', [1, 1, VOCAB_SIZE]),
    int64Tensor('vocab_dim', [VOCAB_SIZE]),
  ];

  // row = clamp(offset + n - 4, 0, last); logits = expand(script[row], [N, n, vocab]).
  const nodes = [
    node('Shape', ['tokens'], 'tokens_shape'),
    node('Gather', ['tokens_shape', 'index_batch'], 'batch', [intAttribute('axis', 0)]),
    node('Gather', ['tokens_shape', 'index_tokens'], 'count', [intAttribute('axis', 0)]),
    node('Add', ['offset', 'count'], 'next_position'),
    node('Sub', ['next_position', 'prompt_length'], 'script_position'),
    node('Max', ['script_position', 'first_row'], 'row_at_least_first'),
    node('Min', ['row_at_least_first', 'last_row'], 'row'),
    node('Gather', ['script', 'row'], 'row_logits', [intAttribute('axis', 0)]),
    node('Reshape', ['row_logits', 'row_shape'], 'one_logits'),
    node('Concat', ['batch', 'count', 'vocab_dim'], 'logits_shape', [intAttribute('axis', 0)]),
    node('Expand', ['one_logits', 'logits_shape'], 'logits'),
    node('Identity', ['in_n_layer_self_k_cache'], 'out_n_layer_self_k_cache'),
    node('Identity', ['in_n_layer_self_v_cache'], 'out_n_layer_self_v_cache'),
  ];

  return {
    name: 'whisper_fixture_decoder',
    node: nodes,
    initializer,
    input: [
      valueInfo('tokens', INT64, ['N', 'n']),
      valueInfo('in_n_layer_self_k_cache', FLOAT, cache),
      valueInfo('in_n_layer_self_v_cache', FLOAT, cache),
      valueInfo('n_layer_cross_k', FLOAT, [TEXT_LAYERS, 'N', 'n_audio_ctx', 'n_audio_state']),
      valueInfo('n_layer_cross_v', FLOAT, [TEXT_LAYERS, 'N', 'n_audio_ctx', 'n_audio_state']),
      valueInfo('offset', INT64, [1]),
    ],
    output: [
      valueInfo('logits', FLOAT, ['N', 'n', VOCAB_SIZE]),
      valueInfo('out_n_layer_self_k_cache', FLOAT, cache),
      valueInfo('out_n_layer_self_v_cache', FLOAT, cache),
    ],
  };
}

function encoderMetadata(melBins: number): Record<string, string> {
  return {
    model_type: 'whisper-fixture',
    comment: 'callscore test fixture: outputs one fixed sentence for any audio',
    n_mels: String(melBins),
    n_audio_ctx: '1',
    n_audio_state: '3',
    n_text_layer: String(TEXT_LAYERS),
    n_text_ctx: String(TEXT_CTX),
    n_text_state: String(TEXT_STATE),
    n_vocab: String(VOCAB_SIZE),
    sot: String(SOT),
    eot: String(EOT),
    // Read but not used by greedy search; the real export stores the id of " ".
    blank_id: String(EOT),
    translate: String(TRANSLATE),
    transcribe: String(TRANSCRIBE),
    no_speech: String(NO_SPEECH),
    no_timestamps: String(NO_TIMESTAMPS),
    is_multilingual: '1',
    sot_sequence: [SOT, LANGUAGE_TOKENS[0], TRANSCRIBE].join(','),
    all_language_tokens: LANGUAGE_TOKENS.join(','),
    all_language_codes: LANGUAGE_CODES.join(','),
  };
}

/** Encodes the fixture encoder as ONNX protobuf bytes. */
export function buildWhisperEncoder({ melBins = 80 }: WhisperFixtureOptions = {}): Uint8Array {
  return encodeModel({
    graph: buildEncoder(melBins),
    metadata: encoderMetadata(melBins),
    docString: `Test fixture encoder, ${melBins} mel bins. With its decoder, decodes any audio to: ${WHISPER_SENTENCE}`,
  });
}

/** Encodes the fixture decoder as ONNX protobuf bytes. */
export function buildWhisperDecoder(): Uint8Array {
  return encodeModel({ graph: buildDecoder(), metadata: {}, docString: `Test fixture decoder. Decodes any audio to: ${WHISPER_SENTENCE}` });
}

/** Renders the tokens file: base64 of each text token's bytes and its id. */
export function buildWhisperTokensFile(): string {
  return TEXT_TOKENS.map((bytes, id) => `${bytes.toString('base64')} ${id}\n`).join('');
}

/**
 * Writes `<prefix>-encoder.int8.onnx`, `<prefix>-decoder.int8.onnx` and
 * `<prefix>-tokens.txt`, the file names of the whisper-<prefix> catalogue
 * entry, into `outputDir`.
 */
export function writeWhisperFixture(outputDir: string, prefix = 'tiny', options: WhisperFixtureOptions = {}): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, `${prefix}-encoder.int8.onnx`), buildWhisperEncoder(options));
  writeFileSync(join(outputDir, `${prefix}-decoder.int8.onnx`), buildWhisperDecoder());
  writeFileSync(join(outputDir, `${prefix}-tokens.txt`), buildWhisperTokensFile());
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'tests/fixtures/models/whisper-tiny-fixture'));
  writeWhisperFixture(outputDir);
  console.log(`Wrote tiny-encoder.int8.onnx, tiny-decoder.int8.onnx and tiny-tokens.txt to ${outputDir}`);
}
