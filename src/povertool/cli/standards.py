"""povertool standards"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text
from .options import Debug, Json, Lang, Quiet, setup


def standards(
    standard_id: Annotated[str | None, typer.Argument(help=help_text("option.standard_id"))] = None,
    year: Annotated[int | None, typer.Option("--year", help=help_text("option.standards_year"))] = None,
    json_out: Json = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """List the built-in standards, or show one: lines, indicators, rule, legal source, what to verify.

    Example: povertool standards vn-2027   (also: povertool standards --year 2021; povertool standards my-province.toml)
    """
    setup(quiet, debug, lang)
    from ..read import standards as std_io
    from ..render.standards_view import describe, listing
    from . import console

    if year is not None:
        from ..api.guards import check_year

        check_year(year)
    if standard_id is None and year is not None:
        standard_id = std_io.standard_for_year(year).id
    if standard_id is None:
        items = [std_io.read_standard(i) for i in std_io.builtin_ids()]
        examples = [std_io.read_standard(i) for i in std_io.example_ids()]
        if json_out:
            from ..render.writers import to_json_text

            rows = [describe(s, kind="national") for s in items] + [describe(s, kind="example") for s in examples]
            console.print_json(to_json_text(rows))
        else:
            console.out.print(listing(items, examples))
        return
    std = std_io.read_standard(standard_id)
    if json_out:
        from ..render.writers import to_json_text

        console.print_json(to_json_text(describe(std)))
    else:
        from ..render.standards_view import render

        for part in render(std):
            console.out.print(part)
