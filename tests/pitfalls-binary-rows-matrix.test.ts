import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';

import { BinaryRowsMatrix } from '../src/pitfalls/model/binary-rows-matrix.js';

const ONES = [[0, 3], [], [1, 2, 3], [4]];

function dense(ones: number[][], columns: number): Matrix {
  const matrix = new Matrix(ones.length, columns);
  ones.forEach((row, index) => row.forEach((column) => matrix.set(index, column, 1)));
  return matrix;
}

describe('binary rows matrix', () => {
  it('holds the same entries as the dense matrix', () => {
    expect(new BinaryRowsMatrix(ONES, 5).to2DArray()).toEqual(dense(ONES, 5).to2DArray());
  });

  it('multiplies by a vector as the dense matrix does', () => {
    const vector = Matrix.columnVector([0.5, -1.25, 2, 3.5, -0.75]);
    expect(new BinaryRowsMatrix(ONES, 5).mmul(vector).to1DArray()).toEqual(dense(ONES, 5).mmul(vector).to1DArray());
  });

  it('transposes once and multiplies the transpose by a vector', () => {
    const matrix = new BinaryRowsMatrix(ONES, 5);
    const transposed = matrix.transpose();
    expect(matrix.transpose()).toBe(transposed);
    expect(transposed.transpose()).toBe(matrix);
    expect(transposed.to2DArray()).toEqual(dense(ONES, 5).transpose().to2DArray());
    const vector = Matrix.columnVector([1.5, -2, 0.25, 4]);
    expect(transposed.mmul(vector).to1DArray()).toEqual(dense(ONES, 5).transpose().mmul(vector).to1DArray());
  });

  it('falls back to the dense product for a matrix', () => {
    const other = Matrix.rand(5, 2);
    expect(new BinaryRowsMatrix(ONES, 5).mmul(other).to2DArray()).toEqual(dense(ONES, 5).mmul(other).to2DArray());
  });
});
