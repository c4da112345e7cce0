"""A short national-format report body (sections 一 … 六, no tables) for tests that put a
title or an opening of their own above it: metadata, titles, 表四/表二 header variants."""

from __future__ import annotations

BODY = """一、总体情况
本局认真落实条例，各项工作有序推进。
二、主动公开政府信息情况
本年主动公开信息一百余条。
三、收到和处理政府信息公开申请情况
本年收到申请五件，均按时答复。
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
一是公开不够及时。二是解读不够深入。
六、其他需要报告的事项
无。
"""
