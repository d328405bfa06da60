# CPU-bound work on threads, then on processes. With CPython's global interpreter lock, the four
# threads take turns on one CPU (no faster than doing the work one after another); the processes
# each have their own interpreter and run in parallel, one per core.
# The real program behind ThreadLab's lesson "cpu-bound"; run it traced with
#   threadlab trace -- python3 cpu-bound.py
# An argument picks one half: "threads" or "processes".
import concurrent.futures
import sys
import time

N = 10_000_000


def burn(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def on_threads():
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:   # no speedup
        list(executor.map(burn, [N] * 4))
    print(f'threads: {time.perf_counter() - start:.2f} s')


def on_processes():
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:  # uses both cores
        list(executor.map(burn, [N] * 4))
    print(f'processes: {time.perf_counter() - start:.2f} s')


if __name__ == '__main__':
    which = sys.argv[1] if len(sys.argv) > 1 else 'both'
    if which in ('threads', 'both'):
        on_threads()
    if which in ('processes', 'both'):
        on_processes()
