/**
 * Builds a stand-in for SenseVoice-Small int8: an ONNX model with the
 * interface, layer sizes and operators of the real model but seeded
 * pseudo-random weights, and a tokens.txt of the same vocabulary size.
 * sherpa-onnx loads and runs it like the real model, so its speed estimates
 * the speed of SenseVoice-Small where the real weights are not available.
 * Its text output is meaningless.
 *
 * Write the full-size stand-in (about 234 million parameters, 238 MB) with:
 *   npx tsx scripts/make-sense-voice-standin.ts OUTPUT_DIR [--blocks 50]
 *     [--tp-blocks 20] [--width 512] [--heads 4] [--feed-forward 2048]
 *     [--kernel-size 11] [--vocab-size 25055] [--seed 1]
 *
 * The shape follows SenseVoiceEncoderSmall in FunAudioLLM/SenseVoice
 * (model.py), as sherpa-onnx's scripts/sense-voice/export-onnx.py exports
 * it: PyTorch export at opset 13, then onnxruntime's quantize_dynamic on
 * MatMul nodes only, with uint8 weights.
 * - Inputs x [N, T, 560], x_length, language and text_norm. Four query
 *   frames (language, event, emotion, text norm) from a 16-row embedding
 *   go in front of x, so the encoder runs over T + 4 frames.
 * - The input is multiplied by sqrt(width) and gets a sinusoidal position
 *   encoding.
 * - 50 SANM blocks, the first one 560 -> 512 and without the attention
 *   residual, then a LayerNorm, 20 "tp" SANM blocks and another LayerNorm.
 * - A SANM block starts with a LayerNorm and one linear layer 512 -> 1536
 *   whose output is split into q, k and v. 4-head scaled dot-product
 *   attention runs over all frames with the padding mask, followed by
 *   linear_out 512 -> 512. An FSMN memory (Pad and depthwise Conv1d with
 *   kernel 11 over v) is added, then the residual. The feed-forward part is
 *   LayerNorm, 512 -> 2048, ReLU, 2048 -> 512 and the residual.
 * - CTC output layer 512 -> 25055, giving logits [N, T + 4, 25055].
 * LayerNorm is written out as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt,
 * Div, Mul and Add, as the opset 13 export writes it. Every linear layer is
 * DynamicQuantizeLinear on the activation, MatMulInteger with uint8
 * weights and zero point, Mul of the two scales, Cast, Mul and the bias
 * Add, as quantize_dynamic writes it, so onnxruntime's graph optimiser
 * gets the same pattern as in the real model.
 *
 * Simplifications, each small next to the matrix products:
 * - Reshape targets are constants, where the export computes them with
 *   Shape, Gather and Concat nodes.
 * - The padding mask is computed once for all blocks, where the export
 *   repeats a Reshape, Unsqueeze and Equal on it in every block.
 * - Weights are uniform: uint8 values around zero point 128, with one scale
 *   per tensor sized so that activations stay near unit size.
 * - CMVN leaves the features unchanged, and the tokens after the tag
 *   tokens are made-up names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fixtureTokens, metadata } from './make-sense-voice-fixture.js';
import {
  encodeModel,
  FLOAT,
  INT32,
  INT64,
  intAttribute,
  intsAttribute,
  multiOutputNode,
  node,
  rawTensor,
  UINT8,
  valueInfo,
} from './onnx-proto.js';

/** Layer sizes and seed of a stand-in, named after the arguments of SenseVoiceEncoderSmall. */
export interface StandinShape {
  /** SANM blocks before after_norm, counting the first 560 -> width block (num_blocks). */
  blocks: number;
  /** SANM blocks after after_norm (tp_blocks). */
  tpBlocks: number;
  /** Width of the encoder (output_size). */
  width: number;
  /** Attention heads, which must divide `width`. */
  heads: number;
  /** Hidden size of the feed-forward layers (linear_units). */
  feedForward: number;
  /** Kernel size of the FSMN memory. */
  kernelSize: number;
  /** Tokens in tokens.txt, and logits per frame. */
  vocabSize: number;
  /** Seed of the pseudo-random weights. */
  seed: number;
}

