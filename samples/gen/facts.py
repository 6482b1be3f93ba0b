"""What the standard (standard-2018.md) names and counts, and the 2018 calendar it counts over."""

import datetime as dt
from typing import Final

YEAR: Final = 2018

# The standard's item lists: the sheets use exactly these names.
APPEARANCE: Final = ("党徽标识", "党旗规格", "版面色调", "主题标语", "门牌外观", "导览说明")
SYSTEMS: Final = (
    "调研联络",
    "工作会商",
    "联席会议",
    "登记受理",
    "报告总结",
    "信息工作",
    "工作纪实",
    "考核评价",
)
WINDOWS: Final = (
    "咨询接待岗",
    "党员党组织管理岗",
    "区域化党建联络岗",
    "党群带建服务岗",
    "党群志愿服务岗",
    "综合事务管理岗",
)
TEAMS: Final = (
    "党组织书记",
    "党建管理员",
    "党建工作指导员",
    "第一书记",
    "党建研究会",
    "社区党组织书记研究会",
)
BASIC: Final = (
    "党员教育管理",
    "党员学习活动",
    "党员志愿服务",
    "党务综合服务",
    "党史知识教育",
    "党内关爱帮扶",
    "社情民意沟通",
)

# Every clause's maximum, in the standard's order. B.1 is the bonus (capped at 3); the vetoes
# (V.1, V.2) carry no points.
CLAUSE_MAX: Final = {
    "1.1": 12,
    "1.2": 3,
    "1.3": 3,
    "1.4": 2,
    "2.1": 8,
    "2.2": 8,
    "2.3": 3,
    "2.4": 1,
    "2.5": 3,
    "2.6": 3,
    "2.7": 3,
    "2.8": 4,
    "2.9": 2,
    "3.1": 14,
    "3.2": 2,
    "3.3": 2,
    "3.4": 4,
    "3.5": 6,
    "3.6": 2,
    "4.1": 6,
    "4.2": 3,
    "4.3": 2,
    "4.4": 2,
    "4.5": 2,
    "B.1": 3,
}
STREET_ONLY: Final = ("2.9",)  # clauses that apply only to 中心类型 = 街道
GRADES: Final = (("优秀", 90), ("良好", 80), ("合格", 60))  # grade, minimum rounded final
FAIL_GRADE: Final = "不合格"  # below the last minimum, and the grade of a veto

# 2018 public holidays that fall on a weekday, and the weekend make-up workdays.
HOLIDAY_WEEKDAYS: Final = tuple(
    dt.date(YEAR, m, d)
    for m, d in [
        (1, 1),
        (2, 15),
        (2, 16),
        (2, 19),
        (2, 20),
        (2, 21),
        (4, 5),
        (4, 6),
        (4, 30),
        (5, 1),
        (6, 18),
        (9, 24),
        (10, 1),
        (10, 2),
        (10, 3),
        (10, 4),
        (10, 5),
    ]
)
MAKEUP_WORKDAYS: Final = tuple(
    dt.date(YEAR, m, d) for m, d in [(2, 11), (2, 24), (4, 8), (4, 28), (9, 29), (9, 30)]
)


def working_days() -> list[dt.date]:
    """The official working days of 2018 that 2.8 counts: 261 weekdays - 17 holidays + 6 make-up days = 250."""
    off, on = set(HOLIDAY_WEEKDAYS), set(MAKEUP_WORKDAYS)
    return sorted({d for d in weekdays(YEAR) if d not in off} | on)


def weekdays(year: int) -> list[dt.date]:
    """Every Monday to Friday of the year (261 in 2018)."""
    d = dt.date(year, 1, 1)
    out: list[dt.date] = []
    while d.year == year:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out
