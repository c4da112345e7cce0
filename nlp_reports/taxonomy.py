"""The statement taxonomy: the three kinds and the thirteen themes (``docs/annotation-guidelines.md``).

One place lists them; models, the baseline, the store and the summarizer read them here.
"""

from __future__ import annotations

#: Statement kinds: a shortcoming admitted / an action committed to / neither.
KINDS: tuple[str, ...] = ("problem", "measure", "other")

#: Theme ids in a fixed order, with their Chinese names (主题).
THEMES: tuple[tuple[str, str], ...] = (
    ("staffing", "人员力量"),
    ("training", "业务能力与培训"),
    ("awareness", "思想认识与重视"),
    ("proactivity", "主动公开"),
    ("content_quality", "内容质量与深度"),
    ("timeliness", "及时性"),
    ("confidentiality", "保密审查与公开尺度"),
    ("interpretation", "政策解读与回应关切"),
    ("platform", "平台渠道与信息化"),
    ("institution", "制度机制与流程规范"),
    ("supervision", "监督考核"),
    ("application", "依申请公开办理"),
    ("publicity", "宣传引导与公众参与"),
)
THEME_IDS: tuple[str, ...] = tuple(t for t, _ in THEMES)
THEME_NAMES: dict[str, str] = dict(THEMES)
#: The three themes the design names first-class.
CORE_THEMES: tuple[str, ...] = ("staffing", "proactivity", "confidentiality")
