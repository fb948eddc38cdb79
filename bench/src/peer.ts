// The peer baseline (issue 14): the stack Phresh replaces, FastAPI + SQLAlchemy (async, asyncpg)
// + PyJWT under 2 uvicorn workers (bench/peers/fastapi/app.py), on the run's PostgreSQL database
// with the app's tokens. It runs on Debian's Python and packages; where they are missing the
// bench says how to install them and goes on without it.
import { execFile } from "node:child_process";
import path from "node:path";
import { benchDirectory, freePort, startChild } from "./processes.ts";
import { type RunningServer, whenListening } from "./server.ts";

/** Debian's interpreter, which sees Debian's python3-* packages (a pyenv `python3` does not). */
const PYTHON = "/usr/bin/python3";
const MODULES =
  "fastapi, uvicorn, sqlalchemy.ext.asyncio, asyncpg, jwt, greenlet, uvloop, httptools";
const PACKAGES =
  "python3-fastapi python3-uvicorn python3-sqlalchemy python3-asyncpg python3-jwt python3-greenlet python3-uvloop python3-httptools";
const WORKERS = 2;

/** Undefined when the peer can run here; otherwise why not, and how to install what it needs. */
export function peerUnavailable(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(PYTHON, ["-c", `import ${MODULES}`], { env: pythonEnvironment() }, (error) => {
      resolve(
        error
          ? `${PYTHON} cannot import ${MODULES}; install them with: sudo apt-get install -y ${PACKAGES}`
          : undefined,
      );
    });
  });
}

/** No PYTHONPATH or PYTHONHOME from a pyenv or virtualenv around the bench: Debian's own only. */
function pythonEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: "1" };
}

export type PeerOptions = { databaseUrl: string; secretKey: string; issuer: string };

export async function startFastApiPeer(options: PeerOptions): Promise<RunningServer> {
  const port = await freePort();
  const child = startChild(
    "FastAPI peer",
    PYTHON,
    [
      "-m",
      "uvicorn",
      "app:app",
      "--app-dir",
      path.join(benchDirectory, "peers", "fastapi"),
      "--workers",
      String(WORKERS),
      "--loop",
      "uvloop",
      "--http",
      "httptools",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    {
      cwd: benchDirectory,
      env: {
        ...pythonEnvironment(),
        PEER_DATABASE_URL: options.databaseUrl,
        PEER_SECRET_KEY: options.secretKey,
        PEER_ISSUER: options.issuer,
      },
    },
  );
  // Each worker says so once it serves.
  const everyWorker = new RegExp(Array(WORKERS).fill("Application startup complete").join("[^]*"));
  return whenListening(child, "FastAPI peer", port, [everyWorker], 120_000);
}
