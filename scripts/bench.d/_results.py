"""bench-results.json (git-ignored, at the repository root): every benchmark merges its keys into it."""
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "bench-results.json"


def record(**values):
    """Merge `values` (numbers) into bench-results.json, keeping the other benchmarks' keys."""
    current = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    current.update(values)
    RESULTS.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
