"""Drives the interactive `sluice sql` shell on a pseudo-terminal: a statement over two
lines, an error that keeps the shell, Ctrl-C cancelling a long query, and Ctrl-D exiting.
Usage: python3 sql_shell.py SLUICE_BIN WAREHOUSE_DIR  (exit 0 when every check passes)."""
import os
import pty
import select
import sys
import termios
import time

binary, warehouse = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.environ["HOME"] = warehouse  # history file goes there
    os.execv(binary, [binary, "sql", "--warehouse", warehouse, "--format", "tsv"])

output = b""


def read_until(marker, timeout=60.0):
    global output
    deadline = time.time() + timeout
    while marker.encode() not in output:
        left = deadline - time.time()
        if left <= 0:
            raise SystemExit("timed out waiting for %r; got:\n%s" % (marker, output.decode(errors="replace")))
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                output += os.read(fd, 65536)
            except OSError:
                break
    found = output
    output = b""
    return found.decode(errors="replace")


def wait_for_key_reading():
    """Waits until the shell reads keys one by one (libedit's raw mode). A key typed before
    that goes through the terminal's line editing, which turns Ctrl-D into a NUL byte that
    libedit then reads as an ordinary key, and the shell would wait for another Ctrl-D."""
    deadline = time.time() + 60
    while termios.tcgetattr(fd)[3] & termios.ICANON:
        if time.time() > deadline:
            raise SystemExit("the shell never started reading keys")
        time.sleep(0.01)


read_until("sluice> ")
os.write(fd, b"SELECT 40 +\r")
read_until("-> ")
os.write(fd, b"2 AS answer;\r")
got = read_until("sluice> ")
assert "42" in got, got
os.write(fd, b"SELECT nope;\r")
got = read_until("sluice> ")
assert "UNRESOLVED_COLUMN" in got, got
# A query that runs for a long time, cancelled by Ctrl-C. It must still be running a second
# later on any machine: a Ctrl-C that arrives once the prompt is back is a typing Ctrl-C,
# and the steps below would race with the shell's prompts.
os.write(fd, b"SELECT count(*) FROM range(100000000000) a WHERE a.id % 7 = 3;\r")
time.sleep(1.0)
os.write(fd, b"\x03")
got = read_until("sluice> ", timeout=120)
assert "cancelled" in got, got
os.write(fd, b"SELECT 'still here';\r")
got = read_until("sluice> ")
assert "still here" in got, got
wait_for_key_reading()
os.write(fd, b"\x04")
# Ctrl-D exits within a minute; a shell that does not is killed and the test says so.
deadline = time.time() + 60
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    if time.time() > deadline:
        os.kill(pid, 9)
        raise SystemExit("the shell did not exit after Ctrl-D; its output:\n" + output.decode(errors="replace"))
    time.sleep(0.1)
assert os.WEXITSTATUS(status) == 0, status
print("ok")