/** The layer sizes of SenseVoice-Small. */
export const SENSE_VOICE_SMALL_SHAPE: Readonly<StandinShape> = {
  blocks: 50,
  tpBlocks: 20,
  width: 512,
  heads: 4,
  feedForward: 2048,
  kernelSize: 11,
  vocabSize: 25055,
  seed: 1,
};

/** Paths and sizes of the files written by `writeStandin`. */
export interface StandinFiles {
  modelPath: string;
  tokensPath: string;
  /** Weights and biases in the model, quantised or not. */
  parameters: number;
  modelBytes: number;
}

// 80 fbank bins stacked over 7 frames by low frame rate stacking.
const FEATURE_DIM = 560;
// Query frames in front of the features: language, event, emotion, text normalisation.
const QUERY_FRAMES = 4;
// Embedding rows: 7 reserved, 7 languages and 2 text normalisation modes. The lang_* and *_itn metadata ids index them.
const EMBEDDING_ROWS = 16;
// Row ids of the event and emotion queries, fixed in the model code.
const EVENT_EMOTION_IDS = [1, 2];
const LAYER_NORM_EPSILON = 1e-5;
const WEIGHT_ZERO_POINT = 128;
// Standard deviation of a uniform integer in [0, 255].
const UNIFORM_BYTE_STDDEV = Math.sqrt((256 * 256 - 1) / 12);

/**
 * A xorshift32 stream, good enough for stand-in weights and nothing more.
 * The seed passes through a hash first, so nearby seeds start far apart.
 */
class SeededRandom {
  private state: number;

  constructor(seed: number) {
    let mixed = (seed ^ 0x9e3779b9) >>> 0;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (mixed ^ (mixed >>> 16)) >>> 0 || 1;
  }

  nextUint32(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  bytes(count: number): Uint8Array {
    const bytes = new Uint8Array(count);
    const words = new Uint32Array(bytes.buffer, 0, Math.floor(count / 4));
    for (let i = 0; i < words.length; i++) words[i] = this.nextUint32();
    for (let i = words.length * 4; i < count; i++) bytes[i] = this.nextUint32() & 0xff;
    return bytes;
  }

  /** Returns `count` floats drawn uniformly from [center - spread, center + spread). */
  floats(count: number, spread: number, center = 0): Float32Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = center + spread * ((this.nextUint32() / 2 ** 32) * 2 - 1);
    return values;
  }
}

function floatBytes(values: Float32Array | number[]): Uint8Array {
  const array = values instanceof Float32Array ? values : new Float32Array(values);
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function int64Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
}

/** Nodes and initializers of the graph being built, and the weight source. */
class GraphBuilder {
  readonly nodes: object[] = [];
  readonly initializers: object[] = [];
  private readonly constants = new Set<string>();

  constructor(readonly random: SeededRandom) {}

  add(opType: string, inputs: string[], output: string, attributes: object[] = []): string {
    this.nodes.push(node(opType, inputs, output, attributes));
    return output;
  }

  initializer(name: string, dataType: number, dims: number[], bytes: Uint8Array): string {
    this.initializers.push(rawTensor(name, dataType, dims, bytes));
    return name;
  }

  /** Returns the name of a shared constant, adding its initializer on first use. */
  constant(name: string, dataType: number, dims: number[], bytes: Uint8Array): string {
    if (!this.constants.has(name)) {
      this.constants.add(name);
      this.initializer(name, dataType, dims, bytes);
    }
    return name;
  }

  floatScalar(name: string, value: number): string {
    return this.constant(name, FLOAT, [], floatBytes([value]));
  }

  int64s(name: string, values: number[], dims: number[] = [values.length]): string {
    return this.constant(name, INT64, dims, int64Bytes(values));
  }
}

/** Masks of the padded frames, computed once from x_length. */
interface FrameMasks {
  /** 1 for a real frame and 0 for padding, float [N, frames, 1]. */
  valid: string;
  /** True for padding, bool [N, 1, 1, frames], for masking attention scores. */
  padding: string;
}

