"""The representative statements, every group × kind × theme cell computed at once.

``_representatives`` scored each cell in a Python loop (its wordings' centroid, their
cosines, then the first ranks that are not near-duplicates of a higher one): by agency,
~100,000 cells of a few wordings cost 3.4 s of per-call overhead on 20,000 reports. The
cells are now scored together (sparse centroids looked up per nonzero) and only the walk
to each next rank is Python. The per-cell computation is kept here, dense and plain, as
the reference the new one must equal on messy statements: wordings shared by agencies,
near-duplicates (another tail, a word changed), one text inside another, unnamed agencies,
tiny and big cells, several group keys and numbers of ranks.
"""

from __future__ import annotations

import importlib
import random

import numpy as np
import pandas as pd
import pytest

from nlp_reports.corpus import copying
from nlp_reports.taxonomy import THEME_IDS, THEME_NAMES

sm = importlib.import_module("nlp_reports.corpus.summarize")  # (the package binds the function)

_HEADS = ["政府信息公开工作人员力量不足，多为兼职", "部分栏目更新不及时，个别信息发布滞后",
          "依申请公开答复质量有待提高", "政策解读形式较为单一，图解、视频解读偏少",
          "基层政务公开标准化规范化建设推进不平衡", "公开平台整合不到位，部分乡镇网页长期未更新",
          "加强业务培训，提升工作人员能力", "健全信息发布审核机制，落实保密审查",
          "拓展解读渠道，丰富解读形式", "推进政务公开向基层延伸"]
_TAILS = ["", "", "，在用地审批领域尤为明显", "，与群众期待尚有差距", "（2023年度）", "。",
          "，下一步将认真整改", "，个别单位重视不够"]


def _statements(seed: int, n: int = 260) -> pd.DataFrame:
    """Statements of ~14 agencies (some unnamed or '(unknown)') over years and levels:
    the same heads with other tails, a word changed, two heads merged, repeated verbatim."""
    rng = random.Random(seed)
    agencies = [f"{p}县{k}局" for k, p in enumerate("甲乙丙丁戊己庚辛壬癸子丑")] + [None, "(unknown)"]
    rows = []
    for i in range(n):
        head = rng.choice(_HEADS)
        roll = rng.random()
        if roll < 0.15:
            text = head + "，" + rng.choice(_HEADS)  # merged with another item
        elif roll < 0.3:
            text = head.replace("部分", rng.choice(["个别", "少数", "部分"]))
        else:
            text = head + rng.choice(_TAILS)
        mask = 0
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mask |= 1 << rng.randrange(0, 4 if rng.random() < 0.8 else len(THEME_IDS))
        rows.append({"report_id": rng.randrange(1, 60), "idx": i, "text": text,
                     "kind": rng.choice(["problem", "measure", "problem", "other"]),
                     "theme_mask": mask, "agency": rng.choice(agencies),
                     "year": rng.choice([2021, 2022, 2023]),
                     "level": rng.choice(["county", "township", "department"])})
    return pd.DataFrame(rows)


def _reference(st: pd.DataFrame, index, n: int, threshold: float, by) -> pd.DataFrame:
    """The per-cell computation the vectorised one replaced, in plain dense numpy."""
    keys = list(by)
    x = index.tfidf.toarray()
    agency = st["agency"].astype(object)
    unknown = agency.isna() | (agency == sm.UNKNOWN_GROUP)
    who = pd.factorize(agency.where(~unknown, "\x00" + st["report_id"].astype(str)))[0]
    groups = (list(st.groupby(keys, sort=True, dropna=False).indices.values()) if keys
              else [np.arange(len(st))])
    rows = []
    for pos in groups:
        head = {k: st[k].iat[int(pos[0])] for k in keys}
        for kind in sm.KINDS_COUNTED:
            for bit, theme in enumerate(THEME_IDS):
                sel = [int(i) for i in pos if st["kind"].iat[i] == kind
                       and (int(st["theme_mask"].iat[i]) >> bit) & 1]
                if not sel:
                    continue
                n_sel = len(sel)  # (counted before a big cell's evenly spaced sample)
                if n_sel > sm.REPRESENTATIVE_SAMPLE:
                    sel = [sel[k] for k in np.linspace(0, n_sel - 1, sm.REPRESENTATIVE_SAMPLE)
                           .astype(int)]
                u = sorted({int(index.uid[i]) for i in sel})
                first = {w: min(i for i in sel if index.uid[i] == w) for w in u}
                users = np.array([len({who[i] for i in sel if index.uid[i] == w}) for w in u])
                centroid = (x[u] * (users / users.sum())[:, None]).sum(axis=0)
                norm = np.linalg.norm(centroid)
                scores = x[u] @ centroid / norm if len(u) > 1 else np.linalg.norm(x[u], axis=1)
                order = np.argsort(-scores.round(9), kind="stable")[:sm.REPRESENTATIVE_SCAN]
                picked: list[int] = []
                for i in order:
                    same = False
                    for j in picked:
                        a, b = sorted((index.unique[u[i]], index.unique[u[j]]), key=len)
                        if (x[u[i]] @ x[u[j]] >= threshold
                                or (len(a) >= copying.MIN_CONTAINED and a in b)):
                            same = True
                            break
                    if not same:
                        picked.append(int(i))
                        if len(picked) == max(n, 1) or len(u) == 1:
                            break
                for rank, b in enumerate(picked, 1):
                    i = first[u[b]]
                    rows.append({**head, "theme": theme, "theme_name": THEME_NAMES[theme],
                                 "kind": kind, "rank": rank, "text": st["text"].iat[i],
                                 "agency": st["agency"].iat[i], "year": st["year"].iat[i],
                                 "score": round(float(scores[b]), 3), "n_statements": n_sel})
    cols = [*keys, *(c for c in ("theme", "theme_name", "kind", "rank", "text", "agency",
                                 "year", "score", "n_statements") if c not in keys)]
    return pd.DataFrame(rows, columns=cols)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("by", [(), ("agency",), ("year", "level"), ("agency", "year")])
def test_representatives_equal_the_per_cell_computation(seed, by):
    st = _statements(seed)
    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    for n in (1, 3, 4):
        got = sm._representatives(st, index, n, 0.8, by)
        pd.testing.assert_frame_equal(got, _reference(st, index, n, 0.8, by))


def test_representatives_the_same_in_blocks_and_with_a_big_cell_sampled(monkeypatch):
    """Scored a cell per block, or with every cell above two statements sampled, the
    ranks are those of the per-cell computation on the same (sampled) statements."""
    st = _statements(11, n=400)
    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    whole = sm._representatives(st, index, 3, 0.8, ("level",))
    monkeypatch.setattr(sm, "_SCORE_BLOCK", 1)
    pd.testing.assert_frame_equal(sm._representatives(st, index, 3, 0.8, ("level",)), whole)
    monkeypatch.setattr(sm, "REPRESENTATIVE_SAMPLE", 40)
    sampled = sm._representatives(st, index, 3, 0.8, ())
    assert (sampled["n_statements"] > 40).any()  # counted before the sample is drawn
    pd.testing.assert_frame_equal(sampled, _reference(st, index, 3, 0.8, ()))


def test_no_problem_or_measure_with_a_theme_gives_the_empty_table():
    st = _statements(3, n=30)
    st["kind"] = "other"
    index = copying.NearDuplicateIndex.build(st["text"].tolist())
    for by in ((), ("agency",)):
        got = sm._representatives(st, index, 3, 0.8, by)
        pd.testing.assert_frame_equal(got, _reference(st, index, 3, 0.8, by))
        assert got.empty and list(got.columns)[:len(by)] == list(by)
