/**
 * Writes ONNX models by hand with protobufjs, for the fixture model
 * scripts (make-sense-voice-fixture.ts, make-paraformer-fixture.ts,
 * make-whisper-fixture.ts) and the SenseVoice-Small stand-in
 * (make-sense-voice-standin.ts). It contains the subset of onnx.proto those
 * graphs need, with the field numbers of the ONNX specification, and
 * helpers for value infos, constant tensors and nodes.
 */
import protobuf from 'protobufjs';

// proto2, package onnx; only the fields the fixture graphs use.
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

/** ONNX element types used by the fixtures. */
export const FLOAT = 1;
export const INT32 = 6;
export const INT64 = 7;
export const UINT8 = 2;

const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

/** A dimension: a fixed size, or a name for a size known only at run time. */
export type Dim = number | string;

/** Declares a graph input or output of element type `elemType` and shape `dims`. */
export function valueInfo(name: string, elemType: number, dims: Dim[]): object {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

/** Returns a constant float tensor of shape `dims`, with `values` in row-major order. */
export function floatTensor(name: string, dims: number[], values: number[]): object {
  return { name, dims, data_type: FLOAT, raw_data: Buffer.from(new Float32Array(values).buffer) };
}

/** Returns a constant int32 tensor, one-dimensional unless `dims` is given. */
export function int32Tensor(name: string, values: number[], dims: number[] = [values.length]): object {
  return { name, dims, data_type: INT32, raw_data: Buffer.from(new Int32Array(values).buffer) };
}

/** Returns a constant one-dimensional int64 tensor. */
export function int64Tensor(name: string, values: number[]): object {
  return { name, dims: [values.length], data_type: INT64, raw_data: Buffer.from(new BigInt64Array(values.map(BigInt)).buffer) };
}

/**
 * Returns a constant tensor of element type `dataType` and shape `dims`
 * (empty for a scalar) whose little-endian bytes in row-major order are
 * `bytes`. Large tensors should come this way, because they skip the
 * conversion from a number array.
 */
export function rawTensor(name: string, dataType: number, dims: number[], bytes: Uint8Array): object {
  return { name, dims, data_type: dataType, raw_data: bytes };
}

/** Returns an integer attribute of a node, such as `axis` or `to`. */
export function intAttribute(name: string, value: number): object {
  return { name, type: ATTRIBUTE_INT, i: value };
}

/** Returns an integer list attribute of a node, such as `perm`, `axes` or `kernel_shape`. */
export function intsAttribute(name: string, values: number[]): object {
  return { name, type: ATTRIBUTE_INTS, ints: values };
}

/** Returns a node with several outputs, such as DynamicQuantizeLinear or Split, named `name`. */
export function multiOutputNode(opType: string, name: string, inputs: string[], outputs: string[], attributes: object[] = []): object {
  return { op_type: opType, name, input: inputs, output: outputs, attribute: attributes };
}

/** Returns a node with one output, named after that output. */
export function node(opType: string, inputs: string[], output: string, attributes: object[] = []): object {
  return { op_type: opType, name: output, input: inputs, output: [output], attribute: attributes };
}

/** Parts of a fixture model. */
export interface ModelParts {
  graph: object;
  metadata: Record<string, string>;
  docString: string;
  opsetVersion?: number;
}

/** Encodes a model as ONNX protobuf bytes, and throws when the message does not match the schema. */
export function encodeModel({ graph, metadata, docString, opsetVersion = 13 }: ModelParts): Uint8Array {
  const root = protobuf.parse(ONNX_SCHEMA, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const model = {
    ir_version: 7,
    producer_name: 'callscore',
    producer_version: '1',
    doc_string: docString,
    opset_import: [{ domain: '', version: opsetVersion }],
    graph,
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`invalid ONNX model message: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Returns a row of `vocabSize` logits that picks `tokenId`: 0 there and -20 elsewhere. */
export function logitRow(vocabSize: number, tokenId: number): number[] {
  const row = new Array<number>(vocabSize).fill(-20);
  row[tokenId] = 0;
  return row;
}