function layerNorm(graph: GraphBuilder, input: string, dim: number, prefix: string): string {
  const axes = [intsAttribute('axes', [-1])];
  const mean = graph.add('ReduceMean', [input], `${prefix}.mean`, axes);
  const centered = graph.add('Sub', [input, mean], `${prefix}.centered`);
  const squared = graph.add('Pow', [centered, graph.floatScalar('const.two', 2)], `${prefix}.squared`);
  const variance = graph.add('ReduceMean', [squared], `${prefix}.variance`, axes);
  const padded = graph.add('Add', [variance, graph.floatScalar('const.layer_norm_epsilon', LAYER_NORM_EPSILON)], `${prefix}.variance_epsilon`);
  const deviation = graph.add('Sqrt', [padded], `${prefix}.deviation`);
  const normalized = graph.add('Div', [centered, deviation], `${prefix}.normalized`);

  const weight = graph.initializer(`${prefix}.weight`, FLOAT, [dim], floatBytes(graph.random.floats(dim, 0.1, 1)));
  const bias = graph.initializer(`${prefix}.bias`, FLOAT, [dim], floatBytes(graph.random.floats(dim, 0.1)));
  const scaled = graph.add('Mul', [normalized, weight], `${prefix}.scaled`);
  return graph.add('Add', [scaled, bias], `${prefix}.output`);
}

/**
 * Adds a linear layer in the form quantize_dynamic writes. The activation
 * is quantised per call by DynamicQuantizeLinear, multiplied by the uint8
 * weights with MatMulInteger, and scaled back to float. The weight scale
 * keeps the output near the size of the input.
 * NOTE: whether onnxruntime fuses these nodes into DynamicQuantizeMatMul
 * here as it does for the real model is unchecked, because sherpa-onnx
 * does not expose the optimised graph.
 */
function quantizedLinear(graph: GraphBuilder, input: string, inDim: number, outDim: number, prefix: string, output = `${prefix}.output`): string {
  const weight = graph.initializer(`${prefix}.weight_quantized`, UINT8, [inDim, outDim], graph.random.bytes(inDim * outDim));
  const weightZeroPoint = graph.initializer(`${prefix}.weight_zero_point`, UINT8, [], new Uint8Array([WEIGHT_ZERO_POINT]));
  const weightScale = graph.initializer(`${prefix}.weight_scale`, FLOAT, [], floatBytes([1 / (UNIFORM_BYTE_STDDEV * Math.sqrt(inDim))]));
  const bias = graph.initializer(`${prefix}.bias`, FLOAT, [outDim], floatBytes(graph.random.floats(outDim, 0.05)));

  const quantized = `${prefix}.input_quantized`;
  const inputScale = `${prefix}.input_scale`;
  const inputZeroPoint = `${prefix}.input_zero_point`;
  graph.nodes.push(multiOutputNode('DynamicQuantizeLinear', `${prefix}.quantize`, [input], [quantized, inputScale, inputZeroPoint]));
  const product = graph.add('MatMulInteger', [quantized, weight, inputZeroPoint, weightZeroPoint], `${prefix}.matmul_integer`);
  const scale = graph.add('Mul', [inputScale, weightScale], `${prefix}.scales`);
  const productFloat = graph.add('Cast', [product], `${prefix}.matmul_float`, [intAttribute('to', FLOAT)]);
  const scaled = graph.add('Mul', [productFloat, scale], `${prefix}.matmul`);
  // PyTorch exports a linear layer on a 3-D input as MatMul followed by Add(bias, product).
  return graph.add('Add', [bias, scaled], output);
}

/** Splits [N, frames, width] into heads: [N, heads, frames, headDim], or [N, heads, headDim, frames] with `perm` [0, 2, 3, 1]. */
function splitHeads(graph: GraphBuilder, input: string, shape: StandinShape, perm: number[], output: string): string {
  const headShape = graph.int64s('shape.heads', [0, -1, shape.heads, shape.width / shape.heads]);
  const reshaped = graph.add('Reshape', [input, headShape], `${output}.reshaped`);
  return graph.add('Transpose', [reshaped], output, [intsAttribute('perm', perm)]);
}

