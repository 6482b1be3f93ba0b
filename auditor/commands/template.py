"""`audit template`: write the blank inspection workbook of a standard, or one prefilled per center of a list."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.commands.common import load, standard_option


@click.command("template")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Workbook to write (.xlsx); with --centers, the folder for one workbook per center.",
)
@standard_option
@click.option("--year", type=click.IntRange(1900, 2999), help="Prefill the standard's audit-year field.")
@click.option(
    "--centers",
    type=click.Path(path_type=Path, dir_okay=False),
    help="List of centers (.xlsx): a header row with the standard's center fields, one center a row.",
)
@click.option("--force", is_flag=True, help="Overwrite workbooks that already exist (never an input file).")
def template(
    output: Path, standard_path: Path | None, year: int | None, centers: Path | None, force: bool
) -> None:
    """Write the blank inspection workbook generated from the standard's layout.

    \b
    audit template -o 2019-检查表.xlsx --year 2019
    audit template --centers 名单.xlsx --year 2019 -o 检查表/

    Exit code: 0 written, 2 bad input (one line on stderr).
    """
    from auditor.errors import AuditError
    from auditor.template import default_file_name, write_center_templates, write_template

    standard = load(standard_path)
    if centers is not None:
        written = write_center_templates(standard, centers, output, year=year, overwrite=force)
        for path in written:
            click.echo(str(path))
        click.echo(f"已生成 {len(written)} 个检查表：{output}", err=True)
        return
    target = output
    if output.is_dir() or str(output).endswith(("/", "\\")):
        target = output / default_file_name(standard, year)
    elif output.suffix.lower() != ".xlsx":
        raise AuditError("输出文件应以 .xlsx 结尾", str(output))
    write_template(standard, target, year=year, overwrite=force)
    click.echo(str(target))
