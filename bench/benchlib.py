"""What the bench scripts share: start a step, fill its database, load it with wrk, check the counts.

Only Python's standard library is used. The scripts beside this file (run, run-all, clearsessions,
fault-drill) are the commands; this module is their toolbox.
"""

import base64
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BROWSERS_LUA = BENCH / "browsers.lua"

# A page and the session key its count is kept under (step 03's and 04's home page, step 04's /visit).
COUNT_KEYS = {"/": "num_visits", "/visit": "visit"}

# The ceiling: a path no route matches. It goes through the whole server (request log, the hop from the
# IO thread to a worker thread, the "Under the hood" wrapper, SessionMiddleware) but the view never
# touches the session, so the store is never consulted: what is left when the session work is taken away.
CEILING_PATH = "/bench-ceiling-no-such-page"

# Django's migration for the table, exactly as the steps create it (step03's DatabaseSessionStore).
CREATE_TABLE = ('CREATE TABLE IF NOT EXISTS "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, '
                '"session_data" text NOT NULL, "expire_date" datetime NOT NULL)')
CREATE_INDEX = ('CREATE INDEX IF NOT EXISTS "django_session_expire_date_a5c62663" '
                'ON "django_session" ("expire_date")')
# A real session_data value ({"visit": 1}, signed with the development SECRET_KEY): filler rows look real.
FILLER_DATA = "eyJ2aXNpdCI6MX0:1xW9p0:6QXZyQgSojQJXY3mHQtcqOnMzmG4wtXCptGn78X49Wc"


def say(*parts):
    """Progress goes to stderr, so that stdout carries only the table."""
    print(*parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- tools

def need_tool(name, package=None):
    """The path of a command-line tool; installed from Debian's packages when missing (as root)."""
    path = shutil.which(name)
    if path:
        return path
    package = package or name
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"{name} is missing: installing Debian's package {package} ...")
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True)
        path = shutil.which(name)
    if not path:
        sys.exit(f"{name} is needed: install it (Debian/Ubuntu: sudo apt-get install {package}) and run again.")
    return path


def step_dir(step):
    """A step folder named from the repository's root (step04-visit-counter), or any path to one."""
    path = Path(step)
    return path if path.is_absolute() else REPO / step


def step_exists(step):
    return (step_dir(step) / "pom.xml").is_file()


def build(steps):
    """mvn package, tests skipped: every step gets target/classes and target/classpath.txt."""
    # Maven's -pl takes the folder names of the reactor's modules, not paths.
    names = [step_dir(step).name for step in steps if step_exists(step)]
    if not names:
        return
    say(f"building {', '.join(names)} (mvn -q -B -DskipTests package) ...")
    subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package", "-pl", ",".join(names)], cwd=REPO, check=True)


def java_command(step, settings, args=(), xmx="128m", jvm_options=()):
    """The plain java command that runs a built step: no Maven in the measured process."""
    folder = step_dir(step)
    classes = folder / "target" / "classes"
    classpath_file = folder / "target" / "classpath.txt"
    if not classpath_file.is_file():
        sys.exit(f"{folder.name} is not built: run  mvn -q -B -DskipTests package -pl {folder.name}  first.")
    classpath = f"{classes}{os.pathsep}{classpath_file.read_text().strip()}"
    command = ["java", f"-Xmx{xmx}", *jvm_options, "-cp", classpath]
    command += [f"-D{name}={value}" for name, value in settings.items()]
    return command + ["locallibrary.Main", *args]


# --------------------------------------------------------------------------------------------- server