/** FSMN memory of a SANM block: depthwise Conv1d over time on the masked values, plus the values. */
function fsmnMemory(graph: GraphBuilder, values: string, shape: StandinShape, masks: FrameMasks, prefix: string): string {
  const { width, kernelSize } = shape;
  const leftPadding = Math.floor((kernelSize - 1) / 2);
  const rightPadding = kernelSize - 1 - leftPadding;

  const masked = graph.add('Mul', [values, masks.valid], `${prefix}.masked_values`);
  const channelsFirst = graph.add('Transpose', [masked], `${prefix}.channels_first`, [intsAttribute('perm', [0, 2, 1])]);
  const pads = graph.int64s('shape.fsmn_pads', [0, 0, leftPadding, 0, 0, rightPadding]);
  const padded = graph.add('Pad', [channelsFirst, pads], `${prefix}.padded`);
  const kernel = graph.initializer(`${prefix}.fsmn_block.weight`, FLOAT, [width, 1, kernelSize], floatBytes(graph.random.floats(width * kernelSize, 1 / Math.sqrt(kernelSize))));
  const convolved = graph.add('Conv', [padded, kernel], `${prefix}.fsmn_block`, [
    intAttribute('group', width),
    intsAttribute('kernel_shape', [kernelSize]),
  ]);
  const timeFirst = graph.add('Transpose', [convolved], `${prefix}.time_first`, [intsAttribute('perm', [0, 2, 1])]);
  const memory = graph.add('Add', [timeFirst, masked], `${prefix}.memory`);
  return graph.add('Mul', [memory, masks.valid], `${prefix}.fsmn_output`);
}

/** MultiHeadedAttentionSANM: attention over all frames plus the FSMN memory of v. */
function sanmAttention(graph: GraphBuilder, input: string, inDim: number, shape: StandinShape, masks: FrameMasks, prefix: string): string {
  const { width, heads } = shape;
  const headDim = width / heads;

  const qkv = quantizedLinear(graph, input, inDim, 3 * width, `${prefix}.linear_q_k_v`);
  const [q, k, v] = [`${prefix}.q`, `${prefix}.k`, `${prefix}.v`];
  const split = graph.int64s('shape.qkv_split', [width, width, width]);
  graph.nodes.push(multiOutputNode('Split', `${prefix}.split`, [qkv, split], [q, k, v], [intAttribute('axis', -1)]));

  const queries = splitHeads(graph, q, shape, [0, 2, 1, 3], `${prefix}.q_heads`);
  const keys = splitHeads(graph, k, shape, [0, 2, 3, 1], `${prefix}.k_heads_transposed`);
  const values = splitHeads(graph, v, shape, [0, 2, 1, 3], `${prefix}.v_heads`);
  const memory = fsmnMemory(graph, v, shape, masks, prefix);

  const scaledQueries = graph.add('Mul', [queries, graph.floatScalar('const.query_scale', headDim ** -0.5)], `${prefix}.q_scaled`);
  const scores = graph.add('MatMul', [scaledQueries, keys], `${prefix}.scores`);
  const maskedScores = graph.add('Where', [masks.padding, graph.floatScalar('const.minus_infinity', -Infinity), scores], `${prefix}.scores_masked`);
  const weights = graph.add('Softmax', [maskedScores], `${prefix}.attention_weights`, [intAttribute('axis', -1)]);
  const maskedWeights = graph.add('Where', [masks.padding, graph.floatScalar('const.zero', 0), weights], `${prefix}.attention_weights_masked`);
  const context = graph.add('MatMul', [maskedWeights, values], `${prefix}.context_heads`);
  const contextFrames = graph.add('Transpose', [context], `${prefix}.context_frames`, [intsAttribute('perm', [0, 2, 1, 3])]);
  const merged = graph.add('Reshape', [contextFrames, graph.int64s('shape.merged_heads', [0, -1, width])], `${prefix}.context`);
  const attention = quantizedLinear(graph, merged, width, width, `${prefix}.linear_out`);

  return graph.add('Add', [attention, memory], `${prefix}.output`);
}

