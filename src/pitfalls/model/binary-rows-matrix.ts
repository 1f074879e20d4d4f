/**
 * A dense ml-matrix Matrix of zeros and ones that also lists, for each row,
 * the columns that contain a one. Gradient descent in ml-logistic-regression
 * multiplies the feature matrix and its transpose by a vector at every step.
 * A row has a few dozen ones in thousands of columns, so summing only
 * those entries is much faster than the dense product. The transpose is
 * built once instead of at every step. For finite vectors the results
 * equal the dense ones. Changing the matrix after it is built would leave
 * the lists of ones and the transpose stale, so nothing may change it.
 */

import { Matrix } from 'ml-matrix';

type MatrixLike = Parameters<Matrix['mmul']>[0];

export class BinaryRowsMatrix extends Matrix {
  readonly #ones: ReadonlyArray<readonly number[]>;
  #transposed: BinaryRowsMatrix | null = null;

  /** Creates the matrix from `ones[row]`, the columns of each row that contain a one, each below `columns`. */
  constructor(ones: ReadonlyArray<readonly number[]>, columns: number) {
    super(ones.length, columns);
    this.#ones = ones;
    ones.forEach((row, index) => {
      for (const column of row) {
        this.set(index, column, 1);
      }
    });
  }

  override transpose(): BinaryRowsMatrix {
    if (this.#transposed === null) {
      const ones: number[][] = Array.from({ length: this.columns }, () => []);
      this.#ones.forEach((row, index) => {
        for (const column of row) {
          (ones[column] as number[]).push(index);
        }
      });
      this.#transposed = new BinaryRowsMatrix(ones, this.rows);
      this.#transposed.#transposed = this;
    }
    return this.#transposed;
  }

  /** Multiplies by a column vector through the ones of each row. Any other product is the dense one. */
  override mmul(other: MatrixLike): Matrix {
    const vector = Matrix.checkMatrix(other);
    if (vector.columns !== 1 || vector.rows !== this.columns) {
      return super.mmul(vector);
    }
    const values = vector.getColumn(0);
    const result = new Matrix(this.rows, 1);
    this.#ones.forEach((row, index) => {
      let sum = 0;
      for (const column of row) {
        sum += values[column] as number;
      }
      result.set(index, 0, sum);
    });
    return result;
  }
}
