"""The `kg` command: a thin shell over the library (options in, library calls, text out)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .extract import as_json
from .ingest import is_notice
from .pipeline import BuildSummary, build, extractions
from .records import Problem
from .store import StoreError, open_store


def _report(problem: Problem) -> None:
    """One line on stderr per bad input: what, and why."""
    kind = "note" if is_notice(problem) else "skipped"
    cause = problem.cause.removeprefix("notice: ")
    click.echo(f"kg: {kind}: {problem.source}: {cause}", err=True)


def _exit_code(summary: BuildSummary, strict: bool) -> int:
    """Non-zero when nothing could be read, or with --strict when anything was skipped."""
    if summary.articles == 0:
        return 1
    if strict and summary.skipped:
        return 1
    return 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Turn news articles into a knowledge graph of actors and what happened between them."""


@main.command("build")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the store, graph.trig, graph.ttl and actors.png.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
def build_command(sources: tuple[str, ...], out_dir: str, strict: bool) -> None:
    """Build the graph of SOURCES (files, folders, or - for stdin) into OUT."""
    try:
        summary = build(sources, out_dir, _report)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    for line in summary.lines():
        click.echo(line)
    sys.exit(_exit_code(summary, strict))


@main.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out statements below this confidence.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
def extract_command(sources: tuple[str, ...], fmt: str, min_confidence: float, strict: bool) -> None:
    """Print the statements found in SOURCES, one per line."""
    summary = BuildSummary()
    for result in extractions(sources, _report, summary=summary):
        for statement in result.statements:
            if statement.confidence < min_confidence:
                continue
            record = as_json(statement)
            click.echo(json.dumps(record, ensure_ascii=False) if fmt == "jsonl" else _table_line(record))
    sys.exit(_exit_code(summary, strict))


def _table_line(record: dict) -> str:
    who = record.get("participants") or [record.get("subject") or record.get("speaker") or "(article)"]
    if "participants" not in record and record.get("relation") in ("met", "phoned", "spoke") and record.get("object"):
        who = [record["subject"], record["object"]]
    what = "" if record.get("relation") in ("met", "phoned", "spoke") else f"  {record.get('object', '')}"
    return f"{record['article']}\t{record['relation']}\t{' | '.join(who)}{what}"


@main.command("query")
@click.argument("store")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_command(store: str, query: str, fmt: str) -> None:
    """Run a SPARQL QUERY (text or a .rq file) against STORE (a store or a build folder)."""
    path = Path(query)
    text = path.read_text(encoding="utf-8") if query.endswith(".rq") and path.is_file() else query
    if query.endswith(".rq") and not path.is_file():
        raise click.ClickException(f"{query}: no such query file")
    try:
        with open_store(store) as opened:
            result = opened.query(text)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    output = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]()
    click.echo(output.rstrip("\n"))
