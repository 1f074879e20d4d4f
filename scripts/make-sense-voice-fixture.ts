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
import protobuf from 'protobufjs';

/** The text that the fixture model outputs for every speech segment. */
export const FIXTURE_SENTENCE = '我们保证百分之百没问题，we guarantee it.';

const BLANK = '<unk>';
const TAGS = ['<|zh|>', '<|NEUTRAL|>', '<|Speech|>', '<|withitn|>'];
// Few, long tokens keep the script at 8 frames, so short segments still fit.
const SENTENCE_TOKENS = ['我们保证百分之百没问题，', 'we', '▁guarantee', '▁it.'];
const OTHER_TOKENS = ['<s>', '</s>', '<|en|>', '<|yue|>', '<|ja|>', '<|ko|>', '<|nospeech|>', '<|woitn|>'];

const FEATURE_DIM = 560;
const LOGIT_HIT = 0;
const LOGIT_MISS = -20;

// The subset of onnx.proto (proto2, package onnx) that this model needs, with
// the field numbers of the ONNX specification.
const ONNX_SCHEMA = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1;
  optional int64 i = 3;
  repeated int64 ints = 8;
  optional int32 type = 20;
}
message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
}
message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}
message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
`;

const FLOAT = 1;
const INT32 = 6;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

/** Lists the fixture tokens in id order, so the index of a token is its id. */
export function fixtureTokens(): string[] {
  return [BLANK, ...OTHER_TOKENS, ...TAGS, ...SENTENCE_TOKENS];
}

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: Dim[]): object {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

function floatTensor(name: string, dims: number[], values: number[]): object {
  return { name, dims, data_type: FLOAT, raw_data: Buffer.from(new Float32Array(values).buffer) };
}

function int64Tensor(name: string, values: number[]): object {
  return { name, dims: [values.length], data_type: INT64, raw_data: Buffer.from(new BigInt64Array(values.map(BigInt)).buffer) };
}

function node(opType: string, inputs: string[], output: string, attributes: object[] = []): object {
  return { op_type: opType, name: output, input: inputs, output: [output], attribute: attributes };
}

function logitRow(vocabSize: number, tokenId: number): number[] {
  const row = new Array<number>(vocabSize).fill(LOGIT_MISS);
  row[tokenId] = LOGIT_HIT;
  return row;
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
    node('Gather', ['x_shape', 'index_batch'], 'batch', [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }]),
    node('Gather', ['x_shape', 'index_time'], 'time', [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }]),
    node('Add', ['time', 'query_frames'], 'frames'),
    node('Concat', ['frames', 'vocab_dim'], 'blank_shape', [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }]),
    node('Expand', ['blank_row', 'blank_shape'], 'blanks'),
    node('Concat', ['script', 'blanks'], 'padded', [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }]),
    node('Slice', ['padded', 'zero', 'frames', 'zero'], 'frame_logits'),
    node('Unsqueeze', ['frame_logits', 'zero'], 'one_logits'),
    node('Concat', ['batch', 'frames', 'vocab_dim'], 'logits_shape', [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }]),
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

function metadata(vocabSize: number): Array<{ key: string; value: string }> {
  const entries: Record<string, string> = {
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
  return Object.entries(entries).map(([key, value]) => ({ key, value }));
}

/** Encodes the fixture model as ONNX protobuf bytes. */
export function buildFixtureModel(): Uint8Array {
  const root = protobuf.parse(ONNX_SCHEMA, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const tokens = fixtureTokens();

  const model = {
    ir_version: 7,
    producer_name: 'callscore',
    producer_version: '1',
    doc_string: `Test fixture. Decodes any audio to: ${FIXTURE_SENTENCE}`,
    opset_import: [{ domain: '', version: 13 }],
    graph: buildGraph(tokens),
    metadata_props: metadata(tokens.length),
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`invalid ONNX model message: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
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
