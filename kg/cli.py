"""The `kg` command: a thin shell over the library (options in, library calls, text out)."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click
import networkx as nx

from . import __version__
from .analytics import graph_stats
from .distributed import DistributedError
from .draw import draw_relationships, draw_timeline
from .evaluate import evaluate, load_gold, predictions_of, read_predictions, texts_of
from .extract import RuleError, as_json, default_rules
from .graph import GRAPH_FORMATS, export_graph, projection
from .html import write_html
from .ingest import ID_FROM, MAX_CHARS, is_notice
from .jsonld import jsonld_text
from .lexicon import LexiconError
from .pipeline import OUTPUTS, BuildSummary, bring_up_to_date, build, check_outputs, expected_inputs, extractions
from .progress import build_progress
from .records import RELATIONS, Problem
from .registry import RegistryError
from .resolve import REGISTRY, actor_profile, actor_table, conflict_table
from .review import ActorLookupError, Decision, one_actor, review
from . import review as corrections
from .validate import validate_store
from .store import (
    EXPORT_FORMATS, QUERY_TIMEOUT, QueryResult, QueryTimeout, RemoteStore, SparqlSyntaxError, StoreError, UpdateRefused,
    open_store, parse_param,
)
from .server import serve_store


def _report(problem: Problem) -> None:
    """One line on stderr per bad input: what, and why."""
    click.echo(_problem_line(problem), err=True)


def _problem_line(problem: Problem) -> str:
    kind = "note" if is_notice(problem) else "failed" if problem.failure else "skipped"
    cause = problem.cause.removeprefix("notice: ")
    return f"kg: {kind}: {problem.source}: {cause}"


def _exit_code(summary: BuildSummary, strict: bool) -> int:
    """Non-zero when nothing could be read (a build then writes nothing), or with --strict when
    anything was skipped or failed."""
    if summary.articles == 0:
        return 1
    if strict and (summary.skipped or summary.failed):
        return 1
    return 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Turn news articles into a knowledge graph of actors and what happened between them."""


#: Where article ids come from (`kg.ingest.ID_FROM`), for the commands that read articles.
_ID_FROM_OPTION = click.option(
    "--id-from", type=click.Choice(ID_FROM), default=ID_FROM[0], show_default=True,
    help="Where article ids come from.  auto: a JSON record's id, else its url; else the file's path below the "
         "folder given, without suffix (a/story; a file given itself: its stem), -LINE after it for a record; "
         "stdin: a hash of the text.  url, path, stem: that alone (an article without one: as auto).  hash: a "
         "hash of the text.  An id another input holds is kept apart as ID@STEM-HASH8, with a note naming both.")


@main.command("build")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the store, graph.trig, graph.ttl, actors.png and actors.html.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
@click.option("--no-validate", is_flag=True, help="Do not check each article graph against ontology/shapes.ttl.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes that parse and extract in parallel (one spaCy pipeline each); with --dask local, "
                   "the local Dask workers.")
@click.option("--force", is_flag=True, help="Extract every article again, even those whose graph is up to date.")
@click.option("--max-chars", type=click.IntRange(min=1), default=MAX_CHARS, show_default=True,
              help="Skip an input file (or JSON record) longer than this many characters, as too large.")
@click.option("--store", "store", metavar="FOLDER|URL",
              help="Store to build into: a store folder, or a SPARQL server's base URL (its /query and /update "
                   "endpoints).  [default: OUT/store]")
@click.option("--update-url", metavar="URL",
              help="The server's SPARQL update endpoint, when it is not STORE/update; --store is then its query "
                   "endpoint itself (GraphDB, Virtuoso: see README).")
@click.option("--dask", "scheduler", metavar="ADDRESS|local",
              help="Ingest and extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' "
                   "for --workers local processes.")
@click.option("--registry", type=click.Path(dir_okay=False), default=str(REGISTRY), show_default="ontology/actors.ttl",
              help="The actor registry to resolve with (the decisions of kg merge, split, ignore and rename).")
@click.option("--outputs", "outputs_text", metavar="LIST", default=",".join(OUTPUTS), show_default=True,
              help="What to write besides the store, comma-separated: trig (graph.trig), ttl (graph.ttl), png "
                   "(actors.png), html (actors.html); '' for none.")
