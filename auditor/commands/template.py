"""`audit template`: write the blank inspection workbook of a standard, or one prefilled per center of a list."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.commands.common import load, standard_option


@click.command("template", short_help="生成标准对应的空白检查表，或按中心名单每个中心一份")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    metavar="文件",
    help="要写的工作簿（.xlsx）；用 --centers 时为文件夹，每个中心一份。",
)
@standard_option
@click.option("--year", type=click.IntRange(1900, 2999), metavar="年度", help="预填标准的年度栏目。")
@click.option(
    "--centers",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="名单.xlsx",
    help="中心名单（.xlsx）：表头为标准的中心栏目（编号、名称等），每行一个中心。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的工作簿（输入文件永远不会被覆盖）。")
@click.option(
    "--waivers",
    is_flag=True,
    help="改为生成空白的复核登记表（豁免、改判），供 check/report --waivers 读入。",
)
def template(
    output: Path,
    standard_path: Path | None,
    year: int | None,
    centers: Path | None,
    force: bool,
    waivers: bool = False,
) -> None:
    """按标准的版式生成空白检查表（填表说明、各工作表、下拉选项和数据验证）。

    \b
    audit template -o 2019-检查表.xlsx --year 2019
    audit template --centers 名单.xlsx --year 2019 -o 检查表/
    audit template --waivers -o 复核登记表.xlsx

    退出代码：0 已生成；2 输入有误（stderr 上一行说明）。
    """
    from auditor.errors import AuditError
    from auditor.output.wording import TEMPLATE_WORDS
    from auditor.template import default_file_name, write_center_templates, write_template

    standard = load(standard_path)
    if waivers:
        from auditor.output.wording import WAIVER_FILE
        from auditor.template.waivers import write_waivers

        target = output / WAIVER_FILE if output.is_dir() or str(output).endswith(("/", "\\")) else output
        if target.suffix.lower() != ".xlsx":
            raise AuditError(TEMPLATE_WORDS["suffix"], str(output))
        click.echo(str(write_waivers(standard, target, overwrite=force)))
        return
    if centers is not None:
        written = write_center_templates(standard, centers, output, year=year, overwrite=force)
        for path in written:
            click.echo(str(path))
        click.echo(TEMPLATE_WORDS["written"].format(n=len(written), folder=output), err=True)
        return
    target = output
    if output.is_dir() or str(output).endswith(("/", "\\")):
        target = output / default_file_name(standard, year)
    elif output.suffix.lower() != ".xlsx":
        raise AuditError(TEMPLATE_WORDS["suffix"], str(output))
    write_template(standard, target, year=year, overwrite=force)
    click.echo(str(target))
