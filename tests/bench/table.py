#!/usr/bin/env python3
"""Issue 17's table from one `bash .ci/dev bench` run: every row as a figure or a ratio measured in
that run, beside its goal. Reads the JSON files the benchmarks wrote (--benchmark_out) in DIR.

    python3 tests/bench/table.py DIR
"""
import json
import os
import sys


def load(directory, bench):
    path = os.path.join(directory, bench + ".json")
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file).get("benchmarks", [])
    except (OSError, ValueError) as error:
        print(f"table: cannot read {path}: {error}", file=sys.stderr)
        return []


def find(rows, name, aggregate=None):
    """The row whose run_name (or name) is `name`; with repetitions, its `aggregate` (median)."""
    for row in rows:
        if row.get("run_name", row.get("name")) != name and row.get("name") != name:
            continue
        if aggregate is None or row.get("aggregate_name") == aggregate:
            if "error_occurred" not in row:
                return row
    return None


def ms(row):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[row.get("time_unit", "ns")]
    return row["real_time"] * scale


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    directory = sys.argv[1]
    recorder = load(directory, "bench_recorder")
    paint = load(directory, "bench_gantt_paint")
    sched = load(directory, "bench_sched")
    lessons = load(directory, "bench_lessons")
    live = load(directory, "bench_live")
    table = []

    clock = find(recorder, "BM_SteadyClockNow", "median")
    record = find(recorder, "BM_RecordEvent", "median")
    if clock and record:
        table.append(("recording one event vs one steady_clock::now()",
                      f"{record['real_time']:.1f} ns vs {clock['real_time']:.1f} ns: "
                      f"{record['real_time'] / clock['real_time']:.2f}x", "<= 0.6x"))

    def frame(segments, lanes, zoomed):
        return find(paint, f"BM_PaintFrame/segments:{segments}/lanes:{lanes}/zoomed:{zoomed}", "median")

    big = frame(10_000_000, 16, 0)
    if big and "trace_bytes_per_event" in big:
        table.append(("bytes per recorded event, 10 M-event trace",
                      f"{big['trace_bytes_per_event']:.1f} B", "<= 20 B"))
    ratios = []
    for lanes in (16, 64):
        for zoomed in (0, 1):
            small, large = frame(10_000, lanes, zoomed), frame(10_000_000, lanes, zoomed)
            if small and large:
                ratios.append((ms(large) / ms(small), lanes, zoomed, ms(small), ms(large)))
    if ratios:
        worst = max(ratios)
        frames = [ms(row) for row in paint if row.get("aggregate_name") == "median"]
        table.append(("Gantt frame, 10 M vs 10 k segments, 1920x1080",
                      f"{worst[0]:.2f}x at worst ({worst[3]:.1f} -> {worst[4]:.1f} ms, {worst[1]} lanes"
                      f"{', zoomed' if worst[2] else ''}); slowest frame {max(frames):.1f} ms",
                      "<= 2x, every frame <= 4 ms"))

    # One flooding lane makes about a million events a second here; more lanes, more.
    for lanes in (1, 2, 4):
        latency = find(live, f"liveLatency/lanes:{lanes}/iterations:1/manual_time")
        if latency and "latency_p50_ms" in latency:
            table.append((f"event -> pixel while a run is live ({lanes} flooding lane{'s' if lanes > 1 else ''})",
                          f"p50 {latency['latency_p50_ms']:.1f} ms, p95 {latency['latency_p95_ms']:.1f} ms at "
                          f"{latency['events_per_s'] / 1e6:.2f} M events/s, {latency['paints_per_s']:.0f} frames/s, "
                          f"GUI thread {latency['gui_busy_pct']:.0f} % busy",
                          "<= 17 ms, GUI <= 20 % at 1 M events/s"))

    threads = find(lessons, "cpuBoundSpeedup/threads_no_gil/iterations:3/manual_time")
    processes = find(lessons, "cpuBoundSpeedup/processes/iterations:3/manual_time")
    if processes and "worker_start_p50_ms" in processes:
        table.append(("worker process spawn -> first task running",
                      f"median {processes['worker_start_p50_ms']:.1f} ms, "
                      f"worst {processes['worker_start_max_ms']:.1f} ms", "<= 10 ms median"))
    if threads and processes:
        cores = os.cpu_count() or 0
        table.append((f"CPU-bound speedup on {cores} cores (cpu-bound, 4 x 500 ms)",
                      f"threads without GIL {threads['speedup']:.2f}x, processes {processes['speedup']:.2f}x "
                      f"incl. start-up (worst {threads['speedup_worst']:.2f}x, {processes['speedup_worst']:.2f}x)",
                      "threads >= 1.9x, processes >= 1.85x"))

    step = find(sched, "cpuStepTime/iterations:4")
    if step:
        table.append(("`cpu: 500` on this thread",
                      f"thread CPU time {100 * (step['cpu_over_asked'] - 1):+.1f} % of asked, "
                      f"wall {100 * (step['wall_over_asked'] - 1):+.1f} %",
                      "CPU time within 2 %"))

    width = max(len(row[0]) for row in table)
    measured = max(len(row[1]) for row in table)
    print()
    print(f"{'what':<{width}}  {'measured in this run':<{measured}}  goal")
    for what, figure, goal in table:
        print(f"{what:<{width}}  {figure:<{measured}}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
