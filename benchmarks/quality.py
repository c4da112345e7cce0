"""Quality on statements by writers the model never saw, and how much annotators agree there.

    python benchmarks/quality.py                      # the shipped model
    python benchmarks/quality.py --model models/mine --trust-model
    python benchmarks/quality.py more/unseen-4.jsonl  # other sets labeled the same way
    python benchmarks/quality.py benchmarks/data/domain-fire.jsonl  # 消防救援: model card,
        # "Retraining on your own labels" (its split=train half is for training on)

Reads every ``nlp_reports/data/heldout/*.jsonl``: statements written by a team member who
never saw the training corpus (fictional reports split by the parser), each labeled blind
twice — by the taxonomy alone (``annotator_taxonomy``, as outside annotators work) and by
docs/annotation-guidelines.md (``annotator_guidelines``) — then adjudicated into
``kind``/``themes`` (the gold). None of these statements is in the labeled corpus.

A model may still have been trained on a set (``nlp-reports train … heldout/unseen-1.jsonl``;
the shipped model is not). Each set's heading says whether the model saw its statements;
when it did, its figures there are not held-out figures, and a second row scores the model
on the statements of the set it never saw (the set's test split: whole reports the train
command kept out).

Prints, per file, the annotators' agreement (with each other and with the gold) and the
model's and the keyword baseline's scores against the gold — the figures the model card
quotes. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp_reports.classify.evaluate import SEEN_SHARE, evaluate, score  # noqa: E402
from nlp_reports.taxonomy import CORE_THEMES, THEME_IDS  # noqa: E402

HELDOUT = ROOT / "nlp_reports" / "data" / "heldout"


def _matrix(rows: list[list[str]]):
    import numpy as np

    return np.array([[int(t in r) for t in THEME_IDS] for r in rows])


def agreement(records: list[dict], a: str, b: str) -> dict:
    """Scores of label set ``b`` against label set ``a`` ("gold" = the adjudicated labels)."""

    def get(rec: dict, who: str) -> tuple[str, list[str]]:
        src = rec if who == "gold" else rec[who]
        return src["kind"], src["themes"]

    ka, ta = zip(*(get(r, a) for r in records), strict=True)
    kb, tb = zip(*(get(r, b) for r in records), strict=True)
    return score(list(ka), list(kb), _matrix(list(ta)), _matrix(list(tb)))


def row(name: str, s: dict) -> str:
    # a theme with no gold example in the set has no F1 (None): shown as "—"
    core = " | ".join("—" if s["themes"][t]["f1"] is None else f"{s['themes'][t]['f1']:.3f}"
                      for t in CORE_THEMES)
    return (f"| {name} | {s['kind_accuracy']:.3f} | {s['micro_f1']:.3f} | {s['macro_f1']:.3f} "
            f"| {s['micro_precision']:.3f} | {s['micro_recall']:.3f} | {core} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model directory (default: the shipped model)")
    ap.add_argument("--trust-model", action="store_true")
    ap.add_argument("files", nargs="*", type=Path,
                    help="held-out JSONL files to score too (same fields as heldout/*.jsonl)")
    args = ap.parse_args(argv)
    files = sorted(HELDOUT.glob("*.jsonl")) + list(args.files)
    if not files:
        print(f"no held-out files in {HELDOUT}", file=sys.stderr)
        return 1
    head = ("| labels scored | kind | micro-F1 | macro-F1 | P | R | "
            + " | ".join(CORE_THEMES) + " |\n|---|" + "---|" * (5 + len(CORE_THEMES)))
    for f in files:
        records = [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
        result = evaluate(f, model=args.model, trust=args.trust_model)
        n_seen = result.get("n_trained_on", 0)
        seen = n_seen >= SEEN_SHARE * len(records)  # a stock line or two recur everywhere
        print(f"\n## {f.name}: {len(records)} statements, "
              f"{len({r['family'] for r in records})} reports\n")
        if seen:
            unseen = result.get("unseen", {}).get("n", 0)
            print(f"**The model was trained on {n_seen} of these statements**: its figures on "
                  f"this set are not held-out figures. The row 'model, never seen' scores "
                  f"the {unseen} it was not trained on.\n")
        else:
            print(f"The model was not trained on this set (held-out figures; stock lines "
                  f"also in its training data: {n_seen}).\n")
        print(head)
        print(row("taxonomy annotator vs guidelines annotator",
                  agreement(records, "annotator_guidelines", "annotator_taxonomy")))
        print(row("taxonomy annotator vs gold", agreement(records, "gold", "annotator_taxonomy")))
        print(row("guidelines annotator vs gold",
                  agreement(records, "gold", "annotator_guidelines")))
        print(row(f"model ({result['model_id'][:12]}) vs gold", result["model"]))
        if seen and result.get("unseen"):
            print(row(f"model, never seen ({result['unseen']['n']}) vs gold",
                      result["unseen"]["model"]))
        print(row("keyword baseline vs gold", result["baseline"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