@click.option("--no-export", is_flag=True, help="Write neither graph.trig nor graph.ttl (whatever --outputs says).")
@_ID_FROM_OPTION
def build_command(sources: tuple[str, ...], out_dir: str, strict: bool, no_validate: bool, workers: int,
                  force: bool, max_chars: int, store: str | None, update_url: str | None,
                  scheduler: str | None, registry: str, outputs_text: str, no_export: bool, id_from: str) -> None:
    """Build the graph of SOURCES (files, folders, or - for stdin) into OUT.

    An article whose graph is up to date (same content, same kg) is not extracted again, unless
    --force.  An output already in OUT is kept as it is when the store has not changed since it
    was written (build records apart) and kg is the same ("kept (store unchanged): PATH"; delete
    OUT/.kg-outputs.json to write them all again).  A progress bar is drawn when stderr is a
    terminal.  When no article could be read at all, nothing is written (a store already in OUT
    is left as it was) and the exit code is 1.
    """
    if urlsplit(out_dir).scheme.lower() in ("http", "https"):
        raise click.UsageError("-o is the folder for graph.trig, actors.png, ...; a SPARQL server goes to --store")
    if update_url is not None and store is None:
        raise click.UsageError("--update-url goes with --store QUERY_URL")
    try:
        outputs = check_outputs(name.strip() for name in outputs_text.split(",") if name.strip()
                                and not (no_export and name.strip() in ("trig", "ttl")))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--outputs") from None
    try:
        target = store if update_url is None else RemoteStore(store, query_url=store, update_url=update_url)
        options = {"validate": not no_validate, "force": force, "store": target, "workers": workers,
                   "max_chars": max_chars, "registry": registry, "id_from": id_from, "outputs": outputs}
        with build_progress(sources, expected_inputs) as bar:
            def report(problem: Problem) -> None:
                bar.write(_problem_line(problem))

            if scheduler is None:
                summary = build(sources, out_dir, report, progress=bar.update, **options)
            else:
                from .distributed import build_distributed  # dask is imported only when asked for
                summary = build_distributed(sources, out_dir, report, scheduler=scheduler, progress=bar.update,
                                            **options)
    except (StoreError, DistributedError, RegistryError) as error:
        raise click.ClickException(str(error)) from None
    for line in summary.lines():
        click.echo(line)
    if summary.wrote_nothing:
        click.echo(_nothing_read(summary, sources, store or out_dir), err=True)
    sys.exit(_exit_code(summary, strict))


def _nothing_read(summary: BuildSummary, sources: tuple[str, ...], target: str) -> str:
    """One line for a build that read no article, and so wrote nothing (`BuildSummary.wrote_nothing`)."""
    given = " ".join(sources) if len(sources) <= 3 else f"{' '.join(sources[:3])} ..."
    if summary.skipped or summary.failed:
        why = f"every input was skipped or failed ({summary.skipped} skipped, {summary.failed} failed, above)"
    else:
        why = f"{given} {'holds' if len(sources) == 1 else 'hold'} no article"
    return f"kg: nothing read: {why}; nothing written to {target}"


@main.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out statements below this confidence.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
@_ID_FROM_OPTION
def extract_command(sources: tuple[str, ...], fmt: str, min_confidence: float, strict: bool, id_from: str) -> None:
    """Print the statements found in SOURCES, one per line."""
    summary = BuildSummary()
    for result in extractions(sources, _report, summary=summary, id_from=id_from):
        for statement in result.statements:
            if statement.confidence < min_confidence:
                continue
            record = as_json(statement)
            click.echo(json.dumps(record, ensure_ascii=False) if fmt == "jsonl" else _table_line(record))
    sys.exit(_exit_code(summary, strict))


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("sources", nargs=-1)
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False), metavar="FILE.jsonl",
              help="Score this `kg extract --format jsonl` output instead of extracting SOURCES (SOURCES, if "
                   "given, are only read for the context of misses).")
@click.option("--misses", "show_misses", is_flag=True,
              help="Also list every missed gold item and every wrong or forbidden statement.")
