# Four threads update one counter, first without a lock, then with one. Without the lock, a thread
# can be switched out between reading x and writing it back: the other threads' updates in between
# are lost, and the total is not 0. With the lock, it always is.
# The real program behind ThreadLab's lesson "counter-race"; run it traced with
#   threadlab trace -- python3 counter-race.py
import sys
import threading

sys.setswitchinterval(1e-6)  # switch threads as often as CPython allows, so the race shows

x = 0
lock = threading.Lock()
use_lock = False


def added(value, amount):
    return value + amount


def change(amount):
    global x
    for _ in range(100_000):
        if use_lock:
            with lock:
                x = x + amount
        else:
            value = x                   # read
            value = added(value, amount)  # a call: where CPython may switch threads
            x = value                   # write back, over any update made meanwhile


def run(locked):
    global x, use_lock
    x = 0
    use_lock = locked
    threads = [threading.Thread(target=change, args=(amount,)) for amount in (2, 3, -4, -1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f'{"with" if locked else "without"} the lock: x = {x} (0 if no update was lost)')


run(locked=False)
run(locked=True)