/** EncoderLayerSANM with LayerNorm before each sub-layer. A block that changes the width has no attention residual. */
function sanmBlock(graph: GraphBuilder, input: string, inDim: number, shape: StandinShape, masks: FrameMasks, prefix: string): string {
  const attentionInput = layerNorm(graph, input, inDim, `${prefix}.norm1`);
  const attention = sanmAttention(graph, attentionInput, inDim, shape, masks, `${prefix}.self_attn`);
  const afterAttention = inDim === shape.width ? graph.add('Add', [input, attention], `${prefix}.attention_residual`) : attention;

  const feedForwardInput = layerNorm(graph, afterAttention, shape.width, `${prefix}.norm2`);
  const hidden = quantizedLinear(graph, feedForwardInput, shape.width, shape.feedForward, `${prefix}.feed_forward.w_1`);
  const activated = graph.add('Relu', [hidden], `${prefix}.feed_forward.relu`);
  const feedForward = quantizedLinear(graph, activated, shape.feedForward, shape.width, `${prefix}.feed_forward.w_2`);
  return graph.add('Add', [afterAttention, feedForward], `${prefix}.output`);
}

/** Puts the language, event, emotion and text-normalisation query frames in front of x: [N, T + 4, 560]. */
function prependQueries(graph: GraphBuilder): string {
  const embedding = graph.initializer('embed.weight', FLOAT, [EMBEDDING_ROWS, FEATURE_DIM], floatBytes(graph.random.floats(EMBEDDING_ROWS * FEATURE_DIM, 1)));
  const frameAxis = graph.int64s('axes.frame', [1]);

  const language = graph.add('Gather', [embedding, 'language'], 'query.language_rows', [intAttribute('axis', 0)]);
  const languageQuery = graph.add('Unsqueeze', [language, frameAxis], 'query.language');
  const textNorm = graph.add('Gather', [embedding, 'text_norm'], 'query.text_norm_rows', [intAttribute('axis', 0)]);
  const textNormQuery = graph.add('Unsqueeze', [textNorm, frameAxis], 'query.text_norm');

  const eventEmotion = graph.add('Gather', [embedding, graph.int64s('query.event_emotion_ids', EVENT_EMOTION_IDS, [1, 2])], 'query.event_emotion_rows', [intAttribute('axis', 0)]);
  const inputShape = graph.add('Shape', ['x'], 'query.input_shape');
  const batch = graph.add('Gather', [inputShape, graph.int64s('index.batch', [0])], 'query.batch', [intAttribute('axis', 0)]);
  const repeats = graph.add('Concat', [batch, graph.int64s('shape.ones', [1, 1])], 'query.repeats', [intAttribute('axis', 0)]);
  const eventEmotionQuery = graph.add('Tile', [eventEmotion, repeats], 'query.event_emotion');

  return graph.add('Concat', [languageQuery, eventEmotionQuery, textNormQuery, 'x'], 'encoder_input', [intAttribute('axis', 1)]);
}

/** Builds the padding masks from x_length + 4, over max(x_length) + 4 frames, like FunASR's sequence_mask. */
function frameMasks(graph: GraphBuilder): FrameMasks {
  const lengths = graph.add('Add', ['x_length', graph.constant('const.query_frames', INT32, [], new Uint8Array(new Int32Array([QUERY_FRAMES]).buffer))], 'mask.lengths');
  const frames = graph.add('ReduceMax', [lengths], 'mask.frames', [intAttribute('keepdims', 0)]);
  const zero = graph.constant('const.int32_zero', INT32, [], new Uint8Array(new Int32Array([0]).buffer));
  const one = graph.constant('const.int32_one', INT32, [], new Uint8Array(new Int32Array([1]).buffer));
  const positions = graph.add('Range', [zero, frames, one], 'mask.positions');
  const lengthColumn = graph.add('Unsqueeze', [lengths, graph.int64s('axes.frame', [1])], 'mask.length_column');
  const validBool = graph.add('Less', [positions, lengthColumn], 'mask.valid_bool');

  const validFloat = graph.add('Cast', [validBool], 'mask.valid_float', [intAttribute('to', FLOAT)]);
  const valid = graph.add('Unsqueeze', [validFloat, graph.int64s('axes.channel', [2])], 'mask.valid');
  const paddingFrames = graph.add('Not', [validBool], 'mask.padding_frames');
  const padding = graph.add('Unsqueeze', [paddingFrames, graph.int64s('axes.head_and_query', [1, 2])], 'mask.padding');
  return { valid, padding };
}

