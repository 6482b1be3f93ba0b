"""PyYAML's syntax errors in the words of the people editing a standard.

PyYAML explains a syntax error in English and in its own terms (``mapping values are not allowed
here``, ``expected <block end>, but found '<block mapping start>'``). :func:`yaml_message` says the
same in Chinese, with the usual cause; an error it does not know keeps PyYAML's text after a Chinese
lead, so nothing is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# How PyYAML names what it found (its token ids), in the editors' words.
TOKENS = {
    "<stream end>": "文件末尾",
    "<document start>": "“---”",
    "<document end>": "“...”",
    "<block sequence start>": "列表项“- ”",
    "<block mapping start>": "新的键",
    "<block end>": "缩进减少",
    "<flow sequence start>": "“[”",
    "<flow sequence end>": "“]”",
    "<flow mapping start>": "“{”",
    "<flow mapping end>": "“}”",
    "<block entry>": "列表项“- ”",
    "<alias>": "别名“*”",
    "<anchor>": "锚点“&”",
    "<tag>": "标签“!”",
    "<scalar>": "一个值",
    "<directive>": "指令“%”",
    "?": "“?”",
    ":": "“:”",
    ",": "“,”",
    "-": "列表项“- ”",
}


def _token(found: str) -> str:
    text = found.strip("'\"")
    if text in TOKENS:
        return TOKENS[text]
    if text in ("\\t", "\t"):
        return "制表符（Tab）"
    return f"“{text}”"


def _char(found: str) -> str:
    return _token(found)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

RULES: list[_Rule] = [
    (
        re.compile(r"mapping values are not allowed here"),
        lambda m: "此处不能出现“: ”（值里含有冒号加空格时请给整个值加引号，或检查缩进）",
    ),
    (
        re.compile(r"found character (.+) that cannot start any token"),
        lambda m: (
            "含有制表符（Tab）：YAML 只能用空格缩进"
            if "\\t" in m.group(1)
            else f"{_char(m.group(1))}不能出现在值的开头（请给值加引号）"
        ),
    ),
    (
        re.compile(r"could not find expected ':'"),
        lambda m: "找不到应有的“:”（键后缺少冒号，或一个值跨了多行却没有加引号）",
    ),
    (re.compile(r"found unexpected end of stream"), lambda m: "文件意外结束（引号未闭合？）"),
    (re.compile(r"found unexpected document separator"), lambda m: "引号未闭合就遇到了“---”"),
    (
        re.compile(r"found undefined alias '?([^']*)'?"),
        lambda m: f"未定义的别名“*{m.group(1)}”（前文没有“&{m.group(1)}”）",
    ),
    (re.compile(r"found duplicate anchor '?([^';]*)'?"), lambda m: f"锚点“&{m.group(1)}”重复定义"),
    (
        re.compile(r"but found another document|expected a single document"),
        lambda m: "一个标准文件只能有一个 YAML 文档（这里出现了第二个“---”）",
    ),
    (
        re.compile(r"expected ',' or '\]', but got (.+)"),
        lambda m: (
            f"方括号列表中应为“,”或“]”，却遇到{_token(m.group(1))}（“[”未闭合，或值里的“: ”没有加引号）"
        ),
    ),
    (
        re.compile(r"expected ',' or '\}', but got (.+)"),
        lambda m: (
            f"花括号映射中应为“,”或“}}”，却遇到{_token(m.group(1))}（“{{”未闭合，或值里的“: ”没有加引号）"
        ),
    ),
    (
        re.compile(r"expected <block end>, but found (.+)"),
        lambda m: f"缩进与上文对不上：此处遇到{_token(m.group(1))}（同一层的键须对齐，列表项须以“- ”开头）",
    ),
    (
        re.compile(r"expected '<document start>', but found (.+)"),
        lambda m: f"文档的开头不对：遇到{_token(m.group(1))}",
    ),
    (
        re.compile(r"expected (?:the )?node content, but found (.+)"),
        lambda m: f"此处缺少值，却遇到{_token(m.group(1))}",
    ),
    (
        re.compile(r"invalid indentation or unclosed '\[' or '\{'"),
        lambda m: "缩进不对，或“[”“{”未闭合",
    ),
    (
        re.compile(r"found unknown escape character (.+)"),
        lambda m: (
            f"双引号中有无法识别的转义“\\{m.group(1).strip(chr(39))}”（反斜杠请写成“\\\\”，或改用单引号）"
        ),
    ),
    (re.compile(r"sequence entries are not allowed here"), lambda m: "此处不能出现列表项“- ”（检查缩进）"),
    (re.compile(r"mapping keys are not allowed here"), lambda m: "此处不能出现“? ”"),
    (re.compile(r"found unhashable key"), lambda m: "键不能是列表或映射"),
    (
        re.compile(r"expected alphabetic or numeric character, but found (.+)"),
        lambda m: f"锚点或别名的名称只能用字母和数字，却遇到{_char(m.group(1))}",
    ),
    (
        re.compile(r"expected a comment or a line break, but found (.+)"),
        lambda m: f"这一行在结束处多出了{_char(m.group(1))}（引号后面只能是注释）",
    ),
    (
        re.compile(r"could not determine a constructor for the tag (.+)"),
        lambda m: f"不认识的标签 {m.group(1)}（标准中不使用“!”标签）",
    ),
]


def yaml_message(problem: str) -> str:
    """PyYAML's ``problem`` text as one Chinese sentence (its English kept when it is not a known one)."""
    for pattern, say in RULES:
        match = pattern.search(problem)
        if match:
            return say(match)
    return f"无法解析（{problem}）"
