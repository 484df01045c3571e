"""Routes for an analyst's corrections and flags (events and incidents) and the download of the current selection.

``add_routes(app, Con, write, Filter)`` is called by create_app: ``write(fn)`` runs ``fn(connection)`` with the
store open for writing (through the server's SharedStore, like a posted document) and empties the read cache.
"""

import io
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from .. import corrections as fix
from .. import export
from ..selection import selected_records

# format -> (media type, file extension)
DOWNLOADS = {"csv": ("text/csv", "csv"), "acled": ("text/csv", "acled.csv"), "geojson": ("application/geo+json", "geojson"),
             "plover": ("application/x-ndjson", "plover.jsonl"), "json": ("application/x-ndjson", "jsonl")}


class NewCorrection(BaseModel):
    """Either ``field`` and ``value`` (a corrected value) or ``flag`` (wrong, duplicate, unsure)."""

    field: str | None = Field(None, description="event_type, actor, recipient, fatalities, date or location")
    value: str | int | None = Field(None, description="The right value (empty recipient or fatalities: none)")
    flag: str | None = Field(None, description="wrong | duplicate | unsure")
    who: str | None = Field(None, max_length=200, description="Who makes it")
    note: str | None = Field(None, max_length=fix.MAX_TEXT, description="Why")


def _apply(con, target: str, target_id: str, body: NewCorrection) -> dict[str, Any]:
    if (body.field is None) == (body.flag is None):
        raise fix.CorrectionError(f"{target} {target_id!r}: give either field and value, or flag")
    if body.flag is not None:
        return fix.flag(con, target, target_id, body.flag, body.who, body.note)
    return fix.correct(con, target, target_id, body.field or "", body.value, body.who, body.note)


def _answer(run) -> Any:
    try:
        return run()
    except fix.UnknownTarget as err:
        raise HTTPException(404, str(err)) from None
    except fix.CorrectionError as err:
        raise HTTPException(422, str(err)) from None


def add_routes(app: FastAPI, Con: Any, write, Filter: Any) -> None:  # noqa: N803 (the app's dependency types)
    for target, plural in (("event", "events"), ("incident", "incidents")):
        _target_routes(app, Con, write, target, plural)

    @app.get("/api/corrections", tags=["corrections"])
    def list_corrections(con: Con, active: bool = False) -> dict:
        """Every correction and flag, oldest first (``active``: only those not undone)."""
        return {"items": fix.listing(con, include_undone=not active)}

    @app.delete("/api/corrections/{correction_id}", tags=["corrections"])
    def undo_correction(correction_id: int) -> dict:
        """Undo a correction or flag: it is marked undone (the history keeps it) and the value it replaced returns."""
        return _answer(lambda: write(lambda con: fix.undo(con, correction_id)))

    @app.get("/api/export", tags=["read"])
    def download(con: Con, f: Filter, format: Literal["csv", "acled", "geojson", "plover", "json"] = "csv",  # noqa: A002
                 include_flagged: Annotated[bool, Query(description="Keep events flagged wrong or duplicate")] = False
                 ) -> Response:
        """The events of the filter (as /api/events) as a file, with analysts' corrections applied; events flagged
        wrong or duplicate are left out unless ``include_flagged``."""
        where = f.where()
        records = selected_records(con, where, filtered=where[0] != "1=1", include_flagged=include_flagged)
        out = io.StringIO()
        export.write(records, format, out)
        media, extension = DOWNLOADS[format]
        return Response(out.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="dotterel-events.{extension}"'})


def _target_routes(app: FastAPI, Con: Any, write, target: str, plural: str) -> None:  # noqa: N803
    problems = {403: {"description": "Read-only"}, 404: {"description": f"No such {target}"},
                422: {"description": "Unknown field or bad value"}}

    @app.post(f"/api/{plural}/{{target_id}}/corrections", tags=["corrections"], status_code=201, responses=problems,
              name=f"correct_{target}", description=f"Correct a field of an {target} or flag it; kept with who and "
              f"when, applied in reads and exports, undone with DELETE /api/corrections/{{id}}.")
    def post_correction(target_id: str, body: NewCorrection) -> dict:
        return _answer(lambda: write(lambda con: _apply(con, target, target_id, body)))

    @app.get(f"/api/{plural}/{{target_id}}/corrections", tags=["corrections"], name=f"{target}_corrections",
             description=f"The {target}'s corrections and flags, undone ones too, oldest first.")
    def get_corrections(con: Con, target_id: str) -> dict:
        if not fix.exists(con, target, target_id):
            raise HTTPException(404, f"no {target} {target_id!r}")
        return {"items": fix.listing(con, target, target_id)}
