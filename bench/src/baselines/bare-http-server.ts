// The floor for "GET a cleaning": a bare node:http server doing the least the app must do per
// request — verify the access token (same key, algorithm and claims as the app) and run one
// indexed query — with the same driver (pg) and pool size (10) as the app, and the same JSON out.
// Run as its own process: `node --import tsx bare-http-server.ts '<json options>'`.
import { createServer, type ServerResponse } from "node:http";
import { jwtVerify } from "jose";
import pg from "pg";

type Options = { port: number; databaseUrl: string; secretKey: string; issuer: string };

const options = JSON.parse(process.argv[2] ?? "{}") as Options;
const key = new TextEncoder().encode(options.secretKey);
const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });

type CleaningRow = {
  id: number;
  name: string;
  description: string | null;
  price: string;
  cleaning_type: string;
  created_at: Date;
  updated_at: Date;
  owner_id: string | null;
};

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** True for a token the app would accept on its signature and claims (the row checks aside). */
async function tokenIsValid(authorization: string | undefined): Promise<boolean> {
  const token = /^Bearer +(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      audience: "phresh:auth",
      issuer: options.issuer,
      requiredClaims: ["sub", "jti", "exp", "iat"],
    });
    return typeof payload.gen === "number";
  } catch {
    return false;
  }
}

const server = createServer((request, response) => {
  const id = Number(/^\/api\/cleanings\/(\d+)$/.exec(request.url ?? "")?.[1]);
  if (request.method !== "GET" || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
    send(response, 404, { detail: "Not Found" });
    return;
  }
  void (async () => {
    if (!(await tokenIsValid(request.headers.authorization))) {
      send(response, 401, { detail: "UNAUTHORIZED" });
      return;
    }
    const { rows } = await pool.query<CleaningRow>(
      "SELECT id, name, description, price, cleaning_type, created_at, updated_at, owner_id FROM cleanings WHERE id = $1",
      [id],
    );
    const row = rows[0];
    if (!row) {
      send(response, 404, { detail: "CLEANING_NOT_FOUND" });
      return;
    }
    send(response, 200, {
      id: row.id,
      name: row.name,
      description: row.description,
      price: Number(row.price),
      cleaning_type: row.cleaning_type,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
      owner_id: row.owner_id,
    });
  })().catch((error: unknown) => {
    console.error("bare server: request failed:", error);
    send(response, 500, { detail: "INTERNAL_SERVER_ERROR" });
  });
});

server.listen(options.port, "127.0.0.1", () => {
  console.log(`bare server listening on 127.0.0.1:${options.port}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