class Server:
    """One step, started with plain java on a free loopback port, its database in a folder of its own.

    log="file": the request log (one line per request on stdout) goes to a file, and the port is read
    from the banner. log="null": it goes to /dev/null, and the port is picked here and passed with -Dport.
    """

    # The line that says the server listens, and on which port (bench/run-many waits for the balancer's).
    BANNER = r"Starting development server at http://127\.0\.0\.1:(\d+)/"

    def __init__(self, step, workdir, settings=None, log="file", xmx="128m", jvm_options=()):
        self.step = step
        self.workdir = Path(workdir)
        self.db = self.workdir / "db.sqlite3"
        self.settings = {"DATABASE_PATH": str(self.db), **(settings or {})}
        self.log = log
        self.xmx = xmx
        self.jvm_options = list(jvm_options)
        self.process = None
        self.port = None
        self.stdout_path = self.workdir / "server.log"
        self.stderr_path = self.workdir / "server.err"

    def start(self, timeout=60):
        port = free_port() if self.log == "null" else 0
        log_start = self.stdout_path.stat().st_size if self.stdout_path.exists() else 0  # a restart appends
        command = java_command(self.step, {**self.settings, "port": port}, xmx=self.xmx, jvm_options=self.jvm_options)
        stdout = open(os.devnull, "wb") if self.log == "null" else open(self.stdout_path, "ab")
        with stdout, open(self.stderr_path, "ab") as stderr:
            self.process = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=self.workdir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.step} exited with {self.process.returncode}:\n{self.errors()}")
            if self.log == "null":
                if port_open(port):
                    self.port = port
                    return self
            else:
                banner = read(self.stdout_path)[log_start:]
                match = re.search(self.BANNER, banner)
                if match:
                    self.port = int(match.group(1))
                    return self
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"{self.step} did not start within {timeout} s:\n{self.errors()}")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def peak_rss_mb(self):
        """The most memory the JVM process has held (VmHWM): heap, plus code, threads and SQLite."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
            return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024
        except (OSError, AttributeError):
            return None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def errors(self):
        return read(self.stderr_path)[-3000:]

    def stop(self):
        """SIGTERM, as Ctrl-C: the server finishes the requests in flight and closes the database."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self):
        """SIGKILL: the process ends at once, mid-request; nothing of it runs any more."""
        if self.alive():
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def read(path):
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


# ------------------------------------------------------------------------------------------- database

def fill_sessions(db, count, expired=0):
    """Adds `count` filler sessions to django_session, `expired` of them already expired.

    Keys are 32 random characters of the key alphabet (hex is a part of it). Expiry dates, in Django's
    text format, are spread over the next two weeks (from an hour on), or for the expired ones over the
    last two weeks. One SQL statement fills them all, so that a million rows take seconds.
    """
    with sqlite3.connect(db) as connection:
        # A throw-away database: no journal, no waiting for the disk while filling it.
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(CREATE_TABLE)
        connection.execute(CREATE_INDEX)
        # Sorted by key, the rows go to the end of the primary-key index: much faster than in random order.
        connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
            INSERT INTO django_session (session_key, session_data, expire_date)
            SELECT * FROM (
                SELECT lower(hex(randomblob(16))), :data,
                       strftime('%Y-%m-%d %H:%M:%S', 'now', CASE WHEN i <= :expired
                                THEN '-' || (1 + abs(random()) % 1209600) || ' seconds'
                                ELSE '+' || (3600 + abs(random()) % (1209600 - 3600)) || ' seconds' END)
                       || printf('.%06d', abs(random()) % 1000000)
                FROM n)
            ORDER BY 1""", {"count": count, "expired": expired, "data": FILLER_DATA})
    connection.close()


def count_sessions(db, where="1"):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        result = connection.execute(f"SELECT count(*) FROM django_session WHERE {where}").fetchone()[0]
    connection.close()
    return result


def decode_session_data(session_data):
    """The JSON inside a session_data value (or a signed-cookie value), signature not checked.

    Django's format is base64url(JSON, zlib-compressed and marked with a leading '.' when that is
    shorter) + ':' + timestamp + ':' + signature; counting needs only the part before the first ':'.
    """
    payload = session_data.strip('"').split(":")[0]
    compressed = payload.startswith(".")
    if compressed:
        payload = payload[1:]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if compressed:
        raw = zlib.decompress(raw)
    return json.loads(raw)


def stored_sessions(db, keys):
    """session_key -> decoded data, for the keys that have a row."""
    found = {}
    keys = list(keys)
    if not Path(db).is_file():
        return found  # a step that keeps its sessions in memory has no database at all
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as connection:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_session'").fetchone():
            return found
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, data in connection.execute(
                    f"SELECT session_key, session_data FROM django_session WHERE session_key IN ({marks})", chunk):
                found[key] = decode_session_data(data)
    connection.close()
    return found


def integrity_check(db):
    """PRAGMA integrity_check, with the sqlite3 tool when there is one, else Python's sqlite3 module."""
    if not Path(db).is_file():
        return "no database file"
    if shutil.which("sqlite3"):
        result = subprocess.run(["sqlite3", str(db), "PRAGMA integrity_check"], capture_output=True, text=True)
        return (result.stdout + result.stderr).strip()
    with sqlite3.connect(db) as connection:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    return "\n".join(row[0] for row in rows)