@click.option("--rule", metavar="RULE_ID", help="With --misses (or --json), only the statements of this rule.")
@click.option("--json", "as_json_output", is_flag=True, help="Print everything as JSON.")
def evaluate_command(gold: str, sources: tuple[str, ...], predictions: str | None, show_misses: bool,
                     rule: str | None, as_json_output: bool) -> None:
    """Score kg's extraction of SOURCES against the hand-annotated GOLD file, overall and per rule."""
    if predictions is None and not sources:
        raise click.UsageError("give the articles to extract (SOURCES), or --predictions FILE.jsonl")
    try:
        truth = load_gold(gold)
        if predictions is None:
            records, texts = predictions_of(extractions(sources, _report))
        else:
            records, texts = read_predictions(predictions), texts_of(sources, _report)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    evaluation = evaluate(truth, records, texts)
    if as_json_output:
        click.echo(evaluation.to_json(rule))
        return
    lines = evaluation.score_lines() + [""] + evaluation.rule_lines()
    if show_misses:
        lines += ["", *evaluation.miss_lines(rule)]
    click.echo("\n".join(lines))


@main.command("validate")
@click.argument("store")
def validate_command(store: str) -> None:
    """Check every article graph in STORE, and their union (what queries and the merged
    export graph.ttl show), against the SHACL shapes (ontology/shapes.ttl)."""
    try:
        with open_store(store, read_only=True) as opened:
            report = validate_store(opened)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    for line in report.lines():
        click.echo(line)
    verdict = "conforms" if report.conforms else f"{len(report.violations)} violations"
    click.echo(f"{report.graphs_checked} article graphs and their union checked: {verdict}")
    sys.exit(0 if report.conforms else 1)


def _table_line(record: dict) -> str:
    """article, relation, who (and what), and the rule that read it: one tab-separated line."""
    who = record.get("participants") or [record.get("subject") or record.get("speaker") or "(article)"]
    if "participants" not in record and record.get("relation") in ("met", "phoned", "spoke") and record.get("object"):
        who = [record["subject"], record["object"]]
    what = "" if record.get("relation") in ("met", "phoned", "spoke") else f"  {record.get('object', '')}"
    return f"{record['article']}\t{record['relation']}\t{' | '.join(who)}{what}\t{record.get('rule', '')}"


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rules_command(fmt: str) -> None:
    """List the extraction rules (kg/rules/*.yml), highest priority first, with what each reads."""
    try:
        rules = default_rules().rules
    except (RuleError, LexiconError) as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "relation": r.relation, "confidence": r.confidence, "priority": r.priority,
                                "file": r.source, "doc": r.doc, "examples": [e.text for e in r.examples]}
                               for r in rules], ensure_ascii=False, indent=2))
        return
    for r in rules:
        click.echo(f"{r.id}\t{r.relation}\t{r.confidence:g}\t{r.source}\t{' '.join(r.doc.split())}")


#: The actor registry a command that changes a store resolves with (`kg.pipeline.bring_up_to_date`).
_REGISTRY_OPTION = click.option(
    "--registry", type=click.Path(dir_okay=False), default=str(REGISTRY), show_default="ontology/actors.ttl",
    help="The actor registry (corrections write their decision to it); give `kg build` the same one.")


def _page_options(command):
    """--limit and --offset, which page a listing."""
    command = click.option("--offset", type=click.IntRange(min=0), default=None, metavar="N",
                           help="Skip the first N rows (with --limit: the page that starts there).")(command)
    return click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
                        help="Show at most N rows (0: all).")(command)


@main.command("query")
@click.argument("store")
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable): an http(s) IRI, a number, or a string.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "ttl", "nt", "jsonld"]),
              default="table", show_default=True,
              help="json and tsv are the W3C SPARQL 1.1 result formats; a CONSTRUCT or DESCRIBE prints RDF: "
                   "Turtle (the default), nt or jsonld (compact, kg's prefixes as its @context).")
@click.option("--max-width", type=click.IntRange(min=0), default=60, show_default=True, metavar="CHARS",
              help="Cut table cells longer than this (0: never; csv, tsv and json are never cut).")
