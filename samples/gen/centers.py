"""The fifteen sample centers. A `Center` holds what its workbook says; each sample sets only
where it differs from the default center (a 社区 that meets every clause)."""

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from samples.gen.typist import Typist


class Absent(enum.Enum):
    """An item whose row is left out of its sheet."""

    ABSENT = "<absent>"


ABSENT: Final = Absent.ABSENT

CenterType = Literal["街道", "社区", "园区"]


@dataclass(frozen=True)
class Center:
    code: str  # 中心编号
    name: str  # 中心名称
    town: str  # 所属镇街
    type: CenterType  # 中心类型
    typist: Typist
    # 基本信息
    check_date: dt.date = dt.date(2018, 12, 27)
    fiscal: float | None = 3.5  # 财政列支经费 (万元)
    party: float | None = 1.2  # 党费补助经费 (万元)
    walk: int = 12  # 步行可达时间 (分钟)
    open: bool = True  # 活动场所向群众无偿开放
    staff_total: int | None = None  # 镇街工作人员总数, 街道 only
    sink: int | None = None  # 下沉社区工作人员数, 街道 only
    omit_town_staff: bool = False  # a 社区 or 园区 leaves the two 镇街 rows out (else: rows, no values)
    list_public: bool = True  # 服务项目清单公开
    shuangnuo: bool = True  # 开展双诺双述双评
    points: bool = True  # 推行党员积分制管理
    fraud: bool = False  # 发现弄虚作假
    # 外观标识: item -> 是否达标 (default True; None: left blank)
    appearance: Mapping[str, bool | Absent | None] = field(default_factory=dict)
    # 制度机制: item -> (是否建立, 是否有执行记录) (default (True, True))
    systems: Mapping[str, tuple[bool | None, bool] | Absent] = field(default_factory=dict)
    # 人员岗位
    n_full: int = 3  # 专职
    n_part: int = 4  # 兼职
    trained: int | None = None  # 是否参加党务培训 = 是 (None: everybody)
    untrained_blank: int = 0  # of the others, how many left blank
    uncovered: tuple[str, ...] = ()  # windows nobody holds
    # 服务队伍: item -> 台账动态更新 (default True)
    teams: Mapping[str, bool | Absent] = field(default_factory=dict)
    teams_sheet: bool = True
    # 服务事项: item -> 年度开展次数 (default random); 特色 services' 次数
    basic: Mapping[str, int | Absent] = field(default_factory=dict)
    featured: tuple[int, ...] = ()
    # 活动记录
    life_missing: tuple[int, ...] = ()  # 2018 months without 支部生活日
    life_2017: tuple[int, ...] = ()  # 2017 months with one
    volunteers: int = 6  # 志愿服务 in 2018
    volunteers_2017: int = 0  # in 2017-12
    # 督查记录
    guide_missing: tuple[int, ...] = ()  # months without 月指导
    quarter_missing: tuple[int, ...] = ()  # quarters without 季督查
    sup_2017: bool = False  # rows of 2017-11 and 2017-12
    sup_serial: bool = False  # dates as Excel serial numbers in General format
    # 值班记录
    duty_days: int = 250  # official working days of 2018 covered (of 250)
    duty_blank: int = 0  # extra rows with a weekday 日期 and a blank 值班人
    duty_2017: bool = False  # rows of 2017-12
    duty_bad: str | None = None  # a last row whose 日期 cannot be read
    duty_holidays: bool = False  # rows on the weekday holidays too
    # 服务台账
    ledger: int = 50  # records
    no_first: int = 0  # without 首问责任人
    closed: int | None = None  # with 办结日期 (None: all of them)
    ledger_2017: int = 0  # received in 2017-12
    # 满意度测评: 满意, 基本满意, 不满意, 不了解
    survey: tuple[int, int, int, int] = (100, 20, 2, 8)
    # 自评得分: clause -> 自评分 (others: the clause's maximum); None: no such sheet
    self_assess: Mapping[str, int] | None = None

    @property
    def file_name(self) -> str:
        return f"{self.code}-{self.name}.xlsx"