# ---------------------------------------------------------------------------------------------- load

@dataclass
class Load:
    """What one wrk run measured, and what the browsers saw."""
    path: str
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    error_detail: str
    browsers: list = field(default_factory=list)
    server_cpu_us: float = 0.0   # the server's CPU time (user + system) per answer, in microseconds
    wrk_cores: float = 0.0       # how many cores wrk itself kept busy, on average


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (from /proc), in seconds."""
    fields = read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if len(fields) > 12 else 0.0


def run_browsers(port, path, seconds, browsers=32, status=200, workdir=None, server_pid=None):
    """Runs wrk with bench/browsers.lua: `browsers` connections, one per thread, each a browser."""
    wrk = need_tool("wrk")
    workdir = Path(workdir or tempfile.mkdtemp(prefix="bench-"))
    result_file = workdir / f"wrk-{time.time_ns()}.json"
    # wrk's own stop comes a second after the browsers have stopped themselves (see browsers.lua).
    command = [wrk, f"-t{browsers}", f"-c{browsers}", f"-d{int(seconds) + 1}s", "--timeout", "2s",
               "-s", str(BROWSERS_LUA), f"http://127.0.0.1:{port}{path}", "--", str(seconds), str(status)]
    server_before = cpu_seconds(server_pid) if server_pid else 0.0
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.monotonic()
    run = subprocess.run(command, env={**os.environ, "BENCH_RESULT": str(result_file)},
                         capture_output=True, text=True)
    wall = time.monotonic() - wall
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = (cpu_seconds(server_pid) - server_before) if server_pid else 0.0
    wrk_cpu = (children_after.ru_utime - children_before.ru_utime) + (children_after.ru_stime - children_before.ru_stime)
    if run.returncode != 0 or not result_file.is_file():
        raise RuntimeError(f"wrk failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    data = json.loads(result_file.read_text())
    result_file.unlink()
    answered = sum(b["ok"] + b["bad"] for b in data["browsers"])
    first = min(b["started"] for b in data["browsers"] if b["started"])
    last = max(b["ended"] for b in data["browsers"] if b["ended"])
    socket_errors = {k: v for k, v in data["errors"].items() if k != "status" and v}
    bad = sum(b["bad"] for b in data["browsers"])
    statuses = " ".join(b["statuses"] for b in data["browsers"] if b["statuses"]).split()
    detail = []
    if bad:
        detail.append(f"{bad} unexpected answers (statuses {' '.join(sorted(set(statuses)))})")
    if socket_errors:
        detail.append("wrk errors " + ", ".join(f"{k} {v}" for k, v in socket_errors.items()))
    return Load(path=path, seconds=last - first, requests=answered, rps=answered / (last - first),
                p50_ms=data["latency_us"]["p50"] / 1000, p99_ms=data["latency_us"]["p99"] / 1000,
                errors=bad + sum(socket_errors.values()), error_detail="; ".join(detail),
                browsers=data["browsers"], server_cpu_us=server_cpu / max(answered, 1) * 1e6,
                wrk_cores=wrk_cpu / wall)


# ------------------------------------------------------------------------------------- correctness

def check_counts(load, count_key, engine="db", db=None, file_path=None):
    """Does every visit a browser saw acknowledged sit in the store, and nothing more?

    For each browser: the last count it was shown equals the count stored under its session key. And
    over all browsers: the stored counts add up to the successful responses (each browser started with
    no session, so its count went 1, 2, ... n): no visit lost, none invented.
    Returns (ok, text for the table).
    """
    browsers = [b for b in load.browsers if b["ok"] > 0]
    answered = sum(b["ok"] for b in browsers)
    keys = [b["cookie"] for b in browsers if b["cookie"]]
    if engine in ("db", "cached_db"):
        stored = {key: data.get(count_key, 0) for key, data in stored_sessions(db, keys).items()}
    elif engine == "file":
        stored = {}
        for key in keys:
            session_file = Path(file_path) / f"sessionid{key}"
            if session_file.is_file():
                stored[key] = decode_session_data(session_file.read_text()).get(count_key, 0)
    elif engine == "signed_cookies":
        # The browser's cookie IS the stored session.
        stored = {key: decode_session_data(key).get(count_key, 0) for key in keys}
    else:
        # The cache engine keeps sessions in the server's memory: only the browsers' own view is checkable.
        same = sum(1 for b in browsers if b["last"] == b["ok"])
        ok = same == len(browsers) and len(browsers) > 0
        return ok, f"{'ok' if ok else 'FAIL'}: {same}/{len(browsers)} browsers counted 1..n (store not readable)"
    # Per browser, not per key: two signed cookies with the same count, signed in the same second, are equal.
    per_browser = [stored.get(b["cookie"], 0) if b["cookie"] else 0 for b in browsers]
    matching = sum(1 for b, count in zip(browsers, per_browser) if b["cookie"] and count == b["last"])
    total = sum(per_browser)
    lost = answered - total
    ok = matching == len(browsers) and lost == 0 and len(browsers) > 0
    text = f"{matching}/{len(browsers)} browsers, "
    text += "0 lost" if lost == 0 else (f"{lost} LOST" if lost > 0 else f"{-lost} EXTRA")
    return ok, ("ok: " if ok else "FAIL: ") + text


# ------------------------------------------------------------------------------------------ machine

def machine():
    """The lines that say what the figures were measured on."""
    def first_line(command):
        try:
            result = subprocess.run(command, capture_output=True, text=True)
            return (result.stdout + result.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cpu = "?"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    match = re.search(r"MemTotal:\s+(\d+) kB", read("/proc/meminfo"))
    if match:
        memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB"
    os_name = platform.platform()
    match = re.search(r'PRETTY_NAME="([^"]+)"', read("/etc/os-release"))
    if match:
        os_name = match.group(1)
    virtual = "virtual machine" if "hypervisor" in read("/proc/cpuinfo") else "no hypervisor flag"
    return {
        "cpu": f"{os.cpu_count()} × {cpu} ({virtual})",
        "memory": memory,
        "os": f"{os_name}, kernel {platform.release()}",
        "java": first_line(["java", "-version"]),
        "wrk": first_line([shutil.which("wrk") or "wrk", "-v"]).split(" Copyright")[0],
        "sqlite": sqlite3.sqlite_version + " (Python's module; the steps use sqlite-jdbc's own)",
    }


def load_average():
    return read("/proc/loadavg").split()[:3]


# ------------------------------------------------------------------------------------ one server

@dataclass
class Row:
    step: str
    page: str
    settings: str
    sessions: int
    load: Load
    ceiling: Load
    check_ok: bool
    check: str


def settings_text(settings):
    return " ".join(f"{name}={value}" for name, value in settings.items()) or "defaults"


def jit_compiled(pid):
    """How many methods the JVM's JIT compilers have compiled so far (jstat -compiler), or None."""
    jstat = shutil.which("jstat")
    if not jstat:
        return None
    result = subprocess.run([jstat, "-compiler", str(pid)], capture_output=True, text=True)
    try:
        return int(result.stdout.splitlines()[1].split()[0])
    except (IndexError, ValueError):
        return None


