"""Runs one child process per request and reports its wall time and peak RSS (os.wait4 ru_maxrss).

Node.js cannot read a child's rusage, so bench/measure.mjs starts this helper once and talks to it
with one JSON object per line:
  request:  {"argv": [...], "cwd": "...", "stdin": "path", "stdout": "path or null", "env": {...},
             "stall_after": bytes or null}
  response: {"wall_s": float, "maxrss_kib": int, "exit": int, "signal": int|null,
             "stdout_bytes": int, "stdout_sha256": "hex", "stderr_tail": "..."}
The child gets pipes on stdin/stdout/stderr like an exec function under kustomize or kpt
(Go's exec.Cmd with an io.Reader/io.Writer). The timed span is spawn -> pipe pumping -> wait4; it
includes reading the input file in 64 KiB chunks (page cache) and, only when "stdout" is given
(bench/run.mjs asks for it in the first, warm-up run), saving the output.
Started as `python3 -S`: no site-packages, a smaller process to fork from.
"""

import array
import fcntl
import hashlib
import json
import os
import selectors
import subprocess
import sys
import termios
import time


def unread_bytes(fd):
    """Bytes written to a pipe and not yet read by the other end (FIONREAD works on either end)."""
    buf = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, buf, True)
    return buf[0]


def child_exited(pid):
    """True once the child has exited, without reaping it (wait4 must collect its rusage later)."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def run_one(req):
    # Keep this process small: a forked child starts with a copy of it, so its RSS is the floor of
    # every ru_maxrss reported (see measure.mjs). Input is streamed from the file and output hashed
    # (and optionally saved) chunk by chunk, never held whole.
    src = open(req["stdin"], "rb")
    sink = open(req["stdout"], "wb") if req.get("stdout") else None
    digest = hashlib.sha256()
    out_bytes = 0
    err_tail = b""
    pending = b""
    written = 0
    # "stall_after": after that many bytes, wait until the child has read everything written so far
    # (the pipe is empty), pause, then send the rest: a slow producer, so a reader that takes an
    # empty pipe (EAGAIN) for an error or for the end of its input fails every time instead of by chance.
    stall_after = req.get("stall_after")
    stall = None  # None: not yet; "drain": waiting for the pipe to empty; float: resume time; "done"
    sel = selectors.DefaultSelector()

    start = time.perf_counter()
    try:
        proc = subprocess.Popen(
            req["argv"],
            cwd=req.get("cwd"),
            env=req.get("env"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
    except OSError as e:
        src.close()
        return {"error": f"cannot start {req['argv'][0]}: {e}"}
    os.set_blocking(proc.stdin.fileno(), False)
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    sel.register(proc.stdin, selectors.EVENT_WRITE, "in")
    while sel.get_map():
        if stall == "drain" and (unread_bytes(proc.stdin.fileno()) == 0 or child_exited(proc.pid)):
            stall = time.perf_counter() + 0.05
        if isinstance(stall, float) and time.perf_counter() >= stall:
            stall = "done"
            sel.register(proc.stdin, selectors.EVENT_WRITE, "in")
        for key, _ in sel.select(0.002 if stall not in (None, "done") else None):
            if key.data == "in":
                if not pending:
                    limit = 65536
                    if stall_after and stall is None:
                        limit = max(1, min(limit, stall_after - written))
                    pending = src.read(limit)
                done = not pending
                if pending:
                    try:
                        n = os.write(key.fd, pending)
                        pending = pending[n:]
                        written += n
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:
                        done = True
                if done:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
                elif stall_after and stall is None and written >= stall_after and not pending:
                    stall = "drain"
                    sel.unregister(key.fileobj)
                continue
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                key.fileobj.close()
            elif key.data == "out":
                digest.update(chunk)
                out_bytes += len(chunk)
                if sink:
                    sink.write(chunk)
            else:
                err_tail = (err_tail + chunk)[-4000:]
    if not proc.stdin.closed:
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
    src.close()
    if sink:
        sink.close()
    return {
        "wall_s": wall,
        "maxrss_kib": usage.ru_maxrss,  # kilobytes on Linux
        "exit": proc.returncode,
        "signal": -proc.returncode if proc.returncode < 0 else None,
        "stdout_bytes": out_bytes,
        "stdout_sha256": digest.hexdigest(),
        "stderr_tail": err_tail.decode("utf-8", "replace")[-2000:],
    }


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            res = run_one(json.loads(line))
        except Exception as e:  # report, keep serving
            res = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