CENTERS: Final = (
    Center(
        "GM-01",
        "醴泉街道党群服务中心",
        "醴泉街道",
        "街道",
        Typist(),
        fiscal=12.0,
        party=3.0,
        walk=10,
        staff_total=45,
        sink=30,
        n_full=5,
        n_part=7,
        trained=11,
        guide_missing=(8,),
        featured=(3, 5, 2, 6),
        duty_holidays=True,
        ledger=80,
        closed=79,
        survey=(150, 25, 3, 12),
    ),
    Center(
        "GM-02",
        "醴泉街道凤城社区党群服务中心",
        "醴泉街道",
        "社区",
        Typist(dates="excel_slash", seq=True),
        appearance={"门牌外观": ABSENT},
        life_missing=(2, 8),
        featured=(4, 2),
        n_part=5,
        ledger=60,
        closed=60,
        survey=(120, 20, 2, 8),
    ),
    Center(
        "GM-03",
        "醴泉街道康成社区党群服务中心",
        "醴泉街道",
        "社区",
        Typist(yn="check", dates="slash", numbers="unit", header_row=3, seq=True, labels="full"),
        walk=18,
        teams={"第一书记": False},
        duty_days=229,
        ledger=56,
        no_first=3,
        closed=55,
        volunteers=3,
        volunteers_2017=2,
        survey=(55, 45, 15, 5),
        featured=(3,),
        n_part=5,
        self_assess={"1.3": 0, "2.8": 4, "3.6": 2, "B.1": 2},
    ),
    Center(
        "GM-04",
        "醴泉街道北关社区党群服务中心",
        "醴泉街道",
        "社区",
        Typist(yn="youwu", dates="cn", numbers="full", header_row=1, shuffle=True, spaced_headers=True),
        appearance={"版面色调": False, "导览说明": False},
        systems={"信息工作": (True, False), "工作纪实": (False, False), "考核评价": (False, False)},
        n_full=5,
        n_part=0,
        uncovered=("区域化党建联络岗", "党群带建服务岗"),
        basic={"党史知识教育": 0, "社情民意沟通": ABSENT},
        closed=45,
        life_missing=(1, 2, 7, 8),
        guide_missing=(1, 2, 7),
        quarter_missing=(3,),
        shuangnuo=False,
        survey=(70, 20, 5, 5),
        omit_town_staff=True,
    ),
    Center(
        "GM-05",
        "醴泉街道夷安社区党群服务中心",
        "醴泉街道",
        "社区",
        Typist(yn="yn", dates="compact", numbers="unit", blank_row=True, labels="colon"),
        fiscal=None,
        party=2.5,
        n_full=4,
        n_part=5,
        trained=8,
        duty_days=236,
        duty_blank=5,
        ledger=40,
        closed=38,
        survey=(60, 40, 0, 12),
        quarter_missing=(1,),
        points=False,
        featured=(2,),
    ),
    Center(
        "GM-06",
        "朝阳街道党群服务中心",
        "朝阳街道",
        "街道",
        Typist(yn="std_check", dates="excel_cn", seq=True),
        fiscal=10.0,
        party=2.0,
        staff_total=52,
        sink=18,
        list_public=False,
        appearance={"主题标语": ABSENT},
        systems={"联席会议": (True, False)},
        n_full=4,
        n_part=6,
        ledger=70,
        ledger_2017=5,
        no_first=2,
        closed=69,
        life_missing=(11, 12),
        life_2017=(11, 12),
        quarter_missing=(4,),
        sup_2017=True,
        duty_2017=True,
        survey=(70, 50, 12, 8),
        featured=(5, 3),
        self_assess={"2.9": 2, "3.2": 2, "4.1": 6},
    ),
    Center(
        "GM-07",
        "朝阳街道立新社区党群服务中心",
        "朝阳街道",
        "社区",
        Typist(dates="iso", numbers="text", header_row=1, shuffle=True, year_text=True),
        appearance={"党旗规格": False},
        systems={"调研联络": (None, True)},
        n_full=4,
        n_part=7,
        trained=9,
        untrained_blank=1,
        basic={"党内关爱帮扶": 0},
        ledger=58,
        closed=52,
        survey=(48, 52, 10, 6),
        guide_missing=(2,),
        featured=(4,),
        duty_days=240,
    ),
    Center(
        "GM-08",
        "朝阳街道南关社区党群服务中心",
        "朝阳街道",
        "社区",
        Typist(header_row=3, blank_row=True, bools=True),
        fiscal=0,
        party=0,
        n_full=1,
        n_part=5,
        teams={"党建工作指导员": ABSENT},
        duty_days=196,
        life_missing=(3, 9),
        guide_missing=(5, 6),
        shuangnuo=False,
        featured=(3, 0, 2),
        ledger=45,
        closed=44,
        survey=(80, 15, 1, 4),
    ),
    Center(
        "GM-09",
        "朝阳街道凤凰社区党群服务中心",
        "朝阳街道",
        "社区",
        Typist(dates="mixed", numbers="mixed"),
        appearance={"导览说明": False},
        guide_missing=(1, 2),
        fraud=True,
        featured=(2,),
        closed=50,
        survey=(90, 20, 2, 8),
    ),
    Center(
        "GM-10",
        "朝阳街道月潭社区党群服务中心",
        "朝阳街道",
        "社区",
        Typist(yn="check", dates="dot", numbers="unit", shuffle=True),
        appearance={"版面色调": False, "门牌外观": False},
        open=False,
        points=False,
        n_full=2,
        uncovered=("党员党组织管理岗", "区域化党建联络岗", "党群志愿服务岗"),
        duty_days=190,
        duty_2017=True,
        duty_bad="国庆后",
        ledger=40,
        closed=30,
        life_missing=(1, 2, 6, 7),
        life_2017=(12,),
        volunteers=2,
        survey=(20, 45, 35, 5),
        quarter_missing=(1, 2),
    ),
    Center(
        "GM-11",
        "密水街道党群服务中心",
        "密水街道",
        "街道",
        Typist(yn="space", header_row=3, labels="full"),
        fiscal=8.0,
        party=None,
        staff_total=50,
        sink=26,
        systems={"信息工作": ABSENT, "工作纪实": ABSENT, "考核评价": ABSENT},
        trained=4,
        basic={"党史知识教育": 0, "社情民意沟通": 0},
        ledger=64,
        ledger_2017=4,
        no_first=4,
        closed=63,
        life_missing=(1, 2, 3, 4, 5, 6),
        guide_missing=(1, 2, 3, 4, 5),
        quarter_missing=(1, 2),
        survey=(95, 20, 3, 12),
        featured=(1,),
    ),
    Center(
        "GM-12",
        "密水街道梨园社区党群服务中心",
        "密水街道",
        "社区",
        Typist(yn="english", dates="cn", shuffle=True),
        appearance={"导览说明": False},
        teams={"党建研究会": False, "社区党组织书记研究会": False},
        ledger=68,
        closed=62,
        featured=(2, 4, 6),
        survey=(110, 30, 4, 6),
        self_assess={"1.1": 12, "2.7": 3, "3.4": 4, "B.1": 3},
    ),
    Center(
        "GM-13",
        "密水街道西关社区党群服务中心",
        "密水街道",
        "社区",
        Typist(yn="mixed", dates="mixed", numbers="mixed", header_row=1, spaced_headers=True),
        fiscal=None,
        party=None,
        walk=14,
        appearance={"党旗规格": ABSENT, "版面色调": False, "导览说明": ABSENT},
        systems={
            "联席会议": (True, False),
            "信息工作": (False, False),
            "工作纪实": (False, False),
            "考核评价": (False, False),
        },
        n_full=1,
        trained=2,
        uncovered=("党员党组织管理岗", "区域化党建联络岗", "党群带建服务岗", "党群志愿服务岗"),
        teams_sheet=False,
        duty_days=215,
        basic={"党史知识教育": ABSENT, "党内关爱帮扶": ABSENT},
        ledger=36,
        closed=28,
        life_missing=(1, 2, 3, 5, 7, 8, 11),
        volunteers=0,
        volunteers_2017=3,
        survey=(30, 40, 10, 5),
        guide_missing=(1, 2, 7, 8),
        quarter_missing=(1, 2, 3),
        sup_serial=True,
    ),
    Center(
        "GM-14",
        "密水街道东关社区党群服务中心",
        "密水街道",
        "社区",
        Typist(dates="excel_cn", blank_row=True),
        appearance={"党徽标识": None},
        systems={"考核评价": (True, False)},
        guide_missing=(10,),
        quarter_missing=(2,),
        ledger=52,
        closed=51,
        survey=(85, 20, 2, 3),
    ),
    Center(
        "GM-15",
        "高密经济开发区党群服务中心",
        "密水街道",
        "园区",
        Typist(yn="yn", dates="slash", numbers="unit", header_row=3, seq=True),
        walk=20,
        n_full=2,
        uncovered=("党群带建服务岗", "党群志愿服务岗"),
        duty_days=225,
        basic={"党员学习活动": ABSENT, "党史知识教育": ABSENT},
        ledger=30,
        no_first=1,
        closed=27,
        life_missing=(2, 7, 8),
        survey=(18, 8, 2, 30),
        shuangnuo=False,
        featured=(3,),
        omit_town_staff=True,
    ),
)
