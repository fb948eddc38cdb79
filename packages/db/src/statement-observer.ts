// Watches the SQL statements Prisma sends through a driver adapter, inside transactions too,
// so tests can count what one request costs (e.g. "a page costs the same whatever its length").
// BEGIN and COMMIT are the adapter's own and not reported.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

export type StatementObserver = (sql: string) => void;

function observing<Queryable extends SqlDriverAdapter | Transaction>(
  queryable: Queryable,
  observe: StatementObserver,
): Queryable {
  return new Proxy(queryable, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (key === "queryRaw" || key === "executeRaw")
        return (query: SqlQuery) => {
          observe(query.sql);
          return value.call(target, query);
        };
      if (key === "startTransaction")
        return async (...args: unknown[]) =>
          observing((await value.apply(target, args)) as Transaction, observe);
      return value.bind(target);
    },
  });
}

export function observeStatements(
  factory: SqlDriverAdapterFactory,
  observe: StatementObserver | undefined,
): SqlDriverAdapterFactory {
  if (!observe) return factory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => observing(await factory.connect(), observe),
  };
}
