# ThreadPoolExecutor.submit and as_completed: the same five sleeps; each result is printed as soon
# as its sleep ends, the shortest first.
# The real program behind ThreadLab's lesson "pool-as-completed"; run it traced with
#   threadlab trace -- python3 pool-as-completed.py
import concurrent.futures
import time

start = time.perf_counter()


def do_something(seconds):
    print(f'Sleeping {seconds} second(s)...')
    time.sleep(seconds)
    return f'Done Sleeping...{seconds}'


with concurrent.futures.ThreadPoolExecutor() as executor:
    secs = [5, 4, 3, 2, 1]
    results = [executor.submit(do_something, sec) for sec in secs]
    for f in concurrent.futures.as_completed(results):
        print(f.result())

finish = time.perf_counter()
print(f'Finished in {round(finish - start, 2)} second(s)')
