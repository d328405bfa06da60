# ThreadLab's start-up hook for traced Python programs (threadlab trace -- python3 ...).
#
# Python imports this file before the program because ThreadLab put its folder first on PYTHONPATH.
# It changes nothing in what the program does or prints. It only:
#   - gives every thread its Python name at the OS level (prctl PR_SET_NAME, cut to 15 bytes; a
#     process's main thread keeps its name, which ps shows) and tells ThreadLab the full name of
#     every thread and process, so that lanes read MainThread, ThreadPoolExecutor-0_1, Process-2;
#   - tells ThreadLab when print() was called (and its text), so prints appear on the chart.
# It writes one line per note to the file named by THREADLAB_NOTES:
#   N <tid> <name>            a thread's name
#   P <tid> <ns> <text>       a print at time.monotonic_ns() (ThreadLab's clock)
# Then it runs any other sitecustomize the program would have had.

import os
import sys


def _threadlab_install():
    path = os.environ.get("THREADLAB_NOTES")
    if not path:
        return
    import builtins
    import threading
    import time

    state = {"fd": -1, "pid": -1}

    def note(line):
        try:
            if state["pid"] != os.getpid():  # opened again after a fork: a process of its own
                state["fd"] = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
                state["pid"] = os.getpid()
            data = line.replace("\n", " ").replace("\r", " ").encode("utf-8", "replace")[:900]
            os.write(state["fd"], data + b"\n")
        except Exception:
            pass

    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except Exception:
        prctl = None

    def name_this_thread(name, os_level=True):
        # A process's main thread keeps its OS name (ps and top show it as the process's name).
        try:
            if os_level and prctl is not None:
                prctl(15, ctypes.c_char_p(name.encode("utf-8", "replace")[:15]), 0, 0, 0)  # PR_SET_NAME
        except Exception:
            pass
        note("N %d %s" % (threading.get_native_id(), name))

    original_bootstrap = threading.Thread._bootstrap_inner

    def bootstrap_inner(self):
        name_this_thread(self.name)
        return original_bootstrap(self)

    threading.Thread._bootstrap_inner = bootstrap_inner

    try:
        import multiprocessing.process as mp_process

        original_process_bootstrap = mp_process.BaseProcess._bootstrap

        def process_bootstrap(self, *args, **kwargs):
            name_this_thread(self.name, os_level=False)
            return original_process_bootstrap(self, *args, **kwargs)

        mp_process.BaseProcess._bootstrap = process_bootstrap
    except Exception:
        pass

    original_print = builtins.print

    def print(*args, sep=" ", end="\n", file=None, flush=False):
        at = time.monotonic_ns()
        original_print(*args, sep=sep, end=end, file=file, flush=flush)
        if file is None or file is sys.stdout or file is sys.stderr:
            try:
                text = (" " if sep is None else sep).join(str(arg) for arg in args)
                note("P %d %d %s" % (threading.get_native_id(), at, text[:300]))
            except Exception:
                pass

    print.__doc__ = original_print.__doc__
    builtins.print = print
    name_this_thread(threading.current_thread().name, os_level=False)


def _threadlab_chain():
    # The program's own sitecustomize, if it has one, runs as it would have.
    here = os.path.dirname(os.path.abspath(__file__))
    path = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    if here in sys.path:
        sys.path.remove(here)
    try:
        import importlib.machinery
        import importlib.util

        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
    except Exception:
        pass


_threadlab_install()
_threadlab_chain()
del _threadlab_install, _threadlab_chain