@click.option("--update", "is_update", is_flag=True, help="Run QUERY as a SPARQL update (it writes).")
@click.option("--timeout", type=click.FloatRange(min=0), default=QUERY_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop a query that runs longer than this (0 or inf: no limit; Ctrl-C "
                                      "stops it all the same).")
@_REGISTRY_OPTION
@_page_options
def query_command(store: str, query: str, params: tuple[str, ...], fmt: str, max_width: int, is_update: bool,
                  timeout: float, registry: str, limit: int | None, offset: int | None) -> None:
    """Run a SPARQL QUERY (text, a .rq file, or - for stdin) against STORE (a store or build
    folder, or a URL).  A syntax error is one line naming its line and column in QUERY; an
    update reports how many statements the store holds more or fewer.  --limit and --offset
    replace the query's own LIMIT and OFFSET: the shipped listings show 100 rows, and
    `--offset 100` the next 100."""
    text = _query_text(query)
    if is_update and (params or limit is not None or offset is not None):
        raise click.ClickException("--param, --limit and --offset are for queries; they cannot be used with --update")
    try:
        bindings = dict(parse_param(p) for p in params)
        with open_store(store, read_only=not is_update) as opened:
            if is_update:
                before = len(opened)
                opened.update(text)
                after = len(opened)
                # no answer derived from the old graphs is left: an update may change any graph
                # and keep its content hash, so the whole corpus is resolved again
                bring_up_to_date(opened, registry, full=True)
                click.echo(_update_report(before, after))
                return
            # 0 is no limit, but still in a child process locally, so that Ctrl-C stops it
            result = opened.query(text, bindings, timeout=timeout or math.inf, limit=limit, offset=offset)
    except KeyboardInterrupt:
        click.echo(f"kg: query interrupted; {store} is unchanged", err=True)
        sys.exit(130)
    except UpdateRefused as error:
        raise click.ClickException(f"{error}; pass --update to run it") from None
    except QueryTimeout as error:
        hint = " (raise --timeout to wait longer)" if error.seconds is not None else ""
        raise click.ClickException(f"{error}; the store is unchanged{hint}") from None
    except SparqlSyntaxError as error:  # where in QUERY: the file, stdin, or the text given
        where = "stdin" if query == "-" else query if query.endswith(".rq") else None
        raise click.ClickException(f"{where}: {error}" if where else str(error)) from None
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_formatted(result, fmt, max_width).rstrip("\n"))


def _update_report(before: int, after: int) -> str:
    """What an update did, told by the number of statements (quads) the store holds: SPARQL
    updates report nothing themselves, and one that matched nothing is no error."""
    if after == before:
        return (f"update done: the store holds as many statements as before ({after:,}): the update "
                f"matched nothing, or added as many as it removed")
    change = f"{abs(after - before):,} statement{'s' if abs(after - before) != 1 else ''}"
    return f"update done: {change} {'removed' if after < before else 'added'} ({before:,} -> {after:,} in the store)"


#: RDF formats a CONSTRUCT or DESCRIBE result is printed in (rdflib's names)
_RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}  # jsonld: kg.jsonld writes it


def _formatted(result: QueryResult, fmt: str, max_width: int) -> str:
    """A query's result as `fmt` asks: a graph (CONSTRUCT, DESCRIBE) as RDF, Turtle unless another
    RDF format is asked; rows as a table (cells cut at `max_width`, 0: never), CSV, TSV or JSON."""
    if result.graph is not None:
        if fmt == "jsonld":  # compact, with kg's prefixes as an inline @context, as `kg export` writes it
            return jsonld_text(result.graph)
        return result.graph.serialize(format=_RDF_FORMATS.get(fmt, "turtle"))
    if fmt in _RDF_FORMATS:
        raise click.ClickException(f"--format {fmt} is for CONSTRUCT and DESCRIBE; this query gives rows")
    if fmt == "table":
        return result.to_table(max_width or None)
    return {"csv": result.to_csv, "tsv": result.to_tsv, "json": result.to_sparql_json}[fmt]()


def _query_text(query: str) -> str:
    """QUERY itself, the query read from stdin (-), or the text of the .rq file it names."""
    if query == "-":
        return click.get_text_stream("stdin").read()
    if not query.endswith(".rq"):
        return query
    try:
        return Path(query).read_text(encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"{query}: cannot read the query file ({error.strerror or error})") from None


