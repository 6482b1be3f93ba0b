"""Check types: one module each, and the explicit registry the loader uses."""

from __future__ import annotations

from auditor.checks.build import CheckClass
from auditor.checks.count import RowCountCheck
from auditor.checks.coverage import CoverageCheck
from auditor.checks.field import FieldCheck
from auditor.checks.items import TableItemsCheck
from auditor.checks.mean import WeightedMeanCheck
from auditor.checks.periods import PeriodCoverageCheck
from auditor.checks.ratio import FieldRatioCheck
from auditor.checks.share import ShareCheck

REGISTRY: dict[str, CheckClass] = {
    cls.TYPE: cls
    for cls in (
        FieldCheck,
        FieldRatioCheck,
        TableItemsCheck,
        CoverageCheck,
        RowCountCheck,
        ShareCheck,
        PeriodCoverageCheck,
        WeightedMeanCheck,
    )
}

__all__ = ["REGISTRY", "CheckClass"]
