"""How the statement model holds up on the noise of real extracted text (提取噪声稳健性).

    python benchmarks/robustness.py                      # the shipped model, markdown tables
    python benchmarks/robustness.py --json out.json      # the figures as JSON too
    python benchmarks/robustness.py --model models/mine --trust-model

Real statements reach the tagger from scraped HTML, PDF text and .docx, and carry noise the
clean training text rarely has. For each held-out set (``nlp_reports/data/heldout/*.jsonl``,
statements the model never saw, with adjudicated gold labels) every noise type below is
applied on its own to every statement (seeded: the same run gives the same texts), and the
model's predictions on the noisy texts are scored against the gold — kind accuracy and theme
micro-F1 — and compared with its predictions on the clean texts: the share of statements
whose kind changes, and whose theme set changes. A robust pipeline undoes the noise before
the features: its noisy figures equal the clean ones and nothing changes.

The noise types, at the rates extraction produces them:

* ``pdf_spaced`` — a letter-spaced PDF: a space between every two CJK characters
  ("加 强 队 伍 建 设").
* ``pdf_breaks`` — a PDF's wrapped lines kept: a line break every 18–40 characters, mid-word.
* ``fullwidth`` — full-width digits and Latin letters ("２０２３年", "ＡＢ角").
* ``halfwidth_punct`` — Chinese punctuation typed half-width (",.;:()!?").
* ``traditional`` — traditional characters (mirror sites; OpenCC ``s2t``/``s2tw``/``s2hk``).
* ``enumerator`` — a leading enumerator in one of the many styles ("（一）", "1.", "1、",
  "①", "一是", "第一，", "其一，", "(3)", "二、" …).
* ``page_number`` — a page number left at the end ("- 3 -", "第 3 页", " 12") or a page
  number line inside.
* ``invisible`` — no-break, ideographic and zero-width spaces, BOMs, soft hyphens scattered
  in the text, an indentation of ideographic spaces.
* ``repeated_punct`` — doubled punctuation ("。。", "，，", "；；").
* ``glued_heading`` — the next heading glued to the statement ("…不熟悉。（二）下一步工作打算").
* ``combined`` — three of the above at once.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HELDOUT = ROOT / "nlp_reports" / "data" / "heldout"
_CJK = re.compile(r"[\u3400-\u9fff]")
_CN_DIGITS = "一二三四五六七八九十"


def _cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def pdf_spaced(text: str, rng: random.Random) -> str:
    """A space between every two adjacent CJK characters (a letter-spaced PDF)."""
    out = [text[:1]]
    for a, b in zip(text, text[1:], strict=False):
        if _cjk(a) and _cjk(b):
            out.append(" ")
        out.append(b)
    return "".join(out)


def pdf_breaks(text: str, rng: random.Random) -> str:
    """A line break every 18–40 characters (a PDF's line width), wherever it falls."""
    out = []
    pos = 0
    while True:
        step = rng.randint(18, 40)
        if pos + step >= len(text):
            out.append(text[pos:])
            break
        out.append(text[pos:pos + step])
        out.append(rng.choice(["\n", "\n", " \n", "\r\n"]))
        pos += step
    return "".join(out)


def fullwidth(text: str, rng: random.Random) -> str:
    """ASCII digits and letters as their full-width forms."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


_HALF = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "（": "(", "）": ")",
                       "！": "!", "？": "?"})


def halfwidth_punct(text: str, rng: random.Random) -> str:
    """Chinese punctuation typed half-width."""
    return text.translate(_HALF)


_S2T: dict[str, object] = {}


def traditional(text: str, rng: random.Random) -> str:
    """Traditional characters, as on mirror sites (OpenCC s2t, s2tw or s2hk, one per text)."""
    config = rng.choice(["s2t", "s2tw", "s2hk"])
    if config not in _S2T:
        import opencc

        _S2T[config] = opencc.OpenCC(config)
    return _S2T[config].convert(text)


def enumerator(text: str, rng: random.Random) -> str:
    """A leading enumerator in one of the styles reports use."""
    n = rng.randint(1, 6)
    cn = _CN_DIGITS[n - 1]
    style = rng.choice([f"（{cn}）", f"({cn})", f"{n}.", f"{n}、", f"{n}．", "①②③④⑤⑥"[n - 1],
                        f"{cn}是", f"{cn}是，", f"第{cn}，", f"其{cn}，", f"其{cn}是", f"({n})",
                        f"（{n}）", f"{cn}、", f"{n})", f"{n}）", f"第{cn}、", f"{cn}. "])
    return style + rng.choice(["", "", " ", "\u3000"]) + text


def page_number(text: str, rng: random.Random) -> str:
    """A page number left in: at the end (most often) or on a line inside."""
    p = rng.randint(1, 40)
    mark = rng.choice([f"- {p} -", f"-{p}-", f"— {p} —", f"第 {p} 页", f"第{p}页 共{p + 3}页",
                       f"{p}", f"{p}/{p + 5}"])
    if rng.random() < 0.75 or len(text) < 20:
        return text + rng.choice([" ", "\n", "  ", ""]) + mark
    cut = rng.randint(8, len(text) - 8)
    return text[:cut] + "\n" + mark + "\n" + text[cut:]


def invisible(text: str, rng: random.Random) -> str:
    """No-break, ideographic and zero-width characters scattered (4 % of gaps), maybe an
    indentation of ideographic spaces."""
    chars = ["\u00a0", "\u200b", "\u200b", "\ufeff", "\u3000", "\u00ad", "\u200c", "\u2002"]
    out = []
    for i, c in enumerate(text):
        if i and rng.random() < 0.04:
            out.append(rng.choice(chars))
        out.append(c)
    lead = rng.choice(["", "\u3000\u3000", "\u00a0\u00a0", "\ufeff"])
    return lead + "".join(out) + rng.choice(["", "\u00a0", "\u200b"])


def repeated_punct(text: str, rng: random.Random) -> str:
    """Punctuation marks doubled or tripled (half of them, at least one)."""
    marks = [i for i, c in enumerate(text) if c in "，。；：、！？,.;:"]
    if not marks:
        return text + "。。"
    chosen = {i for i in marks if rng.random() < 0.5} or {rng.choice(marks)}
    return "".join(c * rng.choice([2, 2, 3]) if i in chosen else c for i, c in enumerate(text))


_HEADINGS = ("（二）下一步工作打算", "（二）改进措施", "二、下一步改进措施", "(二)存在的主要问题",
             "六、其他需要报告的事项", "（三）下一步工作计划", "2.改进措施", "下一步工作打算",
             "六、其他需要报告的事项 无")


def glued_heading(text: str, rng: random.Random) -> str:
    """The next heading glued to the end of the statement (a missed line break)."""
    return text + rng.choice(["", " ", "\u3000", "  "]) + rng.choice(_HEADINGS)


NOISES: dict[str, Callable[[str, random.Random], str]] = {
    f.__name__: f for f in (pdf_spaced, pdf_breaks, fullwidth, halfwidth_punct, traditional,
                            enumerator, page_number, invisible, repeated_punct, glued_heading)
}


def combined(text: str, rng: random.Random) -> str:
    """Three of the noise types above at once, in a random order (real text often has
    several: a PDF's statement is wrapped, numbered and followed by its page number)."""
    for name in rng.sample(sorted(NOISES), 3):
        text = NOISES[name](text, rng)
    return text


NOISES["combined"] = combined


def apply_noise(name: str, texts: list[str], seed: int = 0) -> list[str]:
    """``texts`` with noise ``name`` applied to each, seeded by (seed, name): repeatable."""
    rng = random.Random(seed * 1_000_003 + zlib.crc32(name.encode()))
    noise = NOISES[name]
    return [noise(t, rng) for t in texts]


def _matrix(rows):
    import numpy as np

    from nlp_reports.taxonomy import THEME_IDS

    return np.array([[int(t in r) for t in THEME_IDS] for r in rows]).reshape(len(rows), -1)


def measure(tagger, records: list[dict], seed: int = 0) -> dict[str, dict[str, float]]:
    """{"clean" or noise name: {kind_accuracy, theme_micro_f1, kind_changed, themes_changed,
    n}} for the records (text, kind, themes) under each noise type."""
    from nlp_reports.classify.evaluate import score

    texts = [r["text"] for r in records]
    gold_kinds = [r["kind"] for r in records]
    gold = _matrix([r["themes"] for r in records])
    clean = tagger.predict(texts)
    out = {}
    for name in ["clean", *NOISES]:
        noisy = texts if name == "clean" else apply_noise(name, texts, seed)
        preds = clean if name == "clean" else tagger.predict(noisy)
        s = score(gold_kinds, [p.kind for p in preds], gold, _matrix([p.themes for p in preds]))
        out[name] = {
            "n": len(texts),
            "kind_accuracy": s["kind_accuracy"],
            "theme_micro_f1": s["micro_f1"],
            "kind_changed": sum(p.kind != c.kind for p, c in zip(preds, clean, strict=True))
            / max(1, len(texts)),
            "themes_changed": sum(set(p.themes) != set(c.themes)
                                  for p, c in zip(preds, clean, strict=True)) / max(1, len(texts)),
        }
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| noise | kind acc | theme micro-F1 | kind changed | themes changed |",
             "|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['kind_accuracy']:.3f} | {r['theme_micro_f1']:.3f} "
                     f"| {r['kind_changed']:.1%} | {r['themes_changed']:.1%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model directory (default: the shipped model)")
    ap.add_argument("--trust-model", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--pooled-only", action="store_true", help="only the table of all sets")
    args = ap.parse_args(argv)
    from nlp_reports.classify import Tagger

    files = sorted(HELDOUT.glob("*.jsonl"))
    if not files:
        print(f"no held-out files in {HELDOUT}", file=sys.stderr)
        return 1
    tagger = Tagger.load(args.model, trust=args.trust_model)
    everything: dict[str, dict] = {}
    pooled: list[dict] = []
    for f in files:
        records = [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
        pooled += records
        everything[f.name] = measure(tagger, records, args.seed)
        if not args.pooled_only:
            print(f"\n## {f.name}: {len(records)} statements (model {tagger.model_id[:12]})\n")
            print(table(everything[f.name]))
    everything["all"] = measure(tagger, pooled, args.seed)
    print(f"\n## all held-out sets: {len(pooled)} statements (model {tagger.model_id[:12]})\n")
    print(table(everything["all"]))
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