def warm_up(server, pages, at_least, browsers, workdir, at_most=40):
    """Loads the ceiling and every page in turn until the JIT compiler has settled.

    The JVM runs new code slowly, then compiles what is hot; on a busy 2-core machine that took 20-30 s
    of load (jstat -compiler). Measuring before it ends would measure the compiler. So: rounds of 3 s
    per path, for at least `at_least` seconds, until a round compiles fewer than 20 new methods (at most
    `at_most` seconds). Without jstat (a JRE without the JDK tools), just `at_least` seconds.
    """
    paths = [(CEILING_PATH, 404)] + [(page, 200) for page in pages]
    start = time.monotonic()
    compiled = jit_compiled(server.process.pid)
    while True:
        for path, status in paths:
            run_browsers(server.port, path, 3, browsers, status=status, workdir=workdir)
        elapsed = time.monotonic() - start
        now = jit_compiled(server.process.pid)
        settled = compiled is not None and now is not None and now - compiled < 20
        if elapsed >= at_most or (elapsed >= at_least and (settled or now is None)):
            how = "JIT settled" if settled else ("no jstat" if now is None else "JIT still compiling")
            return f"{elapsed:.0f} s ({how})"
        compiled = now


def measure_server(step, pages, sessions=1000, settings=None, seconds=10, warmup=15, browsers=32,
                   log="file", xmx="128m", jvm_options=(), keep=False):
    """Starts one step on a fresh database holding `sessions` filler sessions, warms it up, measures the
    ceiling and then each page under the same load, checks the counts, stops it. Returns (rows, notes)."""
    settings = dict(settings or {})
    engine = settings.get("SESSION_ENGINE", "db")
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    if engine == "file" and "SESSION_FILE_PATH" not in settings:
        settings["SESSION_FILE_PATH"] = str(workdir / "sessions")
        (workdir / "sessions").mkdir()
    shown_settings = {k: v for k, v in settings.items() if k != "SESSION_FILE_PATH"}
    if log == "null":
        shown_settings = {**shown_settings, "log": "/dev/null"}
    server = Server(step, workdir, settings, log=log, xmx=xmx, jvm_options=jvm_options)
    if sessions:
        say(f"  filling {sessions:,} sessions ...")
        fill_sessions(server.db, sessions)
    rows = []
    with server:
        say(f"  {Path(step).name} on port {server.port}, {settings_text(shown_settings)}: warming up ...")
        warmed = warm_up(server, pages, warmup, browsers, workdir)
        say(f"  measuring the ceiling {CEILING_PATH} for {seconds} s ...")
        pid = server.process.pid
        ceiling = run_browsers(server.port, CEILING_PATH, seconds, browsers, status=404, workdir=workdir, server_pid=pid)
        for page in pages:
            say(f"  measuring {page} for {seconds} s ...")
            load = run_browsers(server.port, page, seconds, browsers, workdir=workdir, server_pid=pid)
            check_ok, check = check_counts(load, COUNT_KEYS.get(page, "visit"), engine, db=server.db,
                                           file_path=settings.get("SESSION_FILE_PATH"))
            rows.append(Row(Path(step).name, page, settings_text(shown_settings), sessions, load, ceiling,
                            check_ok, check))
        rss = server.peak_rss_mb()
        alive = server.alive()
    errors = server.errors()
    trouble = "OutOfMemoryError" in errors or "Exception" in errors
    note = (f"{Path(step).name} ({settings_text(shown_settings)}, {sessions:,} stored sessions): "
            f"warm-up {warmed}; -Xmx{xmx}, peak RSS {rss} MB, {'still serving' if alive else 'DIED'} at the end; "
            f"wrk itself kept {max(r.load.wrk_cores for r in rows):.1f} of the {os.cpu_count()} cores busy"
            + (f"; its stderr shows: {errors.strip().splitlines()[-1][:200]}" if trouble else ""))
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return rows, [note]


