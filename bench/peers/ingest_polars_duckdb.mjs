// Peers for the `ingest` benchmark: polars and DuckDB reading the same CSV, with and without exact quantiles.
//
// Usage: node ingest_polars_duckdb.mjs FILE.csv CATEGORICAL_COLUMN... ; prints one JSON line.
// Installed from npm into bench/peers (npm ci there, see bench/README.md). Each engine is timed inside this
// process, best of 3, in two modes: "parse" reads the whole file into the engine's in-memory table, and
// "quantiles" reads it and computes the profiler's nine quantiles exactly (linear interpolation) for every
// numeric column plus the value counts of the categorical columns, the part of a profile that needs all values.
// Both engines use the machine's cores (polars' thread pool; DuckDB's threads setting at the core count).
import os from "node:os";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
const ROUNDS = 3;

const [path, ...categorical] = process.argv.slice(2);
if (!path) {
  console.error("usage: node ingest_polars_duckdb.mjs FILE.csv CATEGORICAL_COLUMN...");
  process.exit(2);
}

async function best(run) {
  let fastest = Infinity;
  let rows = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    rows = await run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { seconds: fastest, rows };
}

async function polars() {
  const pl = require("nodejs-polars");
  const parse = () => pl.readCSV(path);
  const quantiles = () => {
    const frame = parse();
    const numeric = frame.columns.filter((c) => !categorical.includes(c));
    const exprs = numeric.flatMap((c) => QUANTILES.map((q) => pl.col(c).quantile(q, "linear").alias(`${c}_${q}`)));
    frame.select(...exprs);
    for (const c of categorical) {
      frame.getColumn(c).valueCounts();
    }
    return frame.height;
  };
  return {
    version: require("nodejs-polars/package.json").version,
    parse: await best(() => parse().height),
    quantiles: await best(quantiles),
  };
}

async function duckdb() {
  const { DuckDBInstance } = require("@duckdb/node-api");
  const threads = os.availableParallelism();
  const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  const connection = await instance.connect();
  const file = path.replaceAll("'", "''");
  const scalar = async (sql) => (await connection.runAndReadAll(sql)).getRows()[0][0];
  const parse = async () => {
    await connection.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${file}')`);
    return Number(await scalar("SELECT count(*) FROM t"));
  };
  const quantiles = async () => {
    const rows = await parse();
    const columns = (await connection.runAndReadAll("SELECT column_name FROM (DESCRIBE t)")).getRows().map((r) => r[0]);
    const numeric = columns.filter((c) => !categorical.includes(c));
    const list = `[${QUANTILES.join(", ")}]`;
    await connection.runAndReadAll(`SELECT ${numeric.map((c) => `quantile_cont("${c}", ${list})`).join(", ")} FROM t`);
    for (const c of categorical) {
      await connection.runAndReadAll(`SELECT "${c}", count(*) FROM t GROUP BY 1`);
    }
    return rows;
  };
  const result = {
    version: require("@duckdb/node-api/package.json").version,
    threads,
    parse: await best(parse),
    quantiles: await best(quantiles),
  };
  connection.closeSync?.();
  return result;
}

const result = { polars: await polars(), duckdb: await duckdb(), node: process.version };
console.log(JSON.stringify(result));
