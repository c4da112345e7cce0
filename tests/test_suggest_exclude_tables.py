"""``suggest --exclude`` takes the label files ``train`` takes: a tab-separated one too, and a
table without a text column is refused in both languages.

A .tsv of labels (read by train since tab-separated files are label files) given to
--exclude was parsed as a report: "no annual-report content", the Chinese line about login
pages and scans.
"""

import pytest

from nlp_reports.classify import suggest
from nlp_reports.errors import DataError

STATEMENTS = ["部分村务公开栏长期无人更新，内容陈旧", "下一步将配备专职信息员负责网站维护",
              "加强信息发布前的保密审查工作"]

pytestmark = pytest.mark.filterwarnings("ignore::nlp_reports.classify.dataset.DataWarning")


def test_a_tsv_of_labels_is_excluded(tmp_path):
    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS) + "\n", encoding="utf-8")
    done = tmp_path / "round1.tsv"
    done.write_text("text\tkind\tthemes\r\n部分村务公开栏长期无人更新，内容陈旧\t问题\t及时性\r\n",
                    encoding="gb18030")
    texts = [r["text"] for r in suggest([corpus], n=5, exclude=[done])]
    assert sorted(texts) == sorted(STATEMENTS[1:])


def test_a_table_without_text_column_is_refused_in_chinese_too(tmp_path):
    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS) + "\n", encoding="utf-8")
    done = tmp_path / "round1.csv"
    done.write_text("文本,类型,主题\r\n部分村务公开栏长期无人更新，内容陈旧,问题,及时性\r\n", encoding="utf-8-sig")
    with pytest.raises(DataError) as e:
        suggest([corpus], n=5, exclude=[done])
    assert "needs a 'text' column" in str(e.value)
    assert "text" in e.value.message_zh and "文本" in e.value.message_zh


def test_excel_unicode_text_save_of_labels_is_excluded(tmp_path):
    # Excel's "Unicode text" save: UTF-16, tabs, a .txt; train reads it as the table it is,
    # and --exclude read each line (labels and all) as a statement: nothing was excluded
    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS) + "\n", encoding="utf-8")
    done = tmp_path / "第一轮标注.txt"
    done.write_bytes("text\tkind\tthemes\r\n部分村务公开栏长期无人更新，内容陈旧\tproblem\ttimeliness\r\n"
                     "加强信息发布前的保密审查工作\t措施\t保密审查与公开尺度\r\n".encode("utf-16"))
    texts = [r["text"] for r in suggest([corpus], n=5, exclude=[done])]
    assert texts == [STATEMENTS[1]]


def test_a_txt_list_of_statements_is_still_excluded_line_by_line(tmp_path):
    corpus = tmp_path / "statements.txt"
    corpus.write_text("\n".join(STATEMENTS) + "\n", encoding="utf-8")
    done = tmp_path / "done.txt"
    done.write_text(STATEMENTS[2] + "\n", encoding="utf-8")
    texts = [r["text"] for r in suggest([corpus], n=5, exclude=[done])]
    assert sorted(texts) == sorted(STATEMENTS[:2])
