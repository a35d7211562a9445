# Runs a command in a pseudo-terminal and answers its prompts, as a person at a keyboard would.
# usage: pty-drive.py PATTERN ANSWER1 [ANSWER2 ...] -- COMMAND [ARGS...]
# When a new prompt shows PATTERN after the last answered one (inquirer marks answered prompts with a check
# mark) and the output has gone quiet, the next answer is typed, followed by Enter.
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
DONE = "\u2714".encode()
# A prompt is answered once it has been drawn after the last answered one and the output has been quiet for a
# moment: inquirer draws in several writes, and on a busy machine a prompt's text can arrive in pieces.
QUIET = 0.15
last_output = time.time()
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
        last_output = time.time()
    answered = output.count(DONE)
    since_answer = output[output.rfind(DONE) + len(DONE):] if answered else output
    if answers and answered == sent and pattern in since_answer and time.time() - last_output > QUIET:
        os.write(fd, answers.pop(0) + b"\r")
        sent += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