#: `--workers` of the commands whose resolution may extract articles again (undoing a merge)
_REEXTRACT_WORKERS = click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Processes that extract in parallel the articles resolution must extract again (a merge undone).")


@main.command("remove")
@click.argument("store")
@click.argument("article_ids", nargs=-1, required=True)
@_REGISTRY_OPTION
@_REEXTRACT_WORKERS
def remove_command(store: str, article_ids: tuple[str, ...], registry: str, workers: int) -> None:
    """Remove the graphs of ARTICLE_IDS from STORE; exit non-zero if none was there."""
    removed = 0
    try:
        with open_store(store) as opened:
            for article_id in article_ids:
                if opened.remove_article(article_id):
                    removed += 1
                    click.echo(f"removed: {article_id}")
                else:
                    click.echo(f"kg: not in the store: {article_id}", err=True)
            if removed:
                bring_up_to_date(opened, registry, workers=workers)  # merges, events and counts without those articles
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    sys.exit(0 if removed else 1)


@main.command("resolve")
@click.argument("store")
@click.option("--full", is_flag=True, help="Resolve the whole corpus from scratch, not only what changed.")
@_REGISTRY_OPTION
@_REEXTRACT_WORKERS
def resolve_command(store: str, full: bool, registry: str, workers: int) -> None:
    """Bring STORE's cross-article resolution (merges, consolidated events, conflicts) up to
    date with its article graphs. A build does this itself, deciding again only where the
    corpus changed; --full decides everything again, e.g. after editing graphs by other means."""
    try:
        with open_store(store) as opened:
            resolution = bring_up_to_date(opened, registry, full=full, workers=workers)
            totals = opened.counts()
    except (StoreError, RegistryError) as error:
        raise click.ClickException(str(error)) from None
    scope = "the whole corpus" if resolution.whole else "what changed since the last resolution"
    click.echo(f"resolved {scope}: {len(resolution.merges)} merges, {len(resolution.ambiguous)} ambiguous names, "
               f"{len(resolution.events)} events")
    click.echo("\n".join(totals.lines()))


@main.command("export")
@click.argument("store")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write, or - for stdout (then in --format, TriG by default).")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default=None,
              help="turtle/ttl and ntriples/nt merge all graphs; trig, nquads/nq and jsonld keep "
                   "one graph per article.  [default: from the file suffix]")
def export_command(store: str, output: str, fmt: str | None) -> None:
    """Write everything STORE holds to one RDF file (or to stdout: -o -)."""
    try:
        with open_store(store, read_only=True) as opened:
            if output == "-":
                _export_to_stdout(opened, fmt or "trig")
                return
            opened.export(output, fmt)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote: {output}")


