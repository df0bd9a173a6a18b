#!/usr/bin/env bash
# Daemon start-up and footprint: median time from exec of `out/berth daemon` to its first successful /_ping,
# its idle RSS right after start, and the round trip of `berth version` (and `docker version`, when the docker
# CLI is installed) against it. Usage: bench/daemon-start.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
"$here/berth" --version >/dev/null   # builds out/berth when stale, outside the measurement
bin="$here/out/berth"

work="$(mktemp -d /tmp/berth-bench-daemon-XXXXXX)"
trap 'rm -rf "$work"' EXIT

python3 - "$bin" "$work" "$runs" <<'PY'
import os, socket, statistics, subprocess, sys, time

bin_, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def ping(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.sendall(b"GET /_ping HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(4096):
            data += chunk
        return data.endswith(b"\r\n\r\nOK")
    except OSError:
        return False
    finally:
        s.close()

def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def start(i):
    root = os.path.join(work, f"d{i}")
    os.makedirs(root)
    sock = os.path.join(root, "berth.sock")
    cfg = os.path.join(root, "daemon.json")
    with open(cfg, "w") as f:
        f.write("{}")
    t0 = time.perf_counter()
    p = subprocess.Popen([bin_, "daemon", "--data-root", f"{root}/data", "--exec-root", f"{root}/exec",
                          "-H", f"unix://{sock}", "--config-file", cfg],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + 10
    while not ping(sock):
        if time.perf_counter() > deadline or p.poll() is not None:
            p.kill()
            sys.exit(f"daemon {i} did not answer /_ping within 10s")
    return p, sock, (time.perf_counter() - t0) * 1000

def median_ms(cmd, env, n):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)

starts, rss = [], []
for i in range(runs):
    p, sock, ms = start(i)
    starts.append(ms)
    time.sleep(0.2)  # let start-up work settle before reading the idle footprint
    rss.append(rss_kb(p.pid))
    if i == runs - 1:
        env = dict(os.environ, DOCKER_HOST=f"unix://{sock}", DOCKER_CONFIG=os.path.join(work, "docker-config"))
        berth_version = median_ms([bin_, "-H", f"unix://{sock}", "version"], env, runs)
        docker = next((os.path.join(d, "docker") for d in os.environ.get("PATH", "").split(":") if os.path.exists(os.path.join(d, "docker"))), None)
        docker_version = median_ms([docker, "version"], env, runs) if docker else None
    p.terminate()
    p.wait(timeout=10)

print(f"daemon start to first /_ping: median {statistics.median(starts):.1f} ms (min {min(starts):.1f}, max {max(starts):.1f}, {runs} runs; target < 150 ms)")
print(f"idle RSS after start:          median {statistics.median(rss) / 1024:.1f} MB (max {max(rss) / 1024:.1f} MB; target < 40 MB)")
print(f"berth version round trip:      median {berth_version:.1f} ms")
if docker_version is not None:
    print(f"docker version round trip:     median {docker_version:.1f} ms (docker CLI against berth)")
PY