/** Scales the input by sqrt(width) and adds FunASR's sinusoidal position encoding over positions 1..frames. */
function addPositions(graph: GraphBuilder, input: string, width: number): string {
  const half = FEATURE_DIM / 2;
  const increment = Math.log(10000) / (half - 1);
  const inverseTimescales = Array.from({ length: half }, (_, i) => Math.exp(-i * increment));

  const shape = graph.add('Shape', [input], 'position.input_shape');
  const frames = graph.add('Gather', [shape, graph.int64s('index.time', [1], [])], 'position.frames', [intAttribute('axis', 0)]);
  const one = graph.int64s('const.int64_one', [1], []);
  const end = graph.add('Add', [frames, one], 'position.end');
  const positions = graph.add('Range', [one, end, one], 'position.indices');
  const positionsFloat = graph.add('Cast', [positions], 'position.indices_float', [intAttribute('to', FLOAT)]);
  const column = graph.add('Unsqueeze', [positionsFloat, graph.int64s('axes.batch_and_channel', [0, 2])], 'position.column');
  const timescales = graph.constant('position.inverse_timescales', FLOAT, [half], floatBytes(inverseTimescales));
  const scaledTime = graph.add('Mul', [column, timescales], 'position.scaled_time');
  const sine = graph.add('Sin', [scaledTime], 'position.sin');
  const cosine = graph.add('Cos', [scaledTime], 'position.cos');
  const encoding = graph.add('Concat', [sine, cosine], 'position.encoding', [intAttribute('axis', 2)]);

  const scaled = graph.add('Mul', [input, graph.floatScalar('const.input_scale', Math.sqrt(width))], 'position.scaled_input');
  return graph.add('Add', [scaled, encoding], 'position.output');
}

function buildGraph(shape: StandinShape): object {
  const graph = new GraphBuilder(new SeededRandom(shape.seed));
  const masks = frameMasks(graph);
  let hidden = addPositions(graph, prependQueries(graph), shape.width);

  hidden = sanmBlock(graph, hidden, FEATURE_DIM, shape, masks, 'encoders0.0');
  for (let i = 0; i < shape.blocks - 1; i++) hidden = sanmBlock(graph, hidden, shape.width, shape, masks, `encoders.${i}`);
  hidden = layerNorm(graph, hidden, shape.width, 'after_norm');
  for (let i = 0; i < shape.tpBlocks; i++) hidden = sanmBlock(graph, hidden, shape.width, shape, masks, `tp_encoders.${i}`);
  hidden = layerNorm(graph, hidden, shape.width, 'tp_norm');
  quantizedLinear(graph, hidden, shape.width, shape.vocabSize, 'ctc.ctc_lo', 'logits');

  return {
    name: 'sense_voice_small_standin',
    node: graph.nodes,
    initializer: graph.initializers,
    input: [
      valueInfo('x', FLOAT, ['N', 'T', FEATURE_DIM]),
      valueInfo('x_length', INT32, ['N']),
      valueInfo('language', INT32, ['N']),
      valueInfo('text_norm', INT32, ['N']),
    ],
    output: [valueInfo('logits', FLOAT, ['N', 'T_out', shape.vocabSize])],
  };
}

/** Throws when `shape` cannot describe a SenseVoice-style encoder. */
function validateShape(shape: StandinShape): void {
  const positive: Array<keyof StandinShape> = ['blocks', 'width', 'heads', 'feedForward', 'kernelSize', 'vocabSize'];
  for (const key of positive) {
    if (!Number.isInteger(shape[key]) || shape[key] < 1) throw new Error(`invalid stand-in shape: ${key} must be a positive integer, got ${shape[key]}`);
  }
  if (!Number.isInteger(shape.tpBlocks) || shape.tpBlocks < 0) throw new Error(`invalid stand-in shape: tpBlocks must be an integer of 0 or more, got ${shape.tpBlocks}`);
  if (!Number.isInteger(shape.seed)) throw new Error(`invalid stand-in shape: seed must be an integer, got ${shape.seed}`);
  if (shape.width % shape.heads !== 0) throw new Error(`invalid stand-in shape: heads (${shape.heads}) must divide width (${shape.width})`);
  const tagTokens = fixtureTokens().length;
  if (shape.vocabSize < tagTokens) throw new Error(`invalid stand-in shape: vocabSize must be at least ${tagTokens} to hold the tag tokens, got ${shape.vocabSize}`);
}

