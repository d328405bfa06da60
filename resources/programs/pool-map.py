# ThreadPoolExecutor.map: five sleeps of 5, 4, 3, 2 and 1 s on a pool; the results come back in the
# order they were submitted, so the 5 s one holds up the rest.
# The real program behind ThreadLab's lesson "pool-map"; run it traced with
#   threadlab trace -- python3 pool-map.py
import concurrent.futures
import time

start = time.perf_counter()


def do_something(seconds):
    print(f'Sleeping {seconds} second(s)...')
    time.sleep(seconds)
    return f'Done Sleeping...{seconds}'


with concurrent.futures.ThreadPoolExecutor() as executor:
    secs = [5, 4, 3, 2, 1]
    results = executor.map(do_something, secs)
    for result in results:
        print(result)

finish = time.perf_counter()
print(f'Finished in {round(finish - start, 2)} second(s)')
