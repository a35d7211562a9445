# Runs a command in a pseudo-terminal and answers its prompts, as a person at a keyboard would.
# usage: pty-drive.py PATTERN ANSWER1 [ANSWER2 ...] -- COMMAND [ARGS...]
# When a new prompt shows PATTERN (and the previous one was answered: inquirer marks it with a check mark),
# the next answer is typed, followed by Enter.
# Prints everything the command wrote and exits with its exit code.
import os, pty, select, sys, time

args = sys.argv[1:]
split = args.index("--")
pattern, answers, command = args[0].encode(), [a.encode() for a in args[1:split]], args[split + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
output = b""
sent = 0
answered_seen = 0
baseline = 0
DONE = "\u2714".encode()
deadline = time.time() + 120
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    answered = output.count(DONE)
    if answered > answered_seen:
        answered_seen = answered
        baseline = output.count(pattern)
    if answers and answered_seen == sent and output.count(pattern) > baseline:
        time.sleep(0.05)
        os.write(fd, answers.pop(0) + b"\r")
        sent += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
