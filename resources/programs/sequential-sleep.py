# Two 1-second sleeps, one after the other: about 2 seconds in all.
# The real program behind ThreadLab's lesson "sequential-sleep"; run it traced with
#   threadlab trace -- python3 sequential-sleep.py
import time

start = time.perf_counter()


def do_something():
    print('Sleeping 1 second...')
    time.sleep(1)
    print('Done Sleeping...')


do_something()
do_something()

finish = time.perf_counter()
print(f'Finished in {round(finish - start, 2)} second(s)')
