"""The command line's own words: click's messages in Chinese (usage errors, help headings), the progress bar."""

from __future__ import annotations

from auditor.output.wording.base import NAME_LIMIT, PATH_LIMIT, VETO, shown
from auditor.result import CenterResult

PROGRESS = "检查中"
INTERRUPTED = "已中断"
INTERNAL = "内部错误（请报告）"
ERROR_PREFIX, WARNING_PREFIX = "错误", "警告"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
VERSION = "%(prog)s 版本 %(version)s"

# click's messages (click >= 8.1, gettext keys) -> Chinese; placeholders as in click.
CLICK: dict[str, str] = {
    "%(prog)s, version %(version)s": VERSION,
    "(dynamic)": "（动态）",
    "Aborted!": "已取消",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Commands": "命令",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Error: {message}": "错误: {message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Options": "选项",
    "Positional arguments": "位置参数",
    "Show the version and exit.": "显示版本后退出。",
    "Show this message and exit.": "显示本帮助后退出。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Usage:": "用法:",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "deprecated": "已弃用",
    "directory": "目录",
    "env var: {var}": "环境变量：{var}",
    "file": "文件",
    "path": "路径",
    "unknown error": "未知错误",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "Value must be an iterable.": "值必须是一组值。",
}
CLICK_PLURAL: dict[str, str] = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
}
# click's type names, as they appear in messages ("不是有效的整数").
TYPE_NAMES = {
    "integer": "整数",
    "float": "数字",
    "integer range": "整数",
    "float range": "数字",
    "text": "文字",
}

# The terminal view of `audit check`.
TERMINAL_WORDS = {
    "unnamed": "（未填写{}）",
    "points": "分",
    "base_line": "基础分 {base} + 加分 {bonus}",
    "note": "注意：",
    "all_pass": "所有条款均达标",
    "review": "复核",
    "more": "…另有{}条",
    "summary": "汇总",
    "type": "类型",
    "score": "得分",
    "grade": "等级",
    "yes": "是",
    "tally": "{counts}；无法检查的文件 {errors} 个",
    "as_of": "截至{day}",  # audited as of a day (--as-of)
    "summary_as_of": "汇总（截至{day}）",
}

# `audit report` and `audit template`
REPORT_WORDS = {"written": "已写入 {n} 份验收报告和汇总 {summary}", "pages": "网页：{index}"}
TEMPLATE_WORDS = {
    "written": "已生成 {n} 个检查表：{folder}",
    "suffix": "输出文件应以 .xlsx 结尾",
    "number": "请输入不小于{min}的数字（不要带单位或文字）",
    "integer": "请输入不小于{min}的整数（不要带单位或文字）",
    "number_any": "请输入数字（不要带单位或文字）",
    "integer_any": "请输入整数（不要带单位或文字）",
    "year": "请输入四位数的年份，如 {year}",
    "date": "请输入{first}至{last}之间的日期，如 {year}-03-05",
    "score": "请输入0到{maximum}之间的分数（本条满分{maximum}分）",
    "inspectors": "由考核组填写，中心不填",
    "inspectors_line": "浅橙底色的栏目（{fields}）由考核组在检查时填写，中心不要填写。",
    "self_title": "条款名称",
    "self_max": "满分",
    "self_tip": "填写本中心对该条自评的分数：0到满分之间",
}


def report_line(center: CenterResult, path: str) -> str:
    """One center written by `audit report`: A-01 某某中心 77.3 合格 → reports/…"""
    name = shown(center.name, NAME_LIMIT) if center.name else shown(center.file, PATH_LIMIT)
    veto = f" {VETO}：{'、'.join(center.veto_reasons)}" if center.veto else ""
    from auditor.output.wording.review import scores_text

    score = scores_text(center)
    return f"{shown(center.center_id or '-', NAME_LIMIT)} {name} {score} {center.grade}{veto} → {shown(path, PATH_LIMIT)}"
