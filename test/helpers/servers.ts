/**
 * Database servers for the source tests, started on free loopback ports and stopped afterwards:
 * PostgreSQL (Debian's `postgresql`) and two ClickHouse servers (Debian's `clickhouse-server`) as two
 * shards of one cluster. A missing package is installed with apt-get (as root, or through sudo), so a
 * fresh machine running .ci/run has them; no test is skipped because a server is absent.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const isRoot = process.getuid?.() === 0;

/** Run a command as root (directly, or through sudo), failing loudly. */
function asRoot(cmd: string, args: string[]): void {
  const [file, argv] = isRoot ? [cmd, args] : ["sudo", ["-n", cmd, ...args]];
  const r = spawnSync(file, argv, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) throw new Error(`${file} ${argv.join(" ")} failed (exit ${r.status})`);
}

/** Install Debian packages when `present` says they are missing. */
export function ensurePackages(present: () => boolean, packages: string[]): void {
  if (present()) return;
  asRoot("apt-get", ["update", "-q"]);
  asRoot("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...packages]);
  if (!present()) throw new Error(`installed ${packages.join(", ")} but still cannot find them`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, ready: () => Promise<boolean>, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start within ${seconds} s`);
}

function pgBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin/initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], "bin") : null;
}

export interface Server {
  readonly port: number;
  stop(): Promise<void>;
}

/** A scratch folder the servers' own user may write (postgres and clickhouse refuse to run as root). */
function scratch(prefix: string, owner: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  if (owner !== null) {
    const uid = Number(execFileSync("id", ["-u", owner], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", owner], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** Command and arguments run as `user` when we are root, as ourselves otherwise. */
function runAs(user: string, cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", user, "--", cmd, ...args]] : [cmd, args];
}

/** PostgreSQL on a free loopback port, trusting local connections; user "postgres", database "postgres". */
export async function startPostgres(): Promise<Server> {
  ensurePackages(() => pgBin() !== null, ["postgresql"]);
  const bin = pgBin()!;
  const dir = scratch("shrinkage-pg-", isRoot ? "postgres" : null);
  const data = join(dir, "data");
  const port = await freePort();
  const [initCmd, initArgs] = runAs("postgres", join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const [cmd, args] = runAs("postgres", join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "fsync=off"]);
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr!.on("data", (b) => void (log += b));
  const pg = (await import("pg")).default;
  await waitFor(`PostgreSQL on port ${port} (${log})`, async () => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    await client.connect();
    await client.end();
    return true;
  });
  return { port, stop: () => stopChild(child, dir) };
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}

const clickhouseBinary = () => ["/usr/bin/clickhouse", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"].find(existsSync) ?? null;

/** The config of one ClickHouse server of a two-shard cluster "shards" (shard i on tcp port tcp[i]). */
function clickhouseConfig(dir: string, ports: { http: number; tcp: number; interserver: number }, tcp: readonly number[]): string {
  const shards = tcp.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join("");
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><shards>${shards}</shards></remote_servers>
</yandex>
`;
}

const CLICKHOUSE_USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

/** Two ClickHouse servers as the two shards of cluster "shards"; `ports` are their HTTP ports. */
export async function startClickHouseCluster(): Promise<{ ports: number[]; stop(): Promise<void> }> {
  ensurePackages(() => clickhouseBinary() !== null, ["clickhouse-server", "clickhouse-client"]);
  const binary = clickhouseBinary()!;
  const ports = await Promise.all([0, 1].map(async () => ({ http: await freePort(), tcp: await freePort(), interserver: await freePort() })));
  const servers: { child: ChildProcess; dir: string }[] = [];
  for (const p of ports) {
    const dir = scratch("shrinkage-ch-", isRoot ? "clickhouse" : null);
    writeFileSync(join(dir, "config.xml"), clickhouseConfig(dir, p, ports.map((q) => q.tcp)));
    writeFileSync(join(dir, "users.xml"), CLICKHOUSE_USERS);
    for (const sub of ["data", "tmp", "user_files", "format_schemas"]) mkdirSync(join(dir, sub));
    if (isRoot) execFileSync("chown", ["-R", "clickhouse:clickhouse", dir]);
    const server = binary.endsWith("clickhouse") ? ["server", "--config-file", join(dir, "config.xml")] : ["--config-file", join(dir, "config.xml")];
    const [cmd, args] = runAs("clickhouse", binary, server);
    servers.push({ child: spawn(cmd, args, { stdio: "ignore", cwd: dir }), dir });
  }
  for (const p of ports) {
    await waitFor(`ClickHouse on port ${p.http}`, async () => (await fetch(`http://127.0.0.1:${p.http}/ping`)).ok);
  }
  return { ports: ports.map((p) => p.http), stop: async () => void (await Promise.all(servers.map((s) => stopChild(s.child, s.dir)))) };
}
