"""What load-time reasoning costs on the bundle: `python benchmarks/reasoning.py [RUNS]`.

Builds the bundled store once (parsing + SHACL + reasoning), then re-runs the reasoner RUNS
times on it and prints the build phases and the reasoner's median and worst time.
"""

from __future__ import annotations

import statistics
import sys
import time

from pyoxigraph import Store

from kgserver.curation.loading import build, validate_dataset
from kgserver.settings import BUNDLE_DIR
from kgserver.store import reasoning
from kgserver.store.bundle import read_bundle


def main(runs: int) -> None:
    started = time.perf_counter()
    dataset = read_bundle(BUNDLE_DIR)
    parsed = time.perf_counter()
    report = validate_dataset(dataset)
    validated = time.perf_counter()
    assert report.conforms
    store = Store()
    build(store, BUNDLE_DIR, check=False)
    seconds = []
    result = None
    for _ in range(runs):
        result = reasoning.materialise(store)
        seconds.append(result.seconds)
    assert result is not None
    print(f"asserted triples   {len(dataset.quads)}")
    print(f"parse              {(parsed - started) * 1000:.0f} ms")
    print(f"SHACL validation   {(validated - parsed) * 1000:.0f} ms")
    print(f"inferred triples   {result.triples} in {result.rounds} rounds")
    print(f"reasoning, median  {statistics.median(seconds) * 1000:.0f} ms over {runs} runs")
    print(f"reasoning, worst   {max(seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
