// Raw SQL for the hottest statements, straight through the driver adapter Prisma itself uses:
// the same pool or embedded database, the same prepared-statement names, the same observers
// (statement-observer.ts, caller-changes.ts). It leaves out Prisma's client pipeline (request
// serialization, the query plan, tracing spans, result mapping), about 0.4 ms of the event loop
// per statement: a quarter of Phresh's own work in a registration (bench/RESULTS.md, seventeenth
// session). Each statement stands alone, on a pooled connection: never inside a transaction. Results and errors come back as `$queryRaw` gives them, for the column
// types decoded below; any other type is refused rather than passed on in the adapter's form.
import {
  type ArgType,
  type ColumnType,
  ColumnTypeEnum,
  isDriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { Prisma } from "./generated/prisma/client.ts";

/** `sql\`SELECT … ${value}\``: the rows as objects, as `prisma.$queryRaw` returns them. */
export type RawQuery = <Row>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<Row[]>;

const SCALAR: ArgType = { scalarType: "unknown", arity: "scalar" };
const LIST: ArgType = { scalarType: "unknown", arity: "list" };

/** As `$queryRaw` decodes them; the adapters give dates, int8 and numeric as text. */
function decode(value: unknown, type: ColumnType, column: string): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
    case ColumnTypeEnum.UnknownNumber:
    case ColumnTypeEnum.Boolean:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Uuid:
      return value;
    case ColumnTypeEnum.Int64:
      return BigInt(value as string | number);
    case ColumnTypeEnum.Numeric:
      return new Prisma.Decimal(value as string);
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    default:
      throw new Error(`raw-statements: column "${column}" has a type (${type}) it does not decode`);
  }
}

/**
 * Arguments as `$queryRaw` sends them. The adapters map dates and bytes themselves, but would
 * send a Decimal as its JSON (the digits in quotes), which no numeric column takes.
 */
const encode = (value: unknown): unknown =>
  Prisma.Decimal.isDecimal(value)
    ? value.toFixed()
    : Array.isArray(value)
      ? value.map(encode)
      : value;

/**
 * The adapter's error as `$queryRaw` reports it (P2010, the adapter's error in `meta`), so that
 * errors.ts reads both alike and a log says what PostgreSQL said.
 */
function asPrismaError(error: unknown): unknown {
  if (!isDriverAdapterError(error)) return error;
  const { originalCode, originalMessage, kind } = error.cause as {
    originalCode?: string;
    originalMessage?: string;
    kind: string;
  };
  return new Prisma.PrismaClientKnownRequestError(
    `Raw query failed. Code: \`${originalCode ?? kind}\`. Message: \`${originalMessage ?? kind}\``,
    {
      code: "P2010",
      clientVersion: Prisma.prismaVersion.client,
      meta: { driverAdapterError: error },
    },
  );
}

/** A statement runner on `factory`'s adapter, connected at the first statement. */
export function rawStatements(factory: SqlDriverAdapterFactory): {
  query: RawQuery;
  close(): Promise<void>;
} {
  let connection: Promise<SqlDriverAdapter> | undefined;
  const connected = () => {
    connection ??= factory.connect();
    return connection;
  };
  return {
    async query<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> {
      const statement = Prisma.sql(strings, ...values);
      const adapter = await connected();
      const result = await adapter
        .queryRaw({
          sql: statement.text,
          args: statement.values.map(encode),
          argTypes: statement.values.map((value) => (Array.isArray(value) ? LIST : SCALAR)),
        })
        .catch((error: unknown) => {
          throw asPrismaError(error);
        });
      const { columnNames, columnTypes } = result;
      return result.rows.map((cells) => {
        const row: Record<string, unknown> = {};
        for (const [index, name] of columnNames.entries())
          row[name] = decode(cells[index], columnTypes[index] as ColumnType, name);
        return row as Row;
      });
    },
    async close() {
      if (connection) await (await connection).dispose();
    },
  };
}
