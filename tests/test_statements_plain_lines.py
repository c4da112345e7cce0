"""Section 五 laid out one enumerated item a line, then lines of its own with no marker (the
measures written as plain paragraphs under the numbered problems): each line is a statement,
not a tail of the last item that no single kind fits."""

from nlp_reports import load_report

HEAD = ("某县市场监督管理局2023年政府信息公开工作年度报告\n\n一、总体情况\n"
        "本局认真贯彻落实《条例》，主动公开政府信息212条。\n\n")
TAIL = "\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"

PROBLEMS = ["一是双随机抽查结果公开不够及时，个别结果滞后两个月才上网。",
            "二是食品安全抽检信息公开不够全面，只公布不合格产品名单。"]
MEASURES = ["建立抽查结果周报制度，结果在抽查结束后7个工作日内公开。",
            "按季度公开食品安全抽检汇总情况，合格与不合格产品一并公布。",
            "组织执法人员开展政务公开专题培训。"]


def _report(tmp_path, body: str):
    f = tmp_path / "r.txt"
    f.write_text(HEAD + "五、存在的主要问题及改进情况\n" + body + TAIL, "utf-8")
    return load_report(f)


def test_plain_lines_after_one_item_a_line_are_statements_of_their_own(tmp_path):
    r = _report(tmp_path, "\n".join(PROBLEMS + MEASURES))
    texts = [s.text for s in r.statements]
    assert texts == [p[2:] for p in PROBLEMS] + MEASURES


def test_and_up_to_a_closing_turn_to_measures(tmp_path):
    closing = "下一步，我局将继续加大公开力度，推动政务公开工作再上新台阶。"
    r = _report(tmp_path, "\n".join(PROBLEMS + MEASURES + [closing]))
    got = [(s.block, s.text) for s in r.statements]
    assert [t for _, t in got] == [p[2:] for p in PROBLEMS] + MEASURES + [closing]
    assert [b for b, _ in got[:2]] == ["problem", "problem"]  # the turn still names them
    assert got[-1][0] == "measure"
    assert all(b != "problem" for b, _ in got[2:5])  # the plain measures are no problems


def test_a_wrapped_last_item_stays_whole(tmp_path):
    wrapped = ["一是双随机抽查结果公开不够及时，个别结果滞后两个月才上网，群众查询时",
               "往往已经过去很久。"]
    body = "\n".join([PROBLEMS[1].replace("二是", "一是")] + ["二是" + wrapped[0][2:],
                                                             wrapped[1]])
    r = _report(tmp_path, body)
    assert [s.text for s in r.statements][-1].endswith("群众查询时往往已经过去很久。")
    assert len(r.statements) == 2
