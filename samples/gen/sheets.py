"""One writer per sheet kind of inspection-workbook.md, in the order the workbook holds them.

The writers draw random values (names, days, counts) from `Book.rng` in a fixed order: moving a
draw changes every byte after it, which test_samples.py catches."""

import datetime as dt
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from samples.gen.book import CENTERED, TITLE_FONT, Book, put, write_table
from samples.gen.centers import ABSENT
from samples.gen.facts import (
    APPEARANCE,
    BASIC,
    CLAUSE_MAX,
    HOLIDAY_WEEKDAYS,
    SYSTEMS,
    TEAMS,
    WINDOWS,
    YEAR,
    weekdays,
    working_days,
)
from samples.gen.typist import DateStyle, Value
from samples.gen.vocab import (
    APPEARANCE_REMARKS,
    DONE,
    FEATURED_POOL,
    ISSUES,
    LECTURES,
    LEDGER_ITEMS,
    OPEN,
    OTHER_TOPICS,
    THEME_DAYS,
    VOLUNTEER_TOPICS,
)


def sheet_info(b: Book, leader: str) -> None:
    """基本信息: labels in column A, values in B, a note in C on some filled rows."""
    c, t = b.center, b.center.typist
    ws = b.wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "基本信息"
    ws.cell(1, 1, f"{c.name}2018年度建设管理考核基本信息").font = TITLE_FONT
    ws.cell(1, 1).alignment = CENTERED
    ws.merge_cells("A1:C1")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 20
    year = "2018" if t.year_text else YEAR
    rows: list[tuple[str, Value]] = [
        ("中心名称", c.name),
        ("中心编号", c.code),
        ("所属镇街", c.town),
        ("中心类型", c.type),
        ("检查年度", year),
        ("检查日期", b.date(c.check_date)),
        ("检查组组长", leader),
        ("财政列支经费(万元)", b.num(c.fiscal, "万元")),
        ("党费补助经费(万元)", b.num(c.party, "万元")),
        ("步行可达时间(分钟)", b.num(c.walk, "分钟")),
        ("活动场所向群众无偿开放", b.yn(c.open)),
    ]
    if c.type == "街道":
        rows += [
            ("镇街工作人员总数", b.num(c.staff_total, "人")),
            ("下沉社区工作人员数", b.num(c.sink, "人")),
        ]
    elif not c.omit_town_staff:
        rows += [("镇街工作人员总数", None), ("下沉社区工作人员数", None)]
    rows += [
        ("服务项目清单公开", b.yn(c.list_public)),
        ("开展双诺双述双评", b.yn(c.shuangnuo)),
        ("推行党员积分制管理", b.yn(c.points)),
        ("发现弄虚作假", b.yn(c.fraud)),
    ]
    notes = {
        "镇街工作人员总数": "仅街道填写",
        "下沉社区工作人员数": "仅街道填写",
        "发现弄虚作假": "考核组填写",
    }
    for i, (label, value) in enumerate(rows, start=2):
        put(ws.cell(i, 1), t.label(label))
        put(ws.cell(i, 2), value)
        if label in notes and value is not None:
            put(ws.cell(i, 3), notes[label])


def sheet_appearance(b: Book) -> None:
    rows = []
    for item in APPEARANCE:
        v = b.center.appearance.get(item, True)
        if v is ABSENT:
            continue
        rows.append(
            {
                "项目": item,
                "是否达标": b.yn(v),
                "备注": APPEARANCE_REMARKS[item] if v else ("待整改" if v is False else None),
            }
        )
    write_table(b, "外观标识", "外观标识“六统一”检查表", ["项目", "是否达标", "备注"], rows)


def sheet_systems(b: Book) -> None:
    rows = []
    for item in SYSTEMS:
        v = b.center.systems.get(item, (True, True))
        if v is ABSENT:
            continue
        est, exe = v
        rows.append(
            {
                "制度名称": item,
                "是否建立": b.yn(est),
                "是否有执行记录": b.yn(exe),
                "备注": "制度上墙" if est else None,
            }
        )
    write_table(
        b,
        "制度机制",
        "八项制度建立执行情况",
        ["制度名称", "是否建立", "是否有执行记录", "备注"],
        rows,
        {"是否有执行记录": 16},
    )


@dataclass(frozen=True)
class Staff:
    name: str
    post: str  # one of WINDOWS
    kind: str  # 专职 or 兼职
    trained: bool | None  # 是否参加党务培训 (None: left blank)


def make_staff(b: Book) -> list[Staff]:
    """The center's staff, drawn once: 人员岗位 lists them, the other sheets name them."""
    c, rng = b.center, b.rng
    n = c.n_full + c.n_part
    covered = [w for w in WINDOWS if w not in c.uncovered]
    posts = [covered[i % len(covered)] for i in range(n)]
    rng.shuffle(posts)
    kinds = ["专职"] * c.n_full + ["兼职"] * c.n_part
    trained = n if c.trained is None else c.trained
    blank = c.untrained_blank
    flags: list[bool | None] = [True] * trained + [None] * blank + [False] * (n - trained - blank)
    rng.shuffle(flags)
    staff: list[Staff] = []
    used: set[str] = set()
    for i in range(n):
        name = b.person()
        while name in used:
            name = b.person()
        used.add(name)
        staff.append(Staff(name=name, post=posts[i], kind=kinds[i], trained=flags[i]))
    return staff


