"""The words of the 疑点 (integrity hints) in every output: a reason for the inspectors to look, not a verdict."""

from __future__ import annotations

HINT_WORDS = {
    "title": "疑点",
    "line": "疑点（{n}处，供核查，不影响得分）：",
    "across_title": "疑点（跨中心，供核查，不影响得分）",
    "tally": "疑点 {n} 处（中心内 {within}，跨中心 {across}）",
    "none": "未发现疑点",
    "sheet": "疑点",
    "list_sheet": "疑点清单",
    "note": "疑点只是供考核组核查的线索（从哪里看起），不是结论，不影响得分；是否属实由考核组核实后认定。",
    "kind": "种类",
    "what": "疑点",
    "where": "位置",
    "center": "中心",
    "other": "另一中心",
    "file": "文件",
    "within": "中心内",
    "across": "跨中心",
    "no": "序号",
}

# what each hint is, in a word (the code of its finding)
HINT_KINDS = {
    "dated-after-inspection": "记录日期在检查之后",
    "duty-every-day": "全年每天同一人值班",
    "repeated-number": "编号重复",
    "identical-run": "连续答案相同",
    "shared-records": "两个中心记录相同",
    "shared-staff": "两个中心人员相同",
    "shared-answers": "两个中心问卷答案相同",
}