/** Counts the weights and biases of a stand-in of `shape`, from the layer sizes alone. */
export function countParameters(shape: StandinShape): number {
  const { width, feedForward, kernelSize, vocabSize } = shape;
  const linear = (inDim: number, outDim: number): number => inDim * outDim + outDim;
  const layerNormParameters = (dim: number): number => 2 * dim;
  const block = (inDim: number): number =>
    layerNormParameters(inDim) + linear(inDim, 3 * width) + width * kernelSize + linear(width, width)
    + layerNormParameters(width) + linear(width, feedForward) + linear(feedForward, width);

  return EMBEDDING_ROWS * FEATURE_DIM
    + block(FEATURE_DIM) + (shape.blocks - 1) * block(width) + layerNormParameters(width)
    + shape.tpBlocks * block(width) + layerNormParameters(width)
    + linear(width, vocabSize);
}

/** Lists the stand-in tokens in id order: the fixture tokens with their tags, then made-up words up to `vocabSize`. */
export function standinTokens(vocabSize: number): string[] {
  const tokens = fixtureTokens();
  for (let id = tokens.length; id < vocabSize; id++) tokens.push(`▁w${id}`);
  return tokens;
}

/** Encodes a stand-in of `shape` as ONNX protobuf bytes. */
export function buildStandinModel(shape: StandinShape): Uint8Array {
  validateShape(shape);
  return encodeModel({
    graph: buildGraph(shape),
    metadata: {
      ...metadata(shape.vocabSize),
      comment: `callscore stand-in with the layer sizes of SenseVoice-Small int8 and random weights (seed ${shape.seed}); its text is meaningless`,
    },
    docString: `Stand-in for speed measurement only: ${JSON.stringify(shape)}. Not SenseVoice-Small; random weights, meaningless text.`,
  });
}

/** Writes model.int8.onnx and tokens.txt of a stand-in into `outputDir`. `overrides` change the SenseVoice-Small shape. */
export function writeStandin(outputDir: string, overrides: Partial<StandinShape> = {}): StandinFiles {
  const shape = { ...SENSE_VOICE_SMALL_SHAPE, ...overrides };
  const model = buildStandinModel(shape);
  mkdirSync(outputDir, { recursive: true });
  const modelPath = join(outputDir, 'model.int8.onnx');
  const tokensPath = join(outputDir, 'tokens.txt');
  writeFileSync(modelPath, model);
  writeFileSync(tokensPath, standinTokens(shape.vocabSize).map((token, id) => `${token} ${id}\n`).join(''));
  return { modelPath, tokensPath, parameters: countParameters(shape), modelBytes: model.byteLength };
}

function parseCommandLine(argv: string[]): { outputDir: string; overrides: Partial<StandinShape> } {
  const names: Record<string, keyof StandinShape> = {
    blocks: 'blocks',
    'tp-blocks': 'tpBlocks',
    width: 'width',
    heads: 'heads',
    'feed-forward': 'feedForward',
    'kernel-size': 'kernelSize',
    'vocab-size': 'vocabSize',
    seed: 'seed',
  };
  const options = Object.fromEntries(Object.keys(names).map((name) => [name, { type: 'string' as const }]));
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  if (positionals.length !== 1) throw new Error('usage: make-sense-voice-standin.ts OUTPUT_DIR [--blocks N] [--tp-blocks N] [--width N] [--heads N] [--feed-forward N] [--kernel-size N] [--vocab-size N] [--seed N]');

  const overrides: Partial<StandinShape> = {};
  for (const [name, key] of Object.entries(names)) {
    const text = values[name];
    if (typeof text !== 'string') continue;
    const value = Number(text);
    if (!Number.isInteger(value)) throw new Error(`invalid --${name}: expected an integer, got "${text}"`);
    overrides[key] = value;
  }
  return { outputDir: resolve(positionals[0]!), overrides };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { outputDir, overrides } = parseCommandLine(process.argv.slice(2));
  const started = performance.now();
  const files = writeStandin(outputDir, overrides);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Wrote ${files.modelPath} (${files.parameters} parameters, ${(files.modelBytes / 1e6).toFixed(1)} MB) and ${files.tokensPath} in ${seconds.toFixed(1)} s`);
}