def sheet_staff(b: Book, staff: list[Staff]) -> None:
    lead = "中心主任" if b.center.type in ("街道", "园区") else "社区书记"
    rows = []
    for s in staff:
        note = lead if s is staff[0] else ("专职工作者" if s.kind == "专职" else "网格员兼任")
        rows.append(
            {
                "姓名": s.name,
                "岗位": s.post,
                "专兼职": s.kind,
                "是否参加党务培训": b.yn(s.trained),
                "备注": note,
            }
        )
    write_table(
        b,
        "人员岗位",
        "工作人员岗位设置情况",
        ["姓名", "岗位", "专兼职", "是否参加党务培训", "备注"],
        rows,
        {"岗位": 18, "是否参加党务培训": 18},
    )


def sheet_teams(b: Book, staff: list[Staff]) -> None:
    if not b.center.teams_sheet:
        return
    rng = b.rng
    rows = []
    for item in TEAMS:
        v = b.center.teams.get(item, True)
        if v is ABSENT:
            continue
        rows.append(
            {
                "队伍名称": item,
                "负责人": rng.choice(staff).name,
                "人数": b.num(rng.randint(1, 30) if item not in ("党组织书记", "第一书记") else 1, "人"),
                "台账动态更新": b.yn(v),
                "备注": None if v else "台账未及时更新",
            }
        )
    write_table(
        b,
        "服务队伍",
        "“六支”队伍台账",
        ["队伍名称", "负责人", "人数", "台账动态更新", "备注"],
        rows,
        {"队伍名称": 22, "台账动态更新": 14},
    )


def sheet_services(b: Book) -> None:
    rng = b.rng
    rows = []
    for item in BASIC:
        drawn = rng.randint(3, 24)  # drawn for every item, set or not
        v = b.center.basic.get(item, drawn)
        if v is ABSENT:
            continue
        rows.append(
            {
                "事项名称": item,
                "类别": "基本",
                "年度开展次数": b.num(v, "次"),
                "备注": "未开展" if v == 0 else None,
            }
        )
    names = list(FEATURED_POOL)
    rng.shuffle(names)
    for name, times in zip(names, b.center.featured, strict=False):
        rows.append(
            {
                "事项名称": name,
                "类别": "特色",
                "年度开展次数": b.num(times, "次"),
                "备注": "计划明年开展" if times == 0 else "特色服务品牌",
            }
        )
    write_table(
        b,
        "服务事项",
        "服务事项清单",
        ["事项名称", "类别", "年度开展次数", "备注"],
        rows,
        {"事项名称": 18, "年度开展次数": 14},
    )


def sheet_activities(b: Book, staff: list[Staff]) -> None:
    c, rng = b.center, b.rng
    recorder = staff[0].name
    acts = []
    for year, months in (
        (2017, c.life_2017),
        (2018, [m for m in range(1, 13) if m not in c.life_missing]),
    ):
        for m in months:
            acts.append((dt.date(year, m, rng.randint(3, 10)), "支部生活日", f"{m}月份支部生活日"))
    vol_dates = set()
    for year, count in ((2018, c.volunteers), (2017, c.volunteers_2017)):
        n = 0
        while n < count:
            d = (
                dt.date(year, 12, rng.randint(1, 28))
                if year == 2017
                else dt.date(year, rng.randint(1, 12), rng.randint(11, 28))
            )
            if d in vol_dates:
                continue
            vol_dates.add(d)
            acts.append((d, "志愿服务", rng.choice(VOLUNTEER_TOPICS)))
            n += 1
    for q in range(4):
        acts.append((dt.date(2018, 3 * q + 2, rng.randint(12, 26)), "党课", LECTURES[q]))
    for m in (7, 11):
        acts.append((dt.date(2018, m, 1 if m == 7 else 15), "主题党日", rng.choice(THEME_DAYS)))
    for _ in range(2):
        acts.append(
            (dt.date(2018, rng.randint(1, 12), rng.randint(11, 28)), "其他", rng.choice(OTHER_TOPICS))
        )
    acts.sort(key=lambda a: (a[0], a[1]))
    rows = [
        {
            "日期": b.date(d),
            "活动类型": kind,
            "主题": topic,
            "参加人数": b.num(rng.randint(12, 60), "人"),
            "记录人": recorder,
        }
        for d, kind, topic in acts
    ]
    write_table(
        b,
        "活动记录",
        "2018年度活动记录",
        ["日期", "活动类型", "主题", "参加人数", "记录人"],
        rows,
        {"主题": 36, "日期": 16},
    )