# -------------------------------------------------------------------------------------------- table

TABLE_HEADER = ("| step | page | settings | stored sessions | requests/s | of ceiling | p50 ms | p99 ms "
                "| errors | visits check | server CPU µs/request |\n|---|---|---|--:|--:|--:|--:|--:|--:|---|--:|")


def ceiling_line(row):
    c = row.ceiling
    return (f"| {row.step} | ceiling (404) | {row.settings} | {row.sessions:,} | {c.rps:,.0f} | 1.00 "
            f"| {c.p50_ms:.1f} | {c.p99_ms:.1f} | {c.errors} | — | {c.server_cpu_us:,.0f} |")


def page_line(row):
    load, c = row.load, row.ceiling
    return (f"| {row.step} | `{row.page}` | {row.settings} | {row.sessions:,} | {load.rps:,.0f} "
            f"| {load.rps / c.rps:.2f} | {load.p50_ms:.1f} ({load.p50_ms / c.p50_ms:.1f}×) "
            f"| {load.p99_ms:.1f} ({load.p99_ms / c.p99_ms:.1f}×) | {load.errors} | {row.check} "
            f"| {load.server_cpu_us:,.0f} ({load.server_cpu_us / c.server_cpu_us:.1f}×) |")


def table_lines(rows):
    """The ceiling of each server first, then its pages."""
    lines = []
    seen = set()
    for row in rows:
        if id(row.ceiling) not in seen:
            seen.add(id(row.ceiling))
            lines.append(ceiling_line(row))
        lines.append(page_line(row))
    return lines
