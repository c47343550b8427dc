/** The comparison every expected-outcome table makes: observed rows against expected, cell by cell. */

/** One row of a table: who and the label first, then one cell per channel. */
type TableRow = readonly [string, string, ...unknown[]];

/**
 * The cells where `observed` differs from `expected`, each named "<who> <label> <column>: observed x,
 * expected y" (none when the table holds).
 */
export function tableDifferences(
  observed: readonly TableRow[],
  expected: readonly TableRow[],
  columns: readonly string[],
): string[] {
  return observed.flatMap((row, i) =>
    row.flatMap((value, column) =>
      value === expected[i]?.[column]
        ? []
        : [
            `${row[0]} ${row[1]} ${columns[column]}: observed ${String(value)}, expected ${String(expected[i]?.[column])}`,
          ],
    ),
  );
}
