"""`audit standard show`: the standard as a rich tree."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from auditor.output.wording import VETO, bonus_text, credit_text, points_text
from auditor.standard.model import Clause, Standard


def clause_label(clause: Clause) -> Text:
    text = Text()
    text.append(f"{clause.id} {clause.title} ", style="bold")
    if clause.kind == "veto":
        text.append(f"[{VETO}]", style="red")
    elif clause.kind == "bonus":
        text.append(f"[{bonus_text(clause)}]", style="cyan")
    else:
        text.append(f"[{points_text(clause.points)}分]", style="green")
    if clause.method:
        text.append(f" {clause.method}", style="dim")
    return text


def standard_tree(standard: Standard) -> Tree:
    root = Tree(
        Text(
            f"{standard.title}（{standard.id}，版本 {standard.version}，总分 {points_text(standard.total)}）",
            style="bold",
        )
    )
    grades = "，".join(f"{g.name}≥{points_text(g.min)}" for g in standard.grades)
    root.add(f"等级：{grades}；否决或低于最低线：{standard.veto_grade}")
    for part in standard.parts:
        label = f"{part.id} {part.title}" + (f"（{points_text(part.points)}分）" if part.points else "")
        branch = root.add(Text(label, style="bold"))
        for clause in part.clauses:
            node = branch.add(clause_label(clause))
            node.add(f"检查：{clause.check.TYPE} — {clause.check.describe()}")
            if clause.kind != "veto":
                node.add(f"计分：{credit_text(clause.credit)}")
            for rule in clause.applies_when:
                node.add(f"适用：{rule.condition.describe()}时")
    return root
