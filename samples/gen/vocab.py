"""Invented people and phone numbers, and the free text the sheets' records draw from."""

from random import Random
from typing import Final

SURNAMES: Final = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶阎潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟单綦管"
)
GIVEN: Final = (
    "伟芳娜英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉志海燕红梅春生德胜振东立新晓"
    "永淑珍凤云宝金俊秀文斌鹏辉丹萍慧琳莉庆福顺成荣"
)
PHONE_PREFIXES: Final = (
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "186",
    "187",
    "188",
)


def person(rng: Random) -> str:
    """A Chinese name of two or three characters."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def phone(rng: Random) -> str:
    """An eleven-digit mobile number."""
    return rng.choice(PHONE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


# 外观标识: the 备注 of an item that passes.
APPEARANCE_REMARKS: Final = {
    "党徽标识": "门头悬挂党徽",
    "党旗规格": "活动室党旗",
    "版面色调": "红色主色调",
    "主题标语": "“不忘初心、牢记使命”",
    "门牌外观": "统一门牌",
    "导览说明": "功能室导览图",
}

# 服务事项: the 特色 services a center may run (each center takes a shuffled few).
FEATURED_POOL: Final = (
    "德邻客厅",
    "四点半课堂",
    "红色物业联盟",
    "夕阳红爱心助餐",
    "法律明白人驿站",
    "轻骑兵便民维修",
    "扑灰年画传习",
)

# 活动记录
VOLUNTEER_TOPICS: Final = (
    "清洁家园志愿服务",
    "关爱空巢老人",
    "文明交通劝导",
    "义务理发进社区",
    "政策宣讲进小区",
    "助力创城志愿服务",
    "冬季扫雪志愿服务",
    "爱心义诊",
)
LECTURES: Final = (
    "书记讲党课：学习贯彻党的十九大精神",
    "党章学习专题党课",
    "《习近平新时代中国特色社会主义思想三十讲》导读",
    "党的纪律建设专题党课",
)
OTHER_TOPICS: Final = ("社区文艺汇演", "消防安全知识培训", "垃圾分类宣传", "邻里节活动")
THEME_DAYS: Final = ("重温入党誓词", "参观郑公祠廉政教育基地", "“两学一做”主题党日")

# 督查记录: 发现问题 (None: left blank)
ISSUES: Final = (
    "无",
    "台账更新不及时",
    "值班表未上墙",
    "满意度测评样本偏少",
    "制度执行记录不完整",
    "活动照片未归档",
    None,
)

# 服务台账
LEDGER_ITEMS: Final = (
    "党组织关系转接",
    "入党申请咨询",
    "困难党员帮扶申请",
    "流动党员登记",
    "党费缴纳咨询",
    "开具党员身份证明",
    "老党员走访慰问",
    "志愿服务报名",
    "邻里矛盾调解",
    "居民诉求反映",
    "就业信息咨询",
    "养老服务咨询",
)
DONE: Final = ("已办结，群众满意", "当场办结", "已办理完毕并电话回访", "已协调解决", "已转相关部门办结")
OPEN: Final = ("正在办理", "已上报街道，等待回复", "需补充材料")
