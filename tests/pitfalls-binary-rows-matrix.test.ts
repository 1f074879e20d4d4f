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
  it('contains the dense entries', () => {
    expect(new BinaryRowsMatrix(ONES, 5).to2DArray()).toEqual(dense(ONES, 5).to2DArray());
  });

  it('multiplies a vector like dense', () => {
    const vector = Matrix.columnVector([0.5, -1.25, 2, 3.5, -0.75]);
    expect(new BinaryRowsMatrix(ONES, 5).mmul(vector).to1DArray()).toEqual(dense(ONES, 5).mmul(vector).to1DArray());
  });

  it('builds its transpose once', () => {
    const matrix = new BinaryRowsMatrix(ONES, 5);
    const transposed = matrix.transpose();
    expect(matrix.transpose()).toBe(transposed);
    expect(transposed.transpose()).toBe(matrix);
    expect(transposed.to2DArray()).toEqual(dense(ONES, 5).transpose().to2DArray());
  });

  it('multiplies its transpose like dense', () => {
    const transposed = new BinaryRowsMatrix(ONES, 5).transpose();
    const vector = Matrix.columnVector([1.5, -2, 0.25, 4]);
    expect(transposed.mmul(vector).to1DArray()).toEqual(dense(ONES, 5).transpose().mmul(vector).to1DArray());
  });

  it('multiplies a matrix densely', () => {
    const other = Matrix.rand(5, 2);
    expect(new BinaryRowsMatrix(ONES, 5).mmul(other).to2DArray()).toEqual(dense(ONES, 5).mmul(other).to2DArray());
  });
});
