"""povertool standards"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text
from .console import Outputs
from .options import Json


def standards(
    out: Outputs,
    standard_id: Annotated[str | None, typer.Argument(help=help_text("option.standard_id"))] = None,
    year: Annotated[int | None, typer.Option("--year", help=help_text("option.standards_year"))] = None,
    json_out: Json = False,
) -> None:
    """List the built-in standards, or show one: lines, indicators, rule, legal source, what to verify.

    Example: povertool standards vn-2027   (also: povertool standards --year 2021; povertool standards my-province.toml)
    """
    from .. import api
    from ..render.standards_view import describe

    found = api.standards_catalogue(standard_id, year=year)
    if json_out:
        from ..render.writers import to_json_text

        if found.chosen is not None:
            out.json(to_json_text(describe(found.chosen)))
        else:
            out.json(to_json_text([describe(s, kind="national") for s in found.national]
                                  + [describe(s, kind="example") for s in found.examples]))
    elif found.chosen is not None:
        from ..render.standards_view import render

        out.print(*render(found.chosen))
    else:
        from ..render.standards_view import listing

        out.print(listing(found.national, found.examples))