def _export_to_stdout(store, fmt: str) -> None:
    """The export in `fmt` on stdout, as rdfpipe and Oxigraph's CLI write to `-`: written to a
    scratch file first (the store writes files), then copied out."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kg-export-") as scratch:
        path = Path(scratch) / "export"
        store.export(path, fmt)
        with path.open("rb") as written:
            shutil.copyfileobj(written, click.get_binary_stream("stdout"))


@main.command("serve")
@click.argument("store")
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Address to listen on (keep 127.0.0.1 unless others should reach it).")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates (read-only otherwise).")
@click.option("--allow-federation", is_flag=True,
              help="Let queries use SERVICE (and updates LOAD): the server then sends requests to any URL a "
                   "client names.  Refused otherwise.")
@click.option("--i-know-it-is-public", "public", is_flag=True,
              help="Allow --writable on an address other than loopback (anyone who reaches it can write).")
def serve_command(store: str, bind: str, writable: bool, allow_federation: bool, public: bool) -> None:
    """Serve STORE (a store or build folder) as a SPARQL endpoint with `oxigraph serve`.

    Queries see the union of all graphs, as with `kg query`.  The store is locked while served:
    a build into it is refused (naming this server), and a store being built is not served.
    SERVICE is refused unless --allow-federation.  Stop with Ctrl-C.
    """
    try:
        serve_store(store, bind, writable=writable, allow_federation=allow_federation, public=public,
                    announce=click.echo)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


# --- the projection: diagrams, statistics, graph files ------------------------------------------

def _projection_options(command):
    """The filters of `kg.graph.projection`, shared by draw, stats and export-graph."""
    options = [
        click.option("--relation", "relations", multiple=True, type=click.Choice(list(RELATIONS)),
                     help="Project only this relation (repeatable).  [default: met, phoned, condemned]"),
        click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--until", metavar="DATE", help="Only events on or before DATE."),
        click.option("--min-articles", type=click.IntRange(1), default=1, show_default=True,
                     help="Only relations reported by at least this many articles."),
        click.option("--among", multiple=True, metavar="NAME",
                     help="Only relations among these actors (repeatable; a name, alias or part of one)."),
        click.option("--actor", metavar="NAME", help="Only the actor NAME and its neighbourhood (drawn around it)."),
        click.option("--depth", type=click.IntRange(1), default=1, show_default=True,
                     help="How many steps around --actor."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _projected(store: str, relations: tuple[str, ...], since: str | None, until: str | None,
               min_articles: int, among: tuple[str, ...], actor: str | None, depth: int) -> nx.MultiDiGraph:
    """The projection of STORE with the filters given on the command line."""
    try:
        with open_store(store, read_only=True) as opened:
            return projection(opened, relations or None, since=since, until=until, min_articles=min_articles,
                              actors=among, ego=actor, depth=depth)
    except (StoreError, ValueError) as error:
        raise click.ClickException(str(error)) from None


@main.command("draw")
@click.argument("store")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Figure to write: .png, .svg or .pdf.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also (or only) write the interactive page, a self-contained .html file.")
@click.option("--timeline", is_flag=True, help="Draw events per actor pair over time instead of the diagram.")
@click.option("--top", type=click.IntRange(0), default=30, show_default=True,
              help="Label only this many of the most connected actors; the others are dots.")
@click.option("--title", help="Title of the figure.  [default: what, how many articles, which dates]")
@_projection_options
def draw_command(store: str, output: str | None, html_path: str | None, timeline: bool, top: int,
                 title: str | None, **filters) -> None:
    """Draw the relationships in STORE: a figure (-o) and/or an interactive page (--html)."""
    if output is None and html_path is None:
        raise click.UsageError("give -o FILE.png|svg|pdf, --html FILE.html, or both")
    graph = _projected(store, **filters)
    try:
        if output is not None:
            written = (draw_timeline(graph, output, title) if timeline
                       else draw_relationships(graph, output, title, top=top))
            click.echo(f"wrote: {written}")
        if html_path is not None:
            click.echo(f"wrote: {write_html(graph, html_path, title, top=top)}")
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None


@main.command("stats")
@click.argument("store")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Entries per list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_projection_options
def stats_command(store: str, top: int, fmt: str, **filters) -> None:
    """Counts, the most central actors, communities and the busiest pairs of STORE's relations."""
    stats = graph_stats(_projected(store, **filters), top=top)
    click.echo(stats.to_json() if fmt == "json" else "\n".join(stats.lines()))


@main.command("export-graph")
@click.argument("store")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--format", "fmt", type=click.Choice(list(GRAPH_FORMATS)), default=None,
              help="graphml (Cytoscape, Gephi, networkx), gexf (Gephi: per-edge direction, dates on the "
                   "timeline) or csv (edges, plus nodes in <stem>.nodes.csv).  [default: from the file suffix]")
@_projection_options
def export_graph_command(store: str, output: str, fmt: str | None, **filters) -> None:
    """Write the actor graph of STORE (one edge per relation and pair) for graph tools."""
    graph = _projected(store, **filters)
    try:
        for path in export_graph(graph, output, fmt):
            click.echo(f"wrote: {path}")
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None


def _resolution_table(store: str, read, limit: int | None = None, offset: int | None = None) -> None:
    """Open STORE, run one of kg.resolve's readers, print its table (the page asked for)."""
    try:
        with open_store(store, read_only=True) as opened:
            result = read(opened).page(limit, offset or 0)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(result.to_table().rstrip("\n"))