def sheet_supervision(b: Book) -> None:
    c, rng = b.center, b.rng
    inspectors = [b.person() for _ in range(3)]
    recs = []
    if c.sup_2017:
        recs += [
            (dt.date(2017, 11, 16), "月指导"),
            (dt.date(2017, 12, 14), "月指导"),
            (dt.date(2017, 12, 22), "季督查"),
        ]
    for m in range(1, 13):
        if m not in c.guide_missing:
            recs.append((dt.date(2018, m, rng.randint(12, 20)), "月指导"))
    for q in range(1, 5):
        if q not in c.quarter_missing:
            recs.append((dt.date(2018, 3 * q, rng.randint(21, 26)), "季督查"))
    recs.append((c.check_date, "年考核"))
    recs.sort()
    style: DateStyle | None = "serial" if c.sup_serial else None
    rows = [
        {
            "日期": b.date(d, style),
            "类型": kind,
            "督查人": rng.choice(inspectors),
            "发现问题": rng.choice(ISSUES),
        }
        for d, kind in recs
    ]
    write_table(
        b,
        "督查记录",
        "指导督查记录",
        ["日期", "类型", "督查人", "发现问题"],
        rows,
        {"发现问题": 24, "日期": 16},
    )


def sheet_duty(b: Book, staff: list[Staff]) -> None:
    c, rng = b.center, b.rng
    days = working_days()
    missing_set = set(rng.sample(days, len(days) - c.duty_days))
    covered = [d for d in days if d not in missing_set]
    assert len(covered) == c.duty_days, (c.code, len(covered))
    names = [s.name for s in staff]
    recs: list[tuple[dt.date, str | None]] = [
        (d, "、".join(rng.sample(names, 2)) if rng.random() < 0.15 else rng.choice(names)) for d in covered
    ]
    if c.duty_holidays:  # on duty on the holidays too: neither counts nor hurts
        recs += [(d, rng.choice(names)) for d in HOLIDAY_WEEKDAYS]
    blanks = sorted(rng.sample(sorted(missing_set), c.duty_blank)) if c.duty_blank else []
    recs += [(d, None) for d in blanks]
    if c.duty_2017:
        recs += [(d, rng.choice(names)) for d in weekdays(2017) if d.month == 12]
    recs.sort(key=lambda r: r[0])
    rows: list[dict[str, Value]] = [{"日期": b.date(d), "值班人": who} for d, who in recs]
    if c.duty_bad:
        rows.append({"日期": c.duty_bad, "值班人": rng.choice(names)})
    write_table(b, "值班记录", "居干部值班记录", ["日期", "值班人"], rows, {"日期": 16, "值班人": 16})


def sheet_ledger(b: Book, staff: list[Staff]) -> None:
    c, rng = b.center, b.rng
    n = c.ledger
    closed = n if c.closed is None else c.closed
    dates = []
    for i in range(n):
        if i < c.ledger_2017:
            dates.append(dt.date(2017, 12, rng.randint(4, 29)))
        else:
            dates.append(dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(2, 350)))
    dates.sort()
    open_idx = set(rng.sample(range(n), n - closed))
    no_first = set(rng.sample(range(n), c.no_first))
    names = [s.name for s in staff]
    rows = []
    for i, d in enumerate(dates):
        done = None if i in open_idx else d + dt.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7)))
        rows.append(
            {
                "受理日期": b.date(d),
                "服务事项": rng.choice(LEDGER_ITEMS),
                "群众姓名": b.person(),
                "联系电话": b.phone(),
                "首问责任人": None if i in no_first else rng.choice(names),
                "办结日期": b.date(done) if done else None,
                "处理反馈": rng.choice(OPEN) if done is None else rng.choice(DONE),
            }
        )
    write_table(
        b,
        "服务台账",
        "群众服务台账",
        ["受理日期", "服务事项", "群众姓名", "联系电话", "首问责任人", "办结日期", "处理反馈"],
        rows,
        {"服务事项": 18, "联系电话": 16, "处理反馈": 24, "受理日期": 16, "办结日期": 16},
    )


def sheet_survey(b: Book) -> None:
    c, rng = b.center, b.rng
    a, bb, cc, d = c.survey
    answers = ["满意"] * a + ["基本满意"] * bb + ["不满意"] * cc + ["不了解"] * d
    rng.shuffle(answers)
    prefix = c.code.replace("-", "")
    rows = [{"问卷编号": f"{prefix}-{i:03d}", "评价": ans} for i, ans in enumerate(answers, start=1)]
    for row in rows:  # typed with stray spaces now and then
        if rng.random() < 0.05:
            row["评价"] = " " + row["评价"] + " "
    write_table(b, "满意度测评", "群众满意度测评汇总", ["问卷编号", "评价"], rows, {"问卷编号": 16})


def sheet_self(b: Book) -> None:
    c = b.center
    if not c.self_assess:
        return
    ids = [k for k in CLAUSE_MAX if k != "2.9" or c.type == "街道"]
    rows: list[dict[str, Value]] = [
        {"条款编号": k, "自评分": c.self_assess.get(k, CLAUSE_MAX[k])} for k in ids
    ]
    write_table(b, "自评得分", "自评得分表", ["条款编号", "自评分"], rows)