@main.command("actors")
@click.argument("store")
@_page_options
def actors_command(store: str, limit: int | None, offset: int | None) -> None:
    """List the actors of STORE: kind, every label, articles naming them, merges into them; most
    mentioned first."""
    _resolution_table(store, actor_table, limit, offset)


@main.command("actor")
@click.argument("store")
@click.argument("name")
def actor_command(store: str, name: str) -> None:
    """One actor's profile, by any of its labels, a prefix or a close spelling: its labels, roles,
    affiliation, events with whom, and why names were merged into it.  Several matches are listed
    (exit code 1)."""
    try:
        with open_store(store, read_only=True) as opened:
            actor = one_actor(opened, name, loose=True)
            result = actor_profile(opened, actor.iri)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    except ActorLookupError as error:
        _lookup_failure(error)
    keep = [n for n, column in enumerate(result.columns) if column not in {"name", "actor"}]
    click.echo(f"{actor.label} <{actor.iri}>")  # who was found, once; then what is known of them
    click.echo(QueryResult([result.columns[n] for n in keep],
                           [tuple(row[n] for n in keep) for row in result.rows]).to_table().rstrip("\n"))


def _lookup_failure(error: ActorLookupError) -> None:
    """A name that fits no actor or several: one line, the candidates below it, exit code 1."""
    click.echo(f"kg: {error}" if not error.candidates else f"kg: several actors fit; give one of these:", err=True)
    for candidate in error.candidates:
        click.echo(f"  {candidate.describe()}", err=True)
    sys.exit(1)


# --- correcting kg: review, then record decisions in the registry ---------------------------------

@main.command("review")
@click.argument("store")
def review_command(store: str) -> None:
    """What a person should look at in STORE: possible merges, suspect labels, conflicting kinds."""
    try:
        with open_store(store, read_only=True) as opened:
            found = review(opened)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo("\n".join(found.lines()))


def _decide(store: str, registry: str, decide, *names: str) -> None:
    """Check the names, record the decision in REGISTRY, apply the registry to STORE, report."""
    try:
        with open_store(store) as opened:
            decision: Decision = decide(opened, registry, *names)
            resolution = bring_up_to_date(opened, registry)
    except (StoreError, RegistryError) as error:
        raise click.ClickException(str(error)) from None
    except ActorLookupError as error:
        _lookup_failure(error)
    click.echo(decision.summary)
    for note in decision.notes:
        click.echo(f"note: {note}")
    click.echo(f"recorded in {registry}; applied to {store}: {len(resolution.merges)} merges, "
               f"{len(resolution.removed)} actors removed (kg build with --registry {registry} keeps it)")


@main.command("merge")
@click.argument("store")
@click.argument("name")
@click.argument("into")
@_REGISTRY_OPTION
def merge_command(store: str, name: str, into: str, registry: str) -> None:
    """Record that NAME is the same actor as INTO (labels or IRIs), and apply it to STORE."""
    _decide(store, registry, corrections.merge, name, into)


@main.command("split")
@click.argument("store")
@click.argument("name")
@_REGISTRY_OPTION
def split_command(store: str, name: str, registry: str) -> None:
    """Undo the merge of NAME (the label or IRI it had): it is not the actor it was merged into."""
    _decide(store, registry, corrections.split, name)


@main.command("ignore")
@click.argument("store")
@click.argument("label")
@_REGISTRY_OPTION
def ignore_command(store: str, label: str, registry: str) -> None:
    """Record that LABEL is not an actor, and remove it (and the events that need it) from STORE."""
    _decide(store, registry, corrections.ignore, label)


@main.command("rename")
@click.argument("store")
@click.argument("name")
@click.argument("label")
@_REGISTRY_OPTION
def rename_command(store: str, name: str, label: str, registry: str) -> None:
    """Record that the actor NAME is shown as LABEL everywhere, and apply it to STORE."""
    _decide(store, registry, corrections.rename, name, label)


@main.command("conflicts")
@click.argument("store")
@_page_options
def conflicts_command(store: str, limit: int | None, offset: int | None) -> None:
    """Where articles disagree: different dates or places, or a meeting both held and cancelled."""
    _resolution_table(store, conflict_table, limit, offset)
